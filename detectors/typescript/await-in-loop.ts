import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { resolveBinding } from './shared/bindings.js';
import { constantText, unwrap } from './shared/constant-text.js';
import { isScriptOrCli, isTestFile } from './shared/file-role.js';
import { functionName } from './shared/function-name.js';
import { httpCall } from './shared/http-clients.js';
import { shortText } from './shared/source-text.js';
import { sqlArgument } from './shared/sql-text.js';
import { ownFunction } from './shared/try-scope.js';
import { breakTarget, enclosingLoop, enclosingLoops, readsOf, readsOfExpression, rootName, targetKey, within } from './shared/loop-scope.js';

type Loop = ts.ForStatement | ts.ForOfStatement | ts.ForInStatement;

/** `for`, `for...of` and `for...in`: the loops over items (a `while` polls or waits by design). */
function isCountedLoop(loop: ts.IterationStatement): loop is Loop {
  return ts.isForStatement(loop) || ts.isForOfStatement(loop) || ts.isForInStatement(loop);
}

/** What the traversal learns about one loop. */
interface LoopFacts {
  /** A `return`, or a `break` of this loop: the loop may stop on an awaited result (search, retry). */
  exits: boolean;
  /** An awaited sleep or delay: the pace is deliberate (rate limiting, backoff). */
  sleeps: boolean;
  /** Names and member paths assigned in the loop but declared outside it: state carried between iterations. */
  carried: Set<string>;
}

/** ORM/driver methods that always mean a database round trip. */
const DB_METHODS = /^(findByIdAndUpdate|findByIdAndDelete|findOneAndUpdate|findOneAndDelete|findOneAndReplace|replaceOne|findOne|findOneBy|findOneOrFail|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|findById|findByPk|findAll|findBy|countDocuments|aggregate|insertOne|insertMany|updateOne|updateMany|deleteOne|deleteMany|upsert|bulkWrite|\$queryRaw|\$executeRaw)$/;
/** Generic method names that are a round trip only on a database, cache or HTTP client. */
const GENERIC_METHODS = /^(get|set|create|update|delete|remove|save|count|find|insert|exec|hget|hgetall|hset|mget|send|request|post|put|patch|select|fetch)$/;
const CLIENT_RECEIVER = /(^|\.)(db|database|prisma|knex|sql|pool|conn|connection|client|redis|cache|tx|trx|transaction|session|api|http|repo|\w*Repository|\w*Repo|\w*Model|collection|em|entityManager|supabase|firestore|dynamo\w*|s3|sqs|stripe)$/i;
/** Seed data, migrations and fixtures: run once, in order, where a round trip per row does not matter. */
const ONE_OFF_PATH = /(^|\/)(seeds?|seeders?|migrations?|fixtures?)(\/|\.)|(^|\/)[^/]*seed[^/]*\.[cm]?[jt]s$/i;
const ONE_OFF_FUNCTION = /^(main|seed\w*|\w*Seed|migrate\w*|up|down)$/;
/** Awaited calls that pause on purpose. */
const SLEEP = /^(sleep|delay|wait|pause|setTimeout|backoff|throttle|timeout)$/i;

/** The name of the method or function a call invokes. */
function calleeName(call: ts.CallExpression): string {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/**
 * True when `call` is a database query or a network request. A SQL call counts only when its text is
 * written here (a literal or template): one fixed query per item is N+1, while running each item's own
 * statement (`trx.raw(createIndex)`, `db.query(m.sql)`) is a script of steps that must run in order.
 */
function isRoundTrip(call: ts.CallExpression): boolean {
  if (httpCall(call)) return true;
  const sql = sqlArgument(call);
  if (sql) return ts.isStringLiteralLike(sql) || ts.isTemplateExpression(sql) || constantText(sql) !== undefined;
  const callee = unwrap(call.expression);
  const name = calleeName(call);
  if (DB_METHODS.test(name)) return true;
  if (!ts.isPropertyAccessExpression(callee) || !GENERIC_METHODS.test(name)) return false;
  return CLIENT_RECEIVER.test(callee.expression.getText().replace(/\s+/g, '').replace(/^this\./, ''));
}

/** True when the awaited expression is a pause: `sleep(ms)`, `new Promise((r) => setTimeout(r, ms))`. */
function isSleep(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isCallExpression(e)) return SLEEP.test(calleeName(e));
  return ts.isNewExpression(e) && /setTimeout/.test(e.getText());
}

