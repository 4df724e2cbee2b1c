/**
 * Where server code sets a response's status: express / fastify / koa / hono responses
 * (`res.status(429)`, `res.sendStatus(503)`, `reply.code(429)`, `ctx.status = 429`, `c.json(body, 429)`)
 * and fetch-API responses (`new Response(body, { status: 429 })`, `NextResponse.json(body, { status })`).
 */
import { ts } from 'ts-morph';
import { unwrap } from './constant-text.js';
import { propertyNameText } from './object-literal.js';

/** A status set on a response, with the expression that carries it. */
export interface StatusSet {
  status: number;
  /** The node to report (the call, assignment or `status:` property). */
  node: ts.Node;
  /** How it reads in a message: `res.status(429)`. */
  text: string;
}

/** Names a response object goes by in handlers. */
const RESPONSE_NAME = /^(res|resp|response|reply|rep|ctx|context|c)$/;
const STATUS_METHODS = new Set(['status', 'sendStatus', 'code', 'writeHead', 'throw']);
const HONO_METHODS = new Set(['json', 'text', 'body', 'html']);
const FETCH_RESPONSES = /^(Response|NextResponse)(\.(json|redirect))?$/;
/** Named constants of the status-code packages and Node's http2 (`StatusCodes.TOO_MANY_REQUESTS`). */
const NAMED_STATUS: Record<string, number> = {
  TOO_MANY_REQUESTS: 429, HTTP_STATUS_TOO_MANY_REQUESTS: 429, TooManyRequests: 429,
  SERVICE_UNAVAILABLE: 503, HTTP_STATUS_SERVICE_UNAVAILABLE: 503, ServiceUnavailable: 503,
};

/** The status code an expression states: `429`, `StatusCodes.TOO_MANY_REQUESTS`; undefined otherwise. */
export function statusCodeOf(expr: ts.Expression | undefined): number | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isPropertyAccessExpression(e)) return NAMED_STATUS[e.name.text];
  return undefined;
}

/** True when `expr` is a response object by name: `res`, `reply`, `ctx`, `this.res`, `ctx.response`. */
function isResponse(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return RESPONSE_NAME.test(e.text);
  return ts.isPropertyAccessExpression(e) && /^(res|response)$/.test(e.name.text);
}

/** The status a call sets on a response (`res.status(429)`, `c.json(body, 429)`), or undefined. */
export function statusOfCall(call: ts.CallExpression): StatusSet | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !isResponse(callee.expression)) return undefined;
  const method = callee.name.text;
  if (STATUS_METHODS.has(method)) {
    const status = statusCodeOf(call.arguments[0]);
    return status === undefined ? undefined : { status, node: call, text: `${callee.getText()}(${call.arguments[0]?.getText() ?? ''})` };
  }
  // Hono: `c.json(body, 429)`, `c.text('slow down', 503)`.
  if (HONO_METHODS.has(method) && ts.isIdentifier(callee.expression) && callee.expression.text === 'c') {
    const status = statusCodeOf(call.arguments[1]);
    return status === undefined ? undefined : { status, node: call, text: `${callee.getText()}(…, ${call.arguments[1].getText()})` };
  }
  return undefined;
}

/** The status an assignment sets (`res.statusCode = 429`, `ctx.status = 503`), or undefined. */
export function statusOfAssignment(binary: ts.BinaryExpression): StatusSet | undefined {
  if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = unwrap(binary.left);
  if (!ts.isPropertyAccessExpression(target) || !/^(status|statusCode)$/.test(target.name.text) || !isResponse(target.expression)) return undefined;
  const status = statusCodeOf(binary.right);
  return status === undefined ? undefined : { status, node: binary, text: binary.getText() };
}

/** The status given to a fetch-API response (`new Response(body, { status: 429 })`), or undefined. */
export function statusOfFetchResponse(call: ts.CallExpression | ts.NewExpression): StatusSet | undefined {
  // The init object is the second argument: a call with fewer is not looked at further (most are not).
  const init = call.arguments?.[1];
  if (!init || !FETCH_RESPONSES.test(unwrap(call.expression).getText())) return undefined;
  const obj = unwrap(init);
  if (!ts.isObjectLiteralExpression(obj)) return undefined;
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p) || propertyNameText(p.name) !== 'status') continue;
    const status = statusCodeOf(p.initializer);
    return status === undefined ? undefined : { status, node: call, text: `${unwrap(call.expression).getText()}(…, { status: ${p.initializer.getText()} })` };
  }
  return undefined;
}
