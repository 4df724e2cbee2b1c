/**
 * Ids derived from other ids where a fresh one is needed: `(await prisma.order.count()) + 1`,
 * `Math.max(...rows.map((r) => r.id)) + 1` over rows just read, kept as an `id`/`*Id`/`*Number`.
 * Two concurrent calls read the same count or maximum and hand out the same id. Lexical: the value
 * is followed through `const`/`let` locals of the same function, up to three steps.
 */
import { ts } from 'ts-morph';
import { enclosingFunction, resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';

/** Fields and locals that hold an identifier or a number that must be unique. */
const ID_NAME = /^(id|_id|uid|pk|number|seq|sequence|serial)$|[a-z](Id|ID|Number|No|Seq|Serial)$|^(next|new)(Id|ID|Number|No|Seq|Serial)?$/;
/** Reads of the ids or the count already stored: a count, a maximum, a length of rows read. */
const STORE_READ = /\.(count|countDocuments|estimatedDocumentCount|max)\s*\(|Math\.max\s*\(|\bMAX\s*\(|\bCOUNT\s*\(|_max\b|\.length\b/;

/** A `+ 1` whose other side is derived from stored ids, with the text that shows the read. */
export interface FreshIdSite {
  /** The `x + 1` expression. */
  sum: ts.BinaryExpression;
  /** The name the result is kept under (`id`, `orderNumber`, `nextId`). */
  name: string;
  /** The expression that reads what is stored (the `await ...`). */
  read: ts.Node;
}

/** The other side of `x + 1` / `1 + x`, or undefined. */
function plusOne(node: ts.BinaryExpression): ts.Expression | undefined {
  if (node.operatorToken.kind !== ts.SyntaxKind.PlusToken) return undefined;
  const one = (e: ts.Expression): boolean => {
    const u = unwrap(e);
    return ts.isNumericLiteral(u) && u.text === '1';
  };
  if (one(node.right)) return node.left;
  return one(node.left) ? node.right : undefined;
}

/**
 * The awaited read `expr` is derived from, following locals of `fn` (`const rows = await ...;
 * const ids = rows.map(...); Math.max(...ids)`), or undefined.
 */
function storeRead(expr: ts.Node, fn: ts.Node, depth: number, seen: Set<ts.Node>): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isAwaitExpression(n)) {
      found = n;
      return;
    }
    if (ts.isIdentifier(n) && depth < 3) {
      const binding = resolveBinding(n);
      const init = binding?.initializer;
      if (init && (binding.kind === 'const' || binding.kind === 'let') && !seen.has(init) && enclosingFunction(init) === fn) {
        seen.add(init);
        found = storeRead(init, fn, depth + 1, seen);
      }
      return;
    }
    if (ts.isFunctionLike(n)) {
      // `rows.map((r) => r.id)`: the callback's body holds no read of its own worth following.
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

/** The text of `expr` with the initializers of the locals it names (a few steps), to look for a count or a maximum. */
function derivationText(expr: ts.Node, fn: ts.Node, depth = 0): string {
  let text = expr.getText();
  if (depth >= 3) return text;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const binding = resolveBinding(n);
      if (binding?.initializer && (binding.kind === 'const' || binding.kind === 'let') && enclosingFunction(binding.initializer) === fn) {
        text += ` ${derivationText(binding.initializer, fn, depth + 1)}`;
      }
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return text;
}

/** Where the value of `node` goes: the id-like property or local it is kept under, or undefined. */
function keptAs(node: ts.Node): string | undefined {
  let e: ts.Node = node;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isCallExpression(e.parent) && isConversion(e.parent)) e = e.parent;
  const p = e.parent;
  let name: string | undefined;
  if (ts.isPropertyAssignment(p) && p.initializer === e) name = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
  else if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) name = p.name.text;
  else if (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrap(p.left);
    name = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isIdentifier(left) ? left.text : undefined;
  }
  return name !== undefined && ID_NAME.test(name) ? name : undefined;
}

/** `String(n + 1)`, `Number(...)`, `BigInt(...)`: the id passes through unchanged. */
function isConversion(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  return ts.isIdentifier(callee) && (callee.text === 'String' || callee.text === 'Number' || callee.text === 'BigInt');
}

/** The fresh-id site `node` is, or undefined: `x + 1` kept as an id, where `x` is a count or maximum awaited in the same function. */
export function freshIdSite(node: ts.BinaryExpression): FreshIdSite | undefined {
  const base = plusOne(node);
  if (!base) return undefined;
  const name = keptAs(node);
  if (!name) return undefined;
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  if (!STORE_READ.test(derivationText(base, fn))) return undefined;
  const read = storeRead(base, fn, 0, new Set());
  return read ? { sum: node, name, read } : undefined;
}
