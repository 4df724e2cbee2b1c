/**
 * Where a random value ends up, for insecure-randomness: follows it up through arithmetic, string
 * conversion, indexing into an alphabet, mapping callbacks and string building to the name it is
 * stored under (a variable, a property, an assignment target, a pushed-to array, a returning function).
 */
import { ts } from 'ts-morph';
import { resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';
import { propertyNameText } from './object-literal.js';

/** Calls that pass the random value on into the result (`Math.floor`, `String`, `.charAt`, `btoa`). */
const PASS_THROUGH_CALLS = /^(floor|round|ceil|trunc|abs|String|Number|parseInt|fromCharCode|charAt|at|btoa|encode\w*|\w*[Hh]ash\w*|\w*[Bb]ase64\w*|toHex|hex\w*)$/;

/** The name of a function-like node: its declaration, or the variable/property it is assigned to. */
function functionName(fn: ts.Node): string | undefined {
  const named = fn as ts.FunctionLikeDeclaration;
  if (named.name && !ts.isComputedPropertyName(named.name)) return propertyNameText(named.name as ts.PropertyName);
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer === fn) {
    return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
  }
  return undefined;
}

/** The nearest enclosing function-like node. */
function nearestFunction(node: ts.Node): ts.Node | undefined {
  for (let a = node.parent; a; a = a.parent) if (ts.isFunctionLike(a)) return a;
  return undefined;
}

/** The nearest enclosing named function's name. */
export function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let a = node.parent; a; a = a.parent) {
    if (ts.isFunctionLike(a)) {
      const name = functionName(a);
      if (name) return name;
    }
  }
  return undefined;
}

/** Where a value ends up: the name it is stored under, and whether that is a local, a return or a field. */
export interface Destination {
  name: string;
  /** `oauth-state`: the `state` of an OAuth authorization request, its CSRF protection. */
  kind: 'local' | 'return' | 'named' | 'oauth-state';
  /** The declaration of a local, to find its uses. */
  declaration?: ts.Node;
}

/** Keys of an OAuth authorization request, whose `state` guards the callback against CSRF. */
const OAUTH_KEYS = new Set(['clientId', 'client_id', 'redirectUri', 'redirect_uri', 'redirectUrl', 'response_type', 'responseType']);

function isOAuthRequest(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => p.name !== undefined && OAUTH_KEYS.has(propertyNameText(p.name) ?? ''));
}

function assignedName(target: ts.Expression): Destination | undefined {
  const t = unwrap(target);
  if (ts.isIdentifier(t)) {
    const binding = resolveBinding(t);
    return binding ? { name: t.text, kind: 'local', declaration: binding.declaration } : { name: t.text, kind: 'named' };
  }
  if (ts.isPropertyAccessExpression(t)) return { name: t.name.text, kind: 'named' };
  if (ts.isElementAccessExpression(t) && ts.isStringLiteralLike(t.argumentExpression)) return { name: t.argumentExpression.text, kind: 'named' };
  return undefined;
}

/** Callbacks whose return values make up the call's result (`Array.from(..., () => ...)`, uuid-style `replace`). */
const MAPPING_CALLS = new Set(['from', 'map', 'flatMap', 'replace', 'replaceAll']);

/** The call a function is a mapping callback of, or undefined. */
function mappingCall(fn: ts.Node): ts.CallExpression | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined;
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) && MAPPING_CALLS.has(callee.name.text) ? call : undefined;
}

/** Receivers that are alphabets (`chars[Math.floor(Math.random() * chars.length)]` builds a secret; a word list does not). */
const ALPHABET = /char|alphabet|letter|digit|symbol|hex|base\d*|possible|alnum|upper|lower|special|dictionary/i;
/** Operators whose result is a boolean: the random value only decided something. */
const COMPARISONS = new Set([
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InstanceOfKeyword, ts.SyntaxKind.InKeyword,
]);
/** Operators that truncate to an integer (`Math.random() * 1e6 | 0`). */
const INTEGER_OPS = new Set([ts.SyntaxKind.BarToken, ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, ts.SyntaxKind.CaretToken]);

