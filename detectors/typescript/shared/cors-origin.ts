/**
 * The request's `Origin` as echoed by CORS code, for permissive-cors: recognising an echo of the
 * request origin (directly or through a local) and a condition above it that checks the origin first.
 */
import { ts } from 'ts-morph';
import { enclosingFunction, resolveBinding } from './bindings.js';
import { constantText, unwrap } from './constant-text.js';
import { isRequestInput } from './request-input.js';

/** The request's `Origin` header (`req.headers.origin`, `req.get('origin')`), directly or via a same-function local. */
export function isRequestOrigin(expr: ts.Expression, depth = 0): boolean {
  const e = unwrap(expr);
  if (depth > 4) return false;
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    return isRequestOrigin(e.left, depth + 1);
  }
  if (ts.isIdentifier(e)) {
    const binding = resolveBinding(e);
    if (!binding?.initializer || binding.kind === 'param' || enclosingFunction(binding.declaration) !== enclosingFunction(e)) return false;
    return binding.destructured ? e.text === 'origin' && isRequestInput(binding.initializer) : isRequestOrigin(binding.initializer, depth + 1);
  }
  if (ts.isCallExpression(e)) return constantText(e.arguments[0] ?? e)?.toLowerCase() === 'origin' && isRequestInput(e);
  const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isElementAccessExpression(e) ? constantText(e.argumentExpression) : undefined;
  return name?.toLowerCase() === 'origin' && isRequestInput(e);
}

const textKey = (node: ts.Node): string => node.getText().replace(/\s+/g, '');

/** The texts a check of the echoed origin may use: the value, the left of `origin || '*'`, a local's initializer. */
export function originSubjects(value: ts.Expression): Set<string> {
  const subjects = new Set<string>();
  const add = (expr: ts.Expression, depth: number): void => {
    const e = unwrap(expr);
    subjects.add(textKey(e));
    if (depth > 3) return;
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) add(e.left, depth + 1);
    if (ts.isIdentifier(e)) {
      const binding = resolveBinding(e);
      if (binding?.initializer && !binding.destructured) add(binding.initializer, depth + 1);
    }
  };
  add(value, 0);
  return subjects;
}

/** True when a condition above `use` compares or checks the origin (`allowed.includes(origin)`, `origin.startsWith(...)`, `origin === X`). */
export function checkedAbove(use: ts.Node, subjects: ReadonlySet<string>): boolean {
  const mentions = (n: ts.Node): boolean => subjects.has(textKey(unwrap(n as ts.Expression)));
  const checks = (cond: ts.Node): boolean => {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n) && (n.arguments.some(mentions) || (ts.isPropertyAccessExpression(n.expression) && mentions(n.expression.expression)))) found = true;
      else if (ts.isBinaryExpression(n) && /^[!=]==?$/.test(n.operatorToken.getText()) && (mentions(n.left) || mentions(n.right))) found = true;
      else ts.forEachChild(n, visit);
    };
    visit(cond);
    return found;
  };
  for (let child: ts.Node = use, a = use.parent; a && !ts.isFunctionLike(a); child = a, a = a.parent) {
    if (ts.isIfStatement(a) && child !== a.expression && checks(a.expression)) return true;
    if (ts.isConditionalExpression(a) && child !== a.condition && checks(a.condition)) return true;
    if (ts.isBlock(a) || ts.isSourceFile(a)) {
      for (const s of a.statements) {
        if (s === child) break;
        if (ts.isIfStatement(s) && checks(s.expression)) return true;
      }
    }
  }
  return false;
}
