/**
 * How code touches a piece of state, syntactically: is a read a *check* (it decides a branch or is
 * kept for later), is an expression the target of an assignment or the receiver of a member access,
 * does a write clear the state rather than claim it. Ancestor looks only, no subtree walks.
 */
import { ts } from 'ts-morph';
import { unwrap } from './constant-text.js';

/** Compound assignments that read the target before writing it (`??=`, `||=`, `&&=`, `+=`, `-=`). */
export const COMPOUND_ASSIGNMENTS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken,
]);
/** Operators a check passes through on its way to the condition (`!map.has(k)`, `x === undefined`, `a && b`). */
const CHECK_OPERATORS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** True when the value of `node` decides a branch or is kept for later: `if (!map.has(k))`, `const v = map.get(k)`. */
export function isCheck(node: ts.Node): boolean {
  return checkGuard(node) !== undefined;
}

/** The statement or expression a check decides (`if`, `while`, `?:`), the declaration that keeps it, or undefined. */
export function checkGuard(node: ts.Node): ts.Node | undefined {
  let child = node;
  let parent = node.parent;
  for (;;) {
    if (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent) || ts.isTypeOfExpression(parent)) {
      // pass through
    } else if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
      // pass through
    } else if (ts.isBinaryExpression(parent) && CHECK_OPERATORS.has(parent.operatorToken.kind)) {
      // pass through
    } else break;
    child = parent;
    parent = parent.parent;
  }
  if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === child ? parent : undefined;
  if (ts.isConditionalExpression(parent)) return parent.condition === child ? parent : undefined;
  return ts.isVariableDeclaration(parent) && parent.initializer === child ? parent : undefined;
}

/** `undefined`, `null`, `false`, `0`, `''`: a write that clears state (teardown), not one that claims it. */
export function isClearing(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(e) && e.text === 'undefined') ||
    (ts.isNumericLiteral(e) && e.text === '0') || (ts.isStringLiteral(e) && e.text === '') || ts.isVoidExpression(e);
}

/** True when `node` is the target of an assignment, plain (`=`) or compound (`??=`, `+=`). */
export function isAssigned(node: ts.Node): boolean {
  let child = node;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  return ts.isBinaryExpression(parent) && parent.left === child && (parent.operatorToken.kind === ts.SyntaxKind.EqualsToken || COMPOUND_ASSIGNMENTS.has(parent.operatorToken.kind));
}

/** True when `node` is the receiver of a further member access or call (`this.cache` in `this.cache.get(k)`). */
export function isReceiver(node: ts.Node): boolean {
  const parent = node.parent;
  return (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent)) && parent.expression === node;
}
