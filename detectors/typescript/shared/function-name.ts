/** Human names of functions for messages: `handle`, `Server.start`, `the callback of .on('connection')`. */
import { ts } from 'ts-morph';

/** The text of a property or binding name, when it is written plainly. */
function nameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && name.expression.getText().length <= 30) return `[${name.expression.getText()}]`;
  return undefined;
}

/** The name of the class that declares `member`, if it has one. */
function className(member: ts.Node): string | undefined {
  const cls = member.parent;
  return cls && ts.isClassLike(cls) ? cls.name?.text : undefined;
}

/** The callee text of the call `fn` is passed to (`app.get`, `wss.on`), cut short. */
function calleeOf(fn: ts.Node): string | undefined {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const text = call.expression.getText().replace(/\s+/g, '');
  return text.length > 30 ? undefined : text;
}

/** A readable name for a function-like node: its own name, the variable or property it is bound to, or its call site. */
export function functionName(fn: ts.Node): string {
  if (ts.isConstructorDeclaration(fn)) return `${className(fn) ?? 'class'} constructor`;
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    const own = nameText(fn.name) ?? 'method';
    const cls = className(fn);
    return cls ? `${cls}${own.startsWith('[') ? '' : '.'}${own}` : own;
  }
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  const parent = fn.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))) {
    const own = nameText(parent.name);
    if (own) return own;
  }
  if (parent && ts.isBinaryExpression(parent) && parent.right === fn) {
    const target = parent.left;
    if (ts.isPropertyAccessExpression(target)) return target.name.text;
    if (ts.isIdentifier(target)) return target.text;
  }
  const callee = calleeOf(fn);
  return callee ? `the callback passed to ${callee}` : 'an anonymous function';
}

/** True for nodes that start a new function body (declarations, expressions, arrows, methods, accessors, constructors). */
export function isFunctionBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)
  );
}

/** The syntax kinds of `isFunctionBody`, for subscribing to the traversal. */
export const FUNCTION_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor,
];

/** True for the implementation signature of an overloaded function or method: callers only see the overloads. */
export function isOverloadImplementation(fn: ts.Node): boolean {
  if (!(ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) || !fn.body || !fn.name) return false;
  const name = fn.name.getText();
  const parent = fn.parent as unknown as { statements?: readonly ts.Node[]; members?: readonly ts.Node[] };
  const siblings: readonly ts.Node[] = (ts.isFunctionDeclaration(fn) ? parent.statements : parent.members) ?? [];
  return siblings.some((s) => s !== fn && (ts.isFunctionDeclaration(s) || ts.isMethodDeclaration(s)) && !s.body && s.name?.getText() === name);
}
