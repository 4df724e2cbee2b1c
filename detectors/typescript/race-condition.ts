import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { awaitsBetween, noteAwait } from './shared/await-points.js';
import { enclosingFunction, resolveBinding } from './shared/bindings.js';
import { unwrap } from './shared/constant-text.js';
import { isTestFile } from './shared/file-role.js';
import { type FreshIdSite, freshIdSite } from './shared/fresh-ids.js';
import { functionName } from './shared/function-name.js';
import { isAsyncFunction } from './shared/try-scope.js';
import { isModuleVariable, moduleVariableNames, sharedStateName } from './shared/shared-state.js';
import { shortText } from './shared/source-text.js';
import { COMPOUND_ASSIGNMENTS, checkGuard, isAssigned, isCheck, isClearing, isReceiver } from './shared/state-access.js';

/** Serialising constructs: a mutex, a lock, a semaphore, a database transaction. */
const LOCK = /runExclusive|\.acquire\(|\block\b|[a-z_$]Lock\b|\bLock\b|\.lock\(|[Mm]utex|[Ss]emaphore|[Tt]ransaction|withLock|p-?limit/;
const READ_METHODS = new Set(['get', 'has']);
const WRITE_METHODS = new Set(['set', 'add']);

/** One read or write of a piece of shared state, at the point it takes effect. */
interface Access {
  key: string;
  kind: 'check' | 'read' | 'write';
  pos: number;
  node: ts.Node;
  /** A whole field or variable (`this.client`), not an entry of a map or object. */
  field: boolean;
  /** For a check: the `if`/`while`/`?:` it decides (undefined when kept in a variable). */
  guard?: ts.Node;
  /** For a write: the value written (`'claim'` for `set.add(k)` and compound assignments). */
  value?: ts.Expression | 'claim';
}

/**
 * Values whose duplication is harm, not waste: a resource made (`new X`, `createSession()`,
 * `connect()`). Re-fetching an idempotent value twice (`this.version ??= await getVersion()`) is only
 * wasted work, and "done" flags set after the work (`this.listening = true` after an idempotent
 * `LISTEN`) mostly guard idempotent work (seen on BullMQ), so neither is reported.
 */
const CREATES_VALUE_ONLY = /^(await\s+)?[\w$.]*?\b(create|make|build)\w*(Middleware|Handler|Router|Config|Options|Schema|Validator|Filter|Selector|Url|URL|Path|Key|Hash|Module|Template)\w*\s*\([^()]*\)$/;
const CREATES = /\bnew\s+[A-Z_$]|\b(create|connect|open|spawn|launch|acquire|login|register|insert|allocate|start|init|subscribe|listen|build|make|fork|duplicate)\w*\s*\(|\w(Connection|Client|Session|Socket|Pool)\s*\(/;

/** The text a written value stands for: its own, plus the initializer of a local it names. */
function valueText(value: ts.Expression): string {
  const e = unwrap(value);
  if (!ts.isIdentifier(e)) return e.getText();
  const binding = resolveBinding(e);
  return `${e.text} ${binding?.initializer?.getText() ?? ''}`;
}

/** True when writing `write.value` twice does harm: a set entry claimed, a resource made, or an update computed from the checked value. */
function harmfulTwice(check: Access, write: Access): boolean {
  const value = write.value;
  if (value === undefined || value === 'claim') return value === 'claim';
  const text = valueText(value);
  // `createMiddleware()`, `createHandler()`: factories of functions and plain values, no resource behind them.
  if (CREATES.test(text) && !CREATES_VALUE_ONLY.test(unwrap(value).getText())) return true;
  // `const balance = map.get(k); await ...; map.set(k, balance + amount)`: a lost update.
  const kept = check.guard && ts.isVariableDeclaration(check.guard) && ts.isIdentifier(check.guard.name) ? check.guard.name.text : undefined;
  return kept !== undefined && new RegExp(`\\b${kept.replace(/\$/g, '\\$')}\\b`).test(unwrap(value).getText()) && !ts.isIdentifier(unwrap(value));
}

/**
 * True when `check` and `write` form check-then-act: for an entry, any check kept or branched on;
 * for a whole field, only a write inside the branch the check decides (`if (!this.client) this.client = ...`),
 * since fields are also read as plain guards of unrelated state updates.
 */
function pairs(check: Access, write: Access): boolean {
  if (!write.field) return true;
  const guard = check.guard;
  if (!guard) return false;
  if (ts.isBinaryExpression(guard)) return true;
  return !ts.isVariableDeclaration(guard) && guard.getStart() <= write.node.getStart() && write.node.end <= guard.end;
}

/** Set-up methods run once per process (`init`, `setup`, `start`, `bootstrap`, ...): nothing runs them concurrently. */
const ONCE_NAME = /^(init\w*|setup\w*|setUp\w*|bootstrap\w*|start\w*|main|boot|configure\w*|install\w*|migrate\w*|seed\w*|register\w*)$/;

/** True when `fn` is an IIFE whose promise is kept in shared state (`this.pending = (async () => {...})()`): callers share that one run. */
function storedPromise(fn: ts.Node): boolean {
  let e: ts.Node = fn;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  if (!ts.isCallExpression(e.parent) || e.parent.expression !== e) return false;
  e = e.parent;
  // `(...)().finally(...)`, `.then(...)`: still the same run.
  while (ts.isParenthesizedExpression(e.parent) || (ts.isPropertyAccessExpression(e.parent) && e.parent.expression === e) || (ts.isCallExpression(e.parent) && e.parent.expression === e)) e = e.parent;
  const p = e.parent;
  return ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && sharedStateName(p.left) !== undefined;
}

/**
 * True when `awaitNode` lies on a path that leaves the function before reaching `write`: inside a
 * `return`/`throw`, or in a branch (`if (pending) return await pending;`) that ends in one.
 */
function exitsBefore(awaitNode: ts.Node, write: ts.Node, fn: ts.Node): boolean {
  for (let a: ts.Node = awaitNode; a !== fn && a.parent; a = a.parent) {
    if (a.getStart() <= write.getStart() && write.end <= a.end) return false;
    if (ts.isReturnStatement(a) || ts.isThrowStatement(a)) return true;
    const parent = a.parent;
    if (ts.isIfStatement(parent) && parent.expression !== a) {
      const last = ts.isBlock(a) ? a.statements[a.statements.length - 1] : a;
      if (last && (ts.isReturnStatement(last) || ts.isThrowStatement(last))) return true;
    }
  }
  return false;
}

/** True when `fn` or a function around it mentions a lock (`mutex.runExclusive(async () => ...)`, `$transaction(async (tx) => ...)`). */
function lockedAround(fn: ts.Node): boolean {
  for (let f: ts.Node | undefined = fn; f; f = enclosingFunction(f)) {
    const call = f.parent;
    if (ts.isCallExpression(call) && LOCK.test(call.expression.getText())) return true;
    if (f === fn && LOCK.test(f.getText())) return true;
  }
  return false;
}

/** A write that reports a duplicate and lets the caller retry: the race is handled. */
const HANDLES_DUPLICATE = /P2002|ER_DUP_ENTRY|23505|UniqueConstraint|[Dd]uplicate key|unique_violation|ON CONFLICT/;

/** The key text of an entry: `sessions[id]`. */
const entryKey = (state: string, key: ts.Expression): string => `${state}[${unwrap(key).getText().replace(/\s+/g, '')}]`;

/** Check-then-act on shared state across an `await`, with no lock. */
export default defineTsDetector({
  meta: {
    id: 'race-condition',
    severity: 'high',
    category: 'reliability',
    description: 'State that outlives the call (a module-level map, an instance field) is checked before an `await` and written after it, with no lock: two concurrent calls can both pass the check. Also a new id derived from the ids already stored (`(await repo.count()) + 1`, `Math.max(...ids) + 1`).',
    recommendation:
      'Make check and write one synchronous step: store the pending promise before awaiting (`if (!map.has(k)) map.set(k, load(k)); return map.get(k)`), re-check after the `await`, or serialise with a mutex (`mutex.runExclusive`) or a transaction.',
    docs: {
      why:
        'JavaScript runs one function at a time, but every `await` lets other calls run: a map entry or field that is checked, then awaited on, then written is decided on stale information. Two requests both see the session missing and both create one, both see an id unseen and both process it, a balance loses an update. The rule needs the same key (`map.get(k)`/`has(k)`/`k in obj`/`obj[k]`, a field `this.x`, a module-level `let`) checked in a condition or kept in a variable before an `await` of the same function, and written (`set`, `add`, `obj[k] =`, `this.x =`, `??=`, `+=`) after it, where writing twice does harm: a resource made (`new X`, `create*()`, `connect()`, ...), a set entry claimed, or a value computed from the checked one. A whole field counts only when the write sits in the branch its check decides. It stays silent for local variables, for writes made before the `await` (the key is claimed synchronously), for state re-read after the `await`, for teardown writes (`undefined`, `null`), for idempotent values fetched twice (a memo cache: wasted work, not a bug) and "done" flags set after the work, for synchronous code, for functions that mention a lock, mutex, semaphore or transaction (or run in a callback given to one), and for test files. It also stays silent when the `await` between check and write sits on a path that leaves the function (`if (pending) return await pending;`), when the function is an IIFE whose promise is stored in shared state (callers share one run), in set-up methods (`init`, `setup`, `start*`, ...), and for values built by function factories (`createMiddleware()`, `createHandler()`). The second shape is an id derived from other ids where a fresh one is needed: `x + 1` kept as an `id`, `*Id`, `*Number`, `seq` (a property, a field or a local of that name) where `x` is a count, a maximum or a length of rows awaited in the same function (`await prisma.order.count()`, `SELECT MAX(id)`, `Math.max(...rows.map((r) => r.id))`): two concurrent requests read the same value and hand out the same id. Positions, versions, page numbers, synchronous code, functions under a lock or transaction and functions that catch the unique violation (`P2002`, `23505`, `ER_DUP_ENTRY`) are left alone.',
      flagged: [
        "export async function createOrder(input: OrderInput) {\n  const count = await prisma.order.count();\n  return prisma.order.create({ data: { ...input, orderNumber: count + 1 } });\n}\n",
        "const sessions = new Map<string, Session>();\nexport async function getSession(id: string) {\n  if (!sessions.has(id)) {\n    const session = await createSession(id);\n    sessions.set(id, session);\n  }\n  return sessions.get(id);\n}\n",
        'class Db {\n  private client?: Client;\n  async connect() {\n    if (!this.client) {\n      this.client = await createClient();\n    }\n    return this.client;\n  }\n}\n',
      ],
      ignored: [
        "const pending = new Map<string, Promise<Session>>();\nexport function getSession(id: string) {\n  if (!pending.has(id)) pending.set(id, createSession(id));\n  return pending.get(id);\n}\n",
        "const sessions = new Map<string, Session>();\nexport async function getSession(id: string) {\n  return mutex.runExclusive(async () => {\n    if (!sessions.has(id)) sessions.set(id, await createSession(id));\n    return sessions.get(id);\n  });\n}\n",
        'export async function handle(id: string) {\n  const seen = new Set<string>();\n  if (!seen.has(id)) {\n    await work(id);\n    seen.add(id);\n  }\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestFile(file.path) || !file.text.includes('await') || !/\bawait\b/.test(file.text)) return {};
    /** Only code of `async` functions can suspend between check and write; everything else is skipped before any look-up. */
    const inAsync = (node: ts.Node): boolean => isAsyncFunction(enclosingFunction(node));
    const moduleVariables = moduleVariableNames(file);
    const byFunction = new Map<ts.Node, Access[]>();
    const freshIds: FreshIdSite[] = [];
    const awaitNodes = new Map<ts.Node, ts.Node[]>();
    const keepAwait = (node: ts.Node): void => {
      const fn = enclosingFunction(node);
      if (!fn) return;
      const list = awaitNodes.get(fn);
      if (list) list.push(node);
      else awaitNodes.set(fn, [node]);
    };
    /** An `await` between `from` and `to` that the path to `write` goes through. */
    const awaitsOnPath = (fn: ts.Node, from: number, to: number, write: ts.Node): boolean =>
      (awaitNodes.get(fn) ?? []).some((a) => {
        const at = ts.isAwaitExpression(a) ? a.end : (a as ts.ForOfStatement).expression.end;
        return at > from && at <= to && !exitsBefore(a, write, fn);
      });
    const note = (node: ts.Node, key: string, kind: Access['kind'], pos: number, field = false, value?: Access['value']): void => {
      const fn = enclosingFunction(node);
      if (!fn) return;
      const list = byFunction.get(fn);
      const guard = kind === 'check' ? (ts.isBinaryExpression(node) && node.left.end === pos ? node : checkGuard(node)) : undefined;
      const access: Access = { key, kind, pos, node, field, guard, value };
      if (list) list.push(access);
      else byFunction.set(fn, [access]);
    };
    return {
      enter: {
        AwaitExpression(node) {
          noteAwait(file, node as ts.AwaitExpression);
          keepAwait(node);
        },
        ForOfStatement(node) {
          if (!(node as ts.ForOfStatement).awaitModifier) return;
          noteAwait(file, node as ts.ForOfStatement);
          keepAwait(node);
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = unwrap(call.expression);
          const key = call.arguments[0];
          if (!ts.isPropertyAccessExpression(callee) || !key) return;
          const method = callee.name.text;
          if ((!READ_METHODS.has(method) && !WRITE_METHODS.has(method)) || !inAsync(call)) return;
          const state = sharedStateName(callee.expression);
          if (!state) return;
          const kind = WRITE_METHODS.has(method) ? 'write' : isCheck(call) ? 'check' : 'read';
          const value = method === 'add' ? 'claim' : call.arguments[1];
          note(call, entryKey(state, key), kind, call.end, false, kind === 'write' ? value : undefined);
        },
        ElementAccessExpression(node) {
          const access = node as ts.ElementAccessExpression;
          if (!inAsync(access)) return;
          const state = sharedStateName(access.expression);
          if (!state) return;
          const key = entryKey(state, access.argumentExpression);
          if (isAssigned(access)) {
            const assignment = access.parent;
            if (ts.isBinaryExpression(assignment) && !isClearing(assignment.right)) {
              const value = assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken ? assignment.right : 'claim';
              note(access, key, 'write', assignment.end, false, value);
            }
          }
          else note(access, key, isCheck(access) ? 'check' : 'read', access.end);
        },
        BinaryExpression(node) {
          const binary = node as ts.BinaryExpression;
          const op = binary.operatorToken.kind;
          if (op === ts.SyntaxKind.PlusToken) {
            const site = freshIdSite(binary);
            if (site && inAsync(binary)) freshIds.push(site);
            return;
          }
          if ((op === ts.SyntaxKind.InKeyword || op === ts.SyntaxKind.EqualsToken || COMPOUND_ASSIGNMENTS.has(op)) && !inAsync(binary)) return;
          if (op === ts.SyntaxKind.InKeyword) {
            const state = sharedStateName(binary.right);
            if (state) note(binary, entryKey(state, binary.left), isCheck(binary) ? 'check' : 'read', binary.end);
            return;
          }
          if (op !== ts.SyntaxKind.EqualsToken && !COMPOUND_ASSIGNMENTS.has(op)) return;
          const left = unwrap(binary.left);
          const field = ts.isPropertyAccessExpression(left) || (ts.isIdentifier(left) && isModuleVariable(left)) ? sharedStateName(left) : undefined;
          if (!field) return;
          if (op === ts.SyntaxKind.EqualsToken && isClearing(binary.right)) return;
          // `this.client ??= await connect()`: read, then suspend, then write.
          if (op !== ts.SyntaxKind.EqualsToken) note(binary, field, 'check', binary.left.end, true);
          // `+=` updates from the old value: a lost update; `??=` keeps whatever it computes.
          const value = op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken ? binary.right : 'claim';
          note(binary, field, 'write', binary.end, true, value);
        },
        PropertyAccessExpression(node) {
          const access = node as ts.PropertyAccessExpression;
          if (isReceiver(access) || isAssigned(access) || !inAsync(access)) return;
          const field = sharedStateName(access);
          if (field) note(access, field, isCheck(access) ? 'check' : 'read', access.end, true);
        },
        Identifier(node) {
          const id = node as ts.Identifier;
          if (!moduleVariables.has(id.text) || isReceiver(id) || isAssigned(id) || !isCheck(id) || !inAsync(id) || !isModuleVariable(id)) return;
          note(id, id.text, 'check', id.end, true);
        },
      },
      end() {
        for (const site of freshIds) {
          const fn = enclosingFunction(site.sum);
          if (!fn || lockedAround(fn) || HANDLES_DUPLICATE.test(fn.getText())) continue;
          ctx.report({
            line: file.lineOf(site.sum.getStart()),
            message: `\`${shortText(site.sum)}\` derives a new \`${site.name}\` from what is already stored (\`${shortText(site.read)}\`, line ${file.lineOf(site.read.getStart())}): two concurrent calls read the same value and hand out the same \`${site.name}\`.`,
            recommendation: 'Let the database assign it (an auto-increment or sequence column, `@default(autoincrement())`, `@default(uuid())`) or generate one that needs no look-up (`crypto.randomUUID()`); if the number must be dense, take it from a counter incremented atomically (`UPDATE ... SET n = n + 1 RETURNING n`, Redis `INCR`).',
          });
        }
        for (const [fn, accesses] of byFunction) {
          if (!accesses.some((a) => a.kind === 'write')) continue;
          if (lockedAround(fn) || storedPromise(fn) || ONCE_NAME.test(functionName(fn).split('.').at(-1) ?? '')) continue;
          const order = { check: 0, read: 0, write: 1 };
          const sorted = [...accesses].sort((a, b) => a.pos - b.pos || order[a.kind] - order[b.kind]);
          const last = new Map<string, Access>();
          const reported = new Set<string>();
          for (const access of sorted) {
            const previous = last.get(access.key);
            last.set(access.key, access);
            if (access.kind !== 'write' || previous?.kind !== 'check' || reported.has(access.key) || !pairs(previous, access) || !harmfulTwice(previous, access)) continue;
            if (!awaitsBetween(file, fn, previous.pos, access.pos) || !awaitsOnPath(fn, previous.pos, access.pos, access.node)) continue;
            reported.add(access.key);
            ctx.report({
              line: file.lineOf(access.node.getStart()),
              message: `\`${shortText(previous.node)}\` is checked on line ${file.lineOf(previous.node.getStart())}, then \`${shortText(access.node)}\` writes it after an \`await\` with no lock: concurrent calls can both pass the check.`,
            });
          }
        }
      },
    };
  },
});
