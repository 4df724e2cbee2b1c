/**
 * Where a node sits relative to the error handling and function boundaries around it: inside a
 * `try` block, inside a `catch`, and which function owns it. Ancestor walks only (no subtree walks).
 */
import { ts } from 'ts-morph';

/** True when `node` is inside the `try { ... }` block (not the catch or finally) of a statement with a `catch`, in the same function. */
export function insideTryBlock(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let a: ts.Node | undefined = node.parent; a; child = a, a = a.parent) {
    if (ts.isFunctionLike(a)) return false;
    if (ts.isTryStatement(a) && a.tryBlock === child && a.catchClause !== undefined) return true;
  }
  return false;
}

/** The nearest function-like ancestor of `node` (its own function), or undefined at module level. */
export function ownFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let a = node.parent; a; a = a.parent) if (ts.isFunctionLike(a)) return a;
  return undefined;
}

/** True when `fn` is declared `async`. */
export function isAsyncFunction(fn: ts.Node | undefined): boolean {
  if (!fn || !ts.canHaveModifiers(fn)) return false;
  return (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}