/** `for (const x of [1, 2, 3])`, `for (let i = 0; i < 3; i++)`: a fixed, small set of steps (attempts, known tables). */
function fixedSteps(loop: Loop): boolean {
  if (ts.isForOfStatement(loop)) {
    const items = unwrap(loop.expression);
    return ts.isArrayLiteralExpression(items) && items.elements.every((e) => constantText(e) !== undefined);
  }
  if (ts.isForStatement(loop)) {
    const cond = loop.condition ? unwrap(loop.condition) : undefined;
    return cond !== undefined && ts.isBinaryExpression(cond) && ts.isNumericLiteral(unwrap(cond.right));
  }
  return false;
}

/** How a message names the loop: "the loop over `ids`", "the `for` loop". */
function describeLoop(loop: Loop): string {
  if (ts.isForOfStatement(loop)) return `the loop over \`${shortText(loop.expression)}\``;
  if (ts.isForInStatement(loop)) return `the loop over the keys of \`${shortText(loop.expression)}\``;
  return 'the `for` loop';
}

/** Awaited queries and requests, one per item of a loop, whose iterations do not depend on each other (N+1). */
export default defineTsDetector({
  meta: {
    id: 'await-in-loop',
    severity: 'medium',
    category: 'performance',
    description: 'An awaited query or request per loop item, one after another, where the items do not depend on each other (N+1).',
    recommendation:
      'Fetch in one round trip (`WHERE id IN (...)`, `findMany({ where: { id: { in: ids } } })`, a batch endpoint) or run the calls together with a bounded `Promise.all` (p-limit).',
    docs: {
      why: 'Each awaited round trip waits for the previous one: 200 items at 20 ms each is four seconds that one batched query or a bounded `Promise.all` does in one round trip. Only `for`, `for...of` and `for...in` loops whose awaited query or request (`fetch`, axios, got, `db.query`, ORM `find*`/`insert*`/`update*`, a method of a client, repository or model) uses the loop item are reported. Loops whose next step depends on the previous one are left alone: a cursor or flag assigned in the loop and read by the call or the loop condition, a loop that `break`s or `return`s (search, retry), a loop that sleeps (backoff, rate limiting), SQL whose text comes from the item (a list of statements run in order), `for await`, `while`/`do` loops (polling, consumers, pagination), fixed steps (`for (const t of ["a", "b"])`, `i < 3`), and one-off code run once in order (tests, scripts, seeds, migrations, a `main`/`seed*` function).',
      flagged: [
        'export async function emails(ids: string[]) {\n  const out = [];\n  for (const id of ids) {\n    const user = await prisma.user.findUnique({ where: { id } });\n    out.push(user.email);\n  }\n  return out;\n}\n',
        'export async function sync(urls: string[]) {\n  for (const url of urls) {\n    await fetch(url, { signal: AbortSignal.timeout(5000) });\n  }\n}\n',
      ],
      ignored: [
        'export async function all(api: Api) {\n  let cursor: string | undefined;\n  const items = [];\n  do {\n    const page = await api.list({ cursor });\n    items.push(...page.items);\n    cursor = page.next;\n  } while (cursor);\n  return items;\n}\n',
        'export async function firstAlive(urls: string[]) {\n  for (const url of urls) {\n    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });\n    if (res.ok) return url;\n  }\n}\n',
        'export async function drain(stream: AsyncIterable<Msg>) {\n  for await (const msg of stream) {\n    await db.query("INSERT INTO log VALUES ($1)", [msg.id]);\n  }\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestFile(file.path) || isScriptOrCli(file) || ONE_OFF_PATH.test(file.path)) return {};
    const facts = new Map<ts.Node, LoopFacts>();
    const candidates: Array<{ call: ts.CallExpression; loop: Loop }> = [];
    const factsOf = (loop: ts.Node): LoopFacts => {
      let f = facts.get(loop);
      if (!f) {
        f = { exits: false, sleeps: false, carried: new Set() };
        facts.set(loop, f);
      }
      return f;
    };
    const noteAssignment = (target: ts.Expression): void => {
      const loops = enclosingLoops(target);
      if (loops.length === 0) return;
      const key = targetKey(target);
      const root = rootName(target);
      if (!key || !root) return;
      const declaration = resolveBinding(root)?.declaration;
      for (const loop of loops) {
        // Declared inside the loop: fresh each iteration (`const user = ...`), or the loop's own counter.
        if (declaration && within(declaration, loop)) continue;
        factsOf(loop).carried.add(key);
      }
    };
    return {
      enter: {
        AwaitExpression(node) {
          const awaited = (node as ts.AwaitExpression).expression;
          if (isSleep(awaited)) {
            for (const loop of enclosingLoops(node)) factsOf(loop).sleeps = true;
            return;
          }
          const call = unwrap(awaited);
          const loop = enclosingLoop(node);
          if (!loop || !isCountedLoop(loop) || !ts.isCallExpression(call)) return;
          if (ts.isForOfStatement(loop) && loop.awaitModifier) return;
          // `for (const x of await load())`: the iterable is awaited once, not per item.
          if (within(node, loop.statement) && isRoundTrip(call)) candidates.push({ call, loop });
        },
        ReturnStatement(node) {
          for (const loop of enclosingLoops(node)) factsOf(loop).exits = true;
        },
        BreakStatement(node) {
          const target = breakTarget(node as ts.BreakStatement);
          if (target) factsOf(target).exits = true;
        },
        BinaryExpression(node) {
          const b = node as ts.BinaryExpression;
          const op = b.operatorToken.kind;
          if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) noteAssignment(b.left);
        },
        PrefixUnaryExpression(node) {
          const u = node as ts.PrefixUnaryExpression;
          if (u.operator === ts.SyntaxKind.PlusPlusToken || u.operator === ts.SyntaxKind.MinusMinusToken) noteAssignment(u.operand);
        },
        PostfixUnaryExpression(node) {
          noteAssignment((node as ts.PostfixUnaryExpression).operand);
        },
      },
      end() {
        const reported = new Set<ts.Node>();
        for (const { call, loop } of candidates) {
          const f = factsOf(loop);
          if (f.exits || f.sleeps || fixedSteps(loop) || reported.has(loop)) continue;
          const owner = ownFunction(loop);
          if (owner && ONE_OFF_FUNCTION.test(functionName(owner))) continue;
          const { ids, keys } = readsOf(call);
          // The call must use something fresh per iteration (the item, or a value derived inside the loop).
          const perItem = ids.some((id) => {
            const declaration = resolveBinding(id)?.declaration;
            return declaration !== undefined && within(declaration, loop);
          });
          if (!perItem) continue;
          if ([...keys].some((k) => f.carried.has(k))) continue;
          if (ts.isForStatement(loop) && loop.condition && [...readsOfExpression(loop.condition)].some((k) => f.carried.has(k))) continue;
          reported.add(loop);
          ctx.report({
            line: file.lineOf(call.getStart()),
            message: `\`await ${shortText(call.expression)}(...)\` inside ${describeLoop(loop)} makes one round trip per item, one after another (N+1).`,
          });
        }
      },
    };
  },
});
