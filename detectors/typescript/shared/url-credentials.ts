/**
 * What a credential in a URL looks like, for token-in-url: credential query parameter names, request
 * calls that send a URL, one-time-link and third-party-API contexts that carry tokens by design, and
 * handlers that use a query token as a bearer credential.
 */
import { ts } from 'ts-morph';
import { enclosingFunction } from './bindings.js';
import { type StringPart, unwrap } from './constant-text.js';

/** Query parameter names that can only mean a credential (compared lower-case, `-` as `_`). */
export const CREDENTIAL_KEYS = new Set([
  'access_token', 'accesstoken', 'auth_token', 'authtoken', 'id_token', 'idtoken', 'refresh_token', 'refreshtoken',
  'jwt', 'bearer', 'session_id', 'sessionid', 'session_token', 'sessiontoken', 'password', 'passwd', 'pwd',
  'client_secret', 'clientsecret', 'authorization', 'api_token', 'apitoken',
]);
/**
 * Names that are a credential only when the URL is used to call an API: `?token=` is also the one-time
 * token of every e-mailed reset, invitation, approval or cancellation link (seen on real code).
 */
export const GENERIC_KEYS = new Set(['token', 'auth', 'secret', 'session']);
/** Calls that send a request to the URL given as first argument. */
const REQUEST_FUNCTIONS = new Set(['fetch', 'axios', 'got', 'ky', 'request', 'superagent', 'io', 'ofetch', '$fetch', 'useFetch', 'WebSocket', 'EventSource']);
const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'request', 'fetch', 'ajax', 'connect']);
/** Calls that check a bearer credential (`jwt.verify(req.query.token, key)`, `verifyAccessToken(...)`). */
const AUTH_CHECK = /jwt|decode|authenticat|verify(Access|Auth|Jwt|Id|Session)Token/i;
/** One-time links are meant to carry their token (password reset, e-mail verification, invitations, magic links). */
export const ONE_TIME_LINK = /reset|verif|confirm|activat|invit|magic|unsubscribe|one.?time|otp|download|share/i;
/** Value names that are not credentials even under a `token` key (pagination and sync cursors, CSRF, OAuth state). */
export const NOT_CREDENTIAL = /page|cursor|continuation|next|sync|csrf|xsrf|state|redact|mask/i;

/** The last name in a value's text (`encodeURIComponent(pageToken)` → pageToken, `this.state.token` → token). */
export function valueName(value: ts.Expression): string {
  return value.getText().match(/[A-Za-z_$][\w$]*/g)?.at(-1) ?? '';
}
/** HTTP client calls whose `params`/`searchParams` option becomes the query string (axios, got, ky). */
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const HTTP_CLIENTS = /^(axios|got|ky)$/;
/** Receivers of `.get(url, { params })` that are HTTP clients (`axios`, `apiClient`, `http`). */
const HTTP_RECEIVERS = /(axios|got|ky|http|client|api|instance)$/i;
/** Cheap text filter before splitting a string: a query parameter whose name could be a credential. */
export const QUERY_CREDENTIAL = /[?&][\w-]*(token|jwt|bearer|session|pass|pwd|secret|auth)[\w-]*=/i;

/** A parameter name normalised for lookup (`Access-Token` → `access_token`). */
export const keyOf = (name: string): string => name.toLowerCase().replace(/-/g, '_');
/** True for a name that can only mean a credential. */
export const isCredentialKey = (name: string): boolean => CREDENTIAL_KEYS.has(keyOf(name));
/** True for a credential name or a generic one (`token`, `auth`, ...). */
export const isTokenKey = (name: string): boolean => isCredentialKey(name) || GENERIC_KEYS.has(keyOf(name));

/** True when `expr` is the URL argument of a request (`fetch(url)`, `axios.get(url)`, `new WebSocket(url)`). */
export function isRequestUrl(expr: ts.Node): boolean {
  let e = expr;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent)) e = e.parent;
  const call = e.parent;
  if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || call.arguments?.[0] !== e) return false;
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return REQUEST_FUNCTIONS.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && REQUEST_METHODS.has(callee.name.text);
}

/** Handler code that also reads the bearer header: a query token there is the header's fallback. */
const BEARER_HEADER = /authorization|bearer|x-access-token/i;

/** True when a request query read is used as a bearer credential: its handler reads the `Authorization` header too, or checks it as a JWT. */
export function usedAsBearer(read: ts.Node): boolean {
  const p = read.parent;
  if (ts.isCallExpression(p) && p.arguments.includes(read as ts.Expression) && AUTH_CHECK.test(p.expression.getText())) return true;
  const fn = enclosingFunction(read);
  return fn !== undefined && BEARER_HEADER.test(fn.getText());
}

/** A literal absolute URL to a fixed host (`https://graph.facebook.com/...`): the provider decides where its token goes. */
export const THIRD_PARTY_URL = /^(https?|wss?):\/\/[\w.-]+/i;

/** Names of the functions around `node` and the route paths of the handlers it is in. */
export function contextText(node: ts.Node): string {
  const names: string[] = [];
  for (let a = node.parent; a; a = a.parent) {
    const named = a as ts.Node & { name?: ts.Node };
    if (ts.isFunctionLike(a) && named.name) names.push(named.name.getText());
    if (ts.isVariableDeclaration(a) || ts.isPropertyAssignment(a)) names.push(a.name.getText());
    if (ts.isCallExpression(a) && a.arguments[0] && ts.isStringLiteralLike(a.arguments[0])) names.push(a.arguments[0].text);
  }
  return names.join(' ');
}

/** The credential-looking query parameter set with a non-constant value in a built URL: `?access_token=${t}`. */
export function tokenParameter(parts: StringPart[]): { key: string; value: ts.Expression } | undefined {
  for (let i = 1; i < parts.length; i++) {
    const before = parts[i - 1];
    const part = parts[i];
    if (before.kind !== 'text' || part.kind !== 'value') continue;
    const match = /[?&]([A-Za-z_-]+)=$/.exec(before.text);
    if (match && isTokenKey(match[1])) return { key: match[1], value: part.expr };
  }
  return undefined;
}

/** True when the receiver is an HTTP client (`axios`, `api.get`, `got(...)`). */
export function isHttpCall(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return HTTP_CLIENTS.test(callee.text) && ts.isCallExpression(call);
  if (!ts.isPropertyAccessExpression(callee) || !HTTP_METHODS.has(callee.name.text)) return false;
  const receiver = unwrap(callee.expression);
  return ts.isIdentifier(receiver) && HTTP_RECEIVERS.test(receiver.text);
}
