/**
 * "Is this value what an HTTP client sent?" for server handlers: `req.body.x`, `req.query.q`,
 * `ctx.request.body`, `event.queryStringParameters`, `req.get('origin')`, and local variables bound
 * to them in the same function. Answers yes only on those shapes; anything else is no.
 */
import { ts } from 'ts-morph';
import { enclosingFunction, resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';
import { STRING_TRANSFORMS } from './value-facts.js';

/** Names handler frameworks give the request (Express, Koa, Fastify, Next, Lambda). */
const REQUEST_ROOTS = new Set(['req', 'request', 'ctx', 'context', 'event']);
/** Members holding what the client sent. */
const REQUEST_MEMBERS = new Set([
  'body', 'query', 'params', 'headers', 'cookies', 'signedCookies', 'queryStringParameters', 'pathParameters',
  'multiValueQueryStringParameters', 'rawBody', 'files', 'file', 'searchParams', 'url', 'originalUrl',
]);
/** Request methods returning client data (`req.get('origin')`, `req.header('x-id')`, `req.param('id')`). */
const REQUEST_GETTERS = new Set(['get', 'header', 'param']);
const MAX_DEPTH = 6;

/** Root identifier and member names of `a.b['c'].d` (undefined for other shapes). */
function memberPath(expr: ts.Expression): { root: ts.Identifier; members: string[] } | undefined {
  const members: string[] = [];
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e)) members.unshift(e.name.text);
    else members.unshift(ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : '[]');
    e = unwrap(e.expression);
  }
  return ts.isIdentifier(e) ? { root: e, members } : undefined;
}

/** True when the root is a request object, not a local constant that happens to be named `request`. */
function isRequestRoot(root: ts.Identifier): boolean {
  if (!REQUEST_ROOTS.has(root.text)) return false;
  const binding = resolveBinding(root);
  return binding === undefined || binding.kind === 'param';
}

function check(expr: ts.Expression, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const e = unwrap(expr);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const method = e.expression.name.text;
    const receiver = e.expression.expression;
    if (STRING_TRANSFORMS.has(method)) return check(receiver, depth + 1);
    const path = memberPath(receiver);
    if (REQUEST_GETTERS.has(method) && path && path.members.length === 0 && isRequestRoot(path.root)) return true;
    return false;
  }
  if (ts.isIdentifier(e)) {
    const binding = resolveBinding(e);
    if (!binding?.initializer || !['const', 'let', 'var'].includes(binding.kind)) return false;
    if (enclosingFunction(binding.declaration) !== enclosingFunction(e)) return false;
    return check(binding.initializer, depth + 1);
  }
  const path = memberPath(e);
  if (!path || !isRequestRoot(path.root)) return false;
  // `ctx.request.body`, `req.body`: a client-controlled member somewhere below the request.
  return path.members.some((m) => REQUEST_MEMBERS.has(m));
}

/** True when `expr` is (or is a string transform of, or a same-function local bound to) request data. */
export function isRequestInput(expr: ts.Expression): boolean {
  return check(expr, 0);
}

/** Members holding the URL query of a request (`req.query`, Lambda's `event.queryStringParameters`). */
const QUERY_MEMBERS = new Set(['query', 'queryStringParameters', 'multiValueQueryStringParameters']);

/** The last member name `memberPath` would list for `e` (`'[]'` for a computed key), or undefined. */
function lastMember(e: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (!ts.isElementAccessExpression(e)) return undefined;
  return ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : '[]';
}

/** True when `expr` is a request's query object itself (`req.query`, `ctx.request.query`). */
export function isRequestQuery(expr: ts.Expression): boolean {
  // The cheap test first: most member accesses do not end in a query member.
  const last = lastMember(unwrap(expr));
  if (last === undefined || !QUERY_MEMBERS.has(last)) return false;
  const path = memberPath(expr);
  return path !== undefined && path.members.length > 0 && QUERY_MEMBERS.has(path.members[path.members.length - 1]) && isRequestRoot(path.root);
}

/** The query parameter read by `req.query.token` / `req.query['access_token']`, or undefined. */
export function requestQueryKey(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
  if (!isRequestQuery(e.expression)) return undefined;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
}
