import { ts } from 'ts-morph';
import { documentOrderOf } from '../../src/analysis/parse-typescript.js';
import { defineTsDetector } from '../define.js';
import { resolveBinding } from './shared/bindings.js';
import { constantText, unwrap } from './shared/constant-text.js';
import { isTestFile } from './shared/file-role.js';
import { shortText } from './shared/source-text.js';
import { sqlArgument } from './shared/sql-text.js';
import { ownFunction } from './shared/try-scope.js';

const PRISMA_WRITES = new Set(['create', 'update', 'upsert', 'delete', 'createMany', 'updateMany', 'deleteMany']);
const BEGIN = /^\s*(begin|start\s+transaction)\b/i;

/** `prisma.order.create(...)` (a receiver chain whose root names Prisma), or undefined. */
function prismaWrite(expr: ts.Expression): ts.CallExpression | undefined {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(e.expression);
  if (!ts.isPropertyAccessExpression(callee) || !PRISMA_WRITES.has(callee.name.text)) return undefined;
  const model = unwrap(callee.expression);
  if (!ts.isPropertyAccessExpression(model)) return undefined;
  const client = unwrap(model.expression);
  const name = ts.isIdentifier(client) ? client.text : ts.isPropertyAccessExpression(client) ? client.name.text : '';
  return /^prisma$/i.test(name) ? e : undefined;
}

/** The awaited Prisma write a `const` holds (`const order = await prisma.order.create(...)`). */
function awaitedWrite(init: ts.Expression | undefined): ts.CallExpression | undefined {
  const e = init ? unwrap(init) : undefined;
  return e && ts.isAwaitExpression(e) ? prismaWrite(e.expression) : undefined;
}

/** True when the function's own text mentions a transaction or a rollback (any shape: we cannot tell them apart cheaply). */
function handlesTransactions(fn: ts.Node | undefined, text: string): boolean {
  const source = fn ? text.slice(fn.pos, fn.end) : text;
  return /\$transaction|rollback/i.test(source);
}

/** Dependent Prisma writes outside `$transaction`; pg `BEGIN` with no `ROLLBACK`. */
export default defineTsDetector({
  meta: {
    id: 'missing-rollback',
    severity: 'high',
    category: 'reliability',
    description: 'Database writes that can half-succeed: dependent Prisma writes outside `$transaction`, a `BEGIN` with no `ROLLBACK` path.',
    recommendation: 'Run dependent writes in one transaction (`prisma.$transaction(async (tx) => ...)`), and pair every `BEGIN` with a `ROLLBACK` in a `catch` (and release the client in `finally`).',
    docs: {
      why: 'When the second of two dependent writes fails, the first stays: an order without its items, a user without a profile, money moved out and not in. With node-postgres, a `BEGIN` whose error path never sends `ROLLBACK` leaves the pooled connection inside an aborted transaction, and the next request that gets it fails. The rule is deliberately narrow: it flags an awaited Prisma write (`create`, `update`, `upsert`, `delete`, `*Many`) whose arguments use the result of an earlier awaited Prisma write in the same function (`const order = await prisma.order.create(...)` then `prisma.item.create({ data: { orderId: order.id } })`), and a constant `BEGIN`/`START TRANSACTION` sent with a `query` call in a function that never mentions `ROLLBACK`. Any mention of `$transaction` or `rollback` in the function, writes on a transaction client (`tx.x.create`), and independent writes are left alone; test files are not checked.',
      flagged: [
        'export async function placeOrder(userId: string, items: Item[]) {\n  const order = await prisma.order.create({ data: { userId } });\n  await prisma.orderItem.createMany({ data: items.map((i) => ({ ...i, orderId: order.id })) });\n  return order;\n}\n',
        "export async function transfer(client, from, to, amount) {\n  await client.query('BEGIN');\n  await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);\n  await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [amount, to]);\n  await client.query('COMMIT');\n}\n",
      ],
      ignored: [
        'export async function placeOrder(userId: string, items: Item[]) {\n  return prisma.$transaction(async (tx) => {\n    const order = await tx.order.create({ data: { userId } });\n    await tx.orderItem.createMany({ data: items.map((i) => ({ ...i, orderId: order.id })) });\n    return order;\n  });\n}\n',
        "export async function transfer(client, from, to, amount) {\n  try {\n    await client.query('BEGIN');\n    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);\n    await client.query('COMMIT');\n  } catch (e) {\n    await client.query('ROLLBACK');\n    throw e;\n  }\n}\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestFile(ctx.file.path)) return {};
    const text = ctx.file.text;
    const reported = new Set<ts.Node>();
    const handled = new Map<ts.Node | undefined, boolean>();
    const handles = (fn: ts.Node | undefined): boolean => {
      let known = handled.get(fn);
      if (known === undefined) {
        known = handlesTransactions(fn, text);
        handled.set(fn, known);
      }
      return known;
    };
    /**
     * Names bound to an awaited Prisma write somewhere in the file, with where the traversal first met
     * one: its uses from there on are read in `end`, only in files that have one.
     */
    const writeResults = new Map<string, number>();
    const onUse = (id: ts.Identifier): void => {
      const parent = id.parent;
      // `prisma.user.create`, `{ user: 1 }`: the same letters, not the variable.
      if ((ts.isPropertyAccessExpression(parent) && parent.name === id) || (ts.isPropertyAssignment(parent) && parent.name === id)) return;
      const binding = resolveBinding(id);
      if (!binding || binding.kind !== 'const' || binding.declaration === id.parent) return;
      const first = awaitedWrite(binding.initializer);
      if (!first) return;
      const fn = ownFunction(binding.declaration);
      // The dependent write: the nearest Prisma write call whose arguments hold this use, in the same function.
      for (let a: ts.Node = id.parent; a && a !== fn; a = a.parent) {
        if (!ts.isCallExpression(a)) continue;
        const second = prismaWrite(a);
        if (!second || !ts.isAwaitExpression(second.parent)) continue;
        if (reported.has(second) || handles(fn)) return;
        reported.add(second);
        ctx.report({
          line: ctx.file.lineOf(second.getStart()),
          endLine: ctx.file.lineOf(second.end),
          message: `\`${shortText(second.expression, 50)}\` uses \`${id.text}\` from \`${shortText(first.expression, 50)}\` (line ${ctx.file.lineOf(first.getStart())}) outside \`$transaction\`: if it fails, the first write stays.`,
        });
        return;
      }
    };
    return {
      enter: {
        VariableDeclaration(node) {
          const d = node as ts.VariableDeclaration;
          if (ts.isIdentifier(d.name) && !writeResults.has(d.name.text) && awaitedWrite(d.initializer)) writeResults.set(d.name.text, d.pos);
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const sql = sqlArgument(call);
          if (!sql) return;
          const statement = constantText(sql);
          if (statement === undefined || !BEGIN.test(statement)) return;
          const fn = ownFunction(call);
          if (handles(fn)) return;
          ctx.report({
            line: ctx.file.lineOf(call.getStart()),
            message: `\`${shortText(call, 50)}\` opens a transaction that no path of ${fn ? 'this function' : 'this module'} rolls back: an error leaves the connection inside an aborted transaction.`,
          });
        },
      },
      end() {
        if (writeResults.size === 0) return;
        const { nodes, kinds } = documentOrderOf(ctx.file.sourceFile);
        for (let i = 0; i < kinds.length; i++) {
          if (kinds[i] !== ts.SyntaxKind.Identifier) continue;
          const id = nodes[i] as ts.Identifier;
          const from = writeResults.get(id.text);
          if (from !== undefined && id.pos >= from) onUse(id);
        }
      },
    };
  },
});
