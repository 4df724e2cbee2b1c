/**
 * Where Python server code sends a status: FastAPI/Starlette exceptions and responses, Flask's
 * `abort` and `(body, status)` returns, Django and aiohttp responses, `http.server` handlers.
 * Names are resolved through the module's imports, so a local `abort()` is not Flask's.
 */
import type { PyNode as Node } from '../../define.js';
import { callArguments, calleeName, importedName, unparenthesized } from './call-target.js';
import type { ScopeModel } from './scopes.js';

/** A status sent by a call, with the argument holding it and the headers given alongside. */
export interface SentStatus {
  status: number;
  /** The dotted callee (`fastapi.HTTPException`, `flask.abort`). */
  target: string;
  /** The `headers=` argument, when given. */
  headers: Node | null;
}

/** Named constants: `status.HTTP_429_TOO_MANY_REQUESTS`, `HTTPStatus.SERVICE_UNAVAILABLE`. */
const NAMED_STATUS: Record<string, number> = {
  HTTP_429_TOO_MANY_REQUESTS: 429, TOO_MANY_REQUESTS: 429,
  HTTP_503_SERVICE_UNAVAILABLE: 503, SERVICE_UNAVAILABLE: 503,
};

/** The status code an expression states (`429`, `status.HTTP_429_TOO_MANY_REQUESTS`), or null. */
export function statusCodeOf(node: Node | null): number | null {
  const n = unparenthesized(node);
  if (!n) return null;
  if (n.type === 'integer') return Number(n.text);
  if (n.type === 'attribute') return NAMED_STATUS[n.childForFieldName('attribute')?.text ?? ''] ?? null;
  if (n.type === 'identifier') return NAMED_STATUS[n.text] ?? null;
  return null;
}

/** Callees that take the status as `status_code=` or first positional argument. */
const STATUS_CODE_FIRST = /^(fastapi|starlette)(\.exceptions)?\.(HTTPException|WebSocketException)$/;
/** Responses that take the status as `status_code=` or second positional argument. */
const STATUS_CODE_SECOND = /^(fastapi|starlette)(\.responses)?\.(JSONResponse|Response|PlainTextResponse|HTMLResponse|ORJSONResponse|UJSONResponse)$/;
/** Responses that take `status=`: Flask/Werkzeug, Django, aiohttp. */
const STATUS_KEYWORD = /^(flask|werkzeug(\.wrappers)?|django\.http|aiohttp(\.web)?|quart)\.(Response|HttpResponse|JsonResponse|json_response)$/;
const ABORT = /^(flask|werkzeug\.exceptions|quart)\.abort$/;
const MAKE_RESPONSE = /^(flask|quart)\.make_response$/;
/** aiohttp's ready-made exceptions carry their status in the class. */
const AIOHTTP_EXCEPTIONS: Record<string, number> = { HTTPTooManyRequests: 429, HTTPServiceUnavailable: 503 };

/** Last names of every callee this module understands: a cheap test before resolution. */
export const RESPONSE_CALLEES = new Set([
  'HTTPException', 'WebSocketException', 'JSONResponse', 'Response', 'PlainTextResponse', 'HTMLResponse', 'ORJSONResponse',
  'UJSONResponse', 'HttpResponse', 'JsonResponse', 'json_response', 'abort', 'make_response', 'HTTPTooManyRequests',
  'HTTPServiceUnavailable', 'send_response', 'send_error',
]);

/** The status a call sends (`HTTPException(status_code=429)`, `abort(503)`), or null when it is not a known response. */
export function sentStatus(call: Node, model: ScopeModel): SentStatus | null {
  const fn = call.childForFieldName('function');
  const args = callArguments(call);
  const headers = args.keywords.get('headers') ?? null;
  const name = calleeName(fn);
  // `self.send_response(429)` in an `http.server` handler.
  if ((name === 'send_response' || name === 'send_error') && fn?.type === 'attribute' && fn.childForFieldName('object')?.text === 'self') {
    const status = statusCodeOf(args.positional[0] ?? null);
    return status === null ? null : { status, target: `self.${name}`, headers: null };
  }
  const target = importedName(fn, model);
  if (!target) return null;
  let status: number | null = null;
  if (STATUS_CODE_FIRST.test(target)) status = statusCodeOf(args.keywords.get('status_code') ?? args.positional[0] ?? null);
  else if (STATUS_CODE_SECOND.test(target)) status = statusCodeOf(args.keywords.get('status_code') ?? args.positional[1] ?? null);
  else if (STATUS_KEYWORD.test(target)) status = statusCodeOf(args.keywords.get('status') ?? null);
  else if (ABORT.test(target)) status = statusCodeOf(args.positional[0] ?? null);
  else if (MAKE_RESPONSE.test(target) && args.positional.length === 2) status = statusCodeOf(args.positional[1]);
  else if (/^aiohttp(\.web)?(\.web_exceptions)?\./.test(target)) status = AIOHTTP_EXCEPTIONS[name] ?? null;
  if (status === null) return null;
  // A third `make_response` argument or `**kwargs` may carry headers: unknown.
  if (args.splat || (MAKE_RESPONSE.test(target) && args.positional.length > 2)) return null;
  return { status, target, headers };
}

/** The status of a Flask-style `return body, 429` (two elements; a third would be headers), or null. */
export function returnedStatus(statement: Node): number | null {
  const value = statement.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
  const list = unparenthesized(value);
  if (list?.type !== 'expression_list' && list?.type !== 'tuple') return null;
  const items = list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  return items.length === 2 ? statusCodeOf(items[1]) : null;
}
