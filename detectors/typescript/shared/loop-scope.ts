/**
 * Facts about loops for the shared traversal: which loops enclose a node in its own function, which
 * loop a `break` leaves, and what names and member paths an expression reads or an assignment writes.
 * Ancestor walks, and small walks of one call's arguments; never a whole loop body.
 */
import { ts } from 'ts-morph';
import { unwrap } from './constant-text.js';

/** The nearest loop around `node` in its own function, if any. */
export function enclosingLoop(node: ts.Node): ts.IterationStatement | undefined {
  for (let a = node.parent; a; a = a.parent) {
    if (ts.isFunctionLike(a)) return undefined;
    if (ts.isIterationStatement(a, false)) return a;
  }
  return undefined;
}

/** Every loop around `node` in its own function, innermost first. */
export function enclosingLoops(node: ts.Node): ts.IterationStatement[] {
  const loops: ts.IterationStatement[] = [];
  for (let a = node.parent; a; a = a.parent) {
    if (ts.isFunctionLike(a)) break;
    if (ts.isIterationStatement(a, false)) loops.push(a);
  }
  return loops;
}

/** The loop a `break` leaves (labelled or nearest), or undefined when it leaves a `switch`. */
export function breakTarget(node: ts.BreakStatement): ts.Node | undefined {
  for (let a = node.parent; a; a = a.parent) {
    if (ts.isFunctionLike(a)) return undefined;
    if (node.label) {
      if (ts.isLabeledStatement(a) && a.label.text === node.label.text) return a.statement;
    } else if (ts.isSwitchStatement(a)) {
      return undefined;
    } else if (ts.isIterationStatement(a, false)) {
      return a;
    }
  }
  return undefined;
}

/** Whitespace-free text of an assignment target, or undefined when it is neither a name nor a member path. */
export function targetKey(target: ts.Expression): string | undefined {
  const e = unwrap(target);
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) ? e.getText().replace(/\s+/g, '') : undefined;
}

/** The root identifier of `a.b.c`. */
export function rootName(expr: ts.Expression): ts.Identifier | undefined {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/** True when `node` lies inside `outer`'s source range. */
export const within = (node: ts.Node, outer: ts.Node): boolean => node.pos >= outer.pos && node.end <= outer.end;

/** Identifiers and member paths the call reads (arguments and receiver), without entering nested functions. */
export function readsOf(call: ts.CallExpression): { ids: ts.Identifier[]; keys: Set<string> } {
  const ids: ts.Identifier[] = [];
  const keys = new Set<string>();
  const stack: ts.Node[] = [...call.arguments];
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) stack.push(callee.expression);
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (ts.isFunctionLike(node)) continue;
    if (ts.isIdentifier(node)) ids.push(node);
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) keys.add(node.getText().replace(/\s+/g, ''));
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return { ids, keys };
}

/** Names and member paths an expression reads. */
export function readsOfExpression(expr: ts.Expression): Set<string> {
  const keys = new Set<string>();
  const stack: ts.Node[] = [expr];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) keys.add(node.getText().replace(/\s+/g, ''));
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return keys;
}