/** One step up: climb to `up` (noting whether the step turns the float into an integer or text), stop at a destination, or give up. */
type Step = { up: ts.Node; converts: boolean } | { stop: Destination } | undefined;

const up = (node: ts.Node, converts = false): Step => ({ up: node, converts });
const stop = (destination: Destination | undefined): Step => (destination ? { stop: destination } : undefined);

function receiverName(expr: ts.Expression): string {
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e)) return 'chars';
  return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
}

function stepThroughCall(cur: ts.Node, p: ts.CallExpression): Step {
  if (p.expression === cur) return up(p, true);
  const callee = unwrap(p.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (PASS_THROUGH_CALLS.test(name)) return up(p, true);
  // `chars.push(alphabet[...])`: the value goes into the receiver.
  if ((name === 'push' || name === 'unshift') && ts.isPropertyAccessExpression(callee)) return stop(assignedName(callee.expression));
  return undefined;
}

function stepToStore(cur: ts.Node, p: ts.Node): Step {
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p)) && p.initializer === cur) {
    return ts.isIdentifier(p.name) ? stop({ name: p.name.text, kind: 'local', declaration: p }) : undefined;
  }
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer === cur) {
    const name = propertyNameText(p.name);
    if (name === 'state' && ts.isObjectLiteralExpression(p.parent) && isOAuthRequest(p.parent)) return stop({ name: 'state', kind: 'oauth-state' });
    return name === undefined ? undefined : stop({ name, kind: 'named' });
  }
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === cur)) {
    // Only the function that returns it: `sort(() => Math.random() - 0.5)` returns to `sort`, not to its caller.
    const fn = ts.isArrowFunction(p) ? p : nearestFunction(p);
    if (!fn) return undefined;
    const call = mappingCall(fn);
    if (call) return up(call, true);
    const name = functionName(fn);
    return name === undefined ? undefined : stop({ name, kind: 'return' });
  }
  return undefined;
}

function step(cur: ts.Node, p: ts.Node): Step {
  if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isPrefixUnaryExpression(p)) return up(p);
  if (ts.isConditionalExpression(p)) return p.condition === cur ? undefined : up(p);
  if (ts.isTemplateSpan(p) || ts.isTemplateExpression(p)) return up(p, true);
  if (ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p)) return up(p);
  if (ts.isPropertyAccessExpression(p) && p.expression === cur) return up(p);
  if (ts.isElementAccessExpression(p) && p.argumentExpression === cur) return ALPHABET.test(receiverName(p.expression)) ? up(p, true) : undefined;
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.PlusEqualsToken) return p.right === cur ? stop(assignedName(p.left)) : undefined;
    if ((op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) || COMPARISONS.has(op)) return undefined;
    const other = p.left === cur ? p.right : p.left;
    return up(p, INTEGER_OPS.has(op) || (op === ts.SyntaxKind.PlusToken && (ts.isStringLiteralLike(other) || ts.isTemplateExpression(other))));
  }
  if (ts.isCallExpression(p)) return stepThroughCall(cur, p);
  return stepToStore(cur, p);
}

/**
 * Follows the random value up through arithmetic, string conversions and indexing into an alphabet to
 * where it is stored. `converted`: it became an integer or text on the way (a raw float is a weight or a delay).
 */
export function destinationOf(random: ts.Node): (Destination & { converted: boolean }) | undefined {
  let cur: ts.Node = random;
  let converted = false;
  for (let guard = 0; guard < 64 && cur.parent; guard++) {
    const next = step(cur, cur.parent);
    if (!next) return undefined;
    if ('stop' in next) return { ...next.stop, converted };
    converted ||= next.converts;
    cur = next.up;
  }
  return undefined;
}
