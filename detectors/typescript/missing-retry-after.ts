import { ts } from 'ts-morph';
import { type TsFile, defineTsDetector } from '../define.js';
import { importsOf } from './shared/imports.js';
import { enclosingFunction } from './shared/bindings.js';
import { isTestFile } from './shared/file-role.js';
import { functionName } from './shared/function-name.js';
import { type StatusSet, statusOfAssignment, statusOfCall, statusOfFetchResponse } from './shared/http-responses.js';
import { unwrap } from './shared/constant-text.js';
import { memberNamed } from './shared/object-literal.js';

const RETRY_AFTER = /retry-after/i;
/** Headers set from a value the rule cannot read: `res.set(headers)`, `res.header(name, value)`. */
const OPAQUE_HEADERS = /\.(set|header|headers|setHeader|append|writeHead)\(\s*(?!['"`\d])[\w$]/;
/** Health and readiness endpoints answer 503 to load balancers and orchestrators, which ignore Retry-After. */
const PROBE = /health|ready|readiness|live|liveness|status|ping|heartbeat|probe/i;

/**
 * Words that say a 503 is an overload or a pause that ends (a busy event loop, maintenance, a full
 * queue, a locked database, "try again"): there a `Retry-After` tells the client when. Other 503s
 * (a limit reached, a server shutting down, a dependency not configured) have no time to give.
 */
const TRANSIENT = /busy|overload|maintenance|capacity|throttl|too.?many|backpressure|back.?off|retry|try.?again|temporar|queue|saturat|event.?loop|in.?flight|concurren|exhaust/i;

/** The route path `fn` is registered under (`app.get('/healthz', fn)`, also through a wrapper: `router.get('/health', asyncHandler(fn))`), if written as a literal. */
function routePath(fn: ts.Node): string {
  let call = fn.parent;
  if (call && ts.isCallExpression(call) && call.arguments.length === 1 && ts.isCallExpression(call.parent) && call.parent.arguments.includes(call)) call = call.parent;
  if (!call || !ts.isCallExpression(call)) return '';
  const first = call.arguments[0];
  return first && ts.isStringLiteralLike(first) ? first.text : '';
}

/** True when the 503 at `node` reads as transient: the names of the functions around it, the conditions it sits under, its statement or the file's name say so. */
function transient503(node: ts.Node, path: string): boolean {
  if (TRANSIENT.test(path.split('/').pop() ?? '')) return true;
  const inner = enclosingFunction(node);
  for (let fn = inner; fn; fn = enclosingFunction(fn)) if (TRANSIENT.test(functionName(fn))) return true;
  for (let a: ts.Node | undefined = node; a && a !== inner; a = a.parent) {
    if (ts.isIfStatement(a) && TRANSIENT.test(a.expression.getText())) return true;
    if ((ts.isExpressionStatement(a) || ts.isReturnStatement(a) || ts.isThrowStatement(a)) && TRANSIENT.test(a.getText())) return true;
  }
  return false;
}

/** True when some enclosing function is a health or readiness probe, by name or route. */
function inProbe(node: ts.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (PROBE.test(functionName(fn)) || PROBE.test(routePath(fn))) return true;
  }
  return false;
}

/** True when headers the rule cannot read travel with the status (`writeHead(429, headers)`, `{ status, headers }`). */
function opaqueHeaders(set: StatusSet): boolean {
  const node = set.node;
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    const callee = unwrap(node.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'writeHead') return (node.arguments?.length ?? 0) > 1;
    const init = node.arguments?.[1] ? unwrap(node.arguments[1]) : undefined;
    if (init && ts.isObjectLiteralExpression(init)) return memberNamed(init, 'headers') !== undefined || init.properties.some(ts.isSpreadAssignment);
  }
  return false;
}

/** Per-function: does the handler set headers from values the rule cannot read? Computed once per function. */
function handlerSetsOpaqueHeaders(fileMemo: <T>(key: string, compute: () => T) => T, fn: ts.Node | undefined): boolean {
  if (!fn) return false;
  return fileMemo(`missing-retry-after/opaque/${fn.pos}`, () => OPAQUE_HEADERS.test(fn.getText()));
}

/** Rate-limit middlewares that set `Retry-After` on the responses they limit, custom handlers included. */
const RATE_LIMIT_LIBRARIES = /^(express-rate-limit|@fastify\/rate-limit|hono-rate-limiter|express-slow-down)$/;

/** True when the file imports a rate limiter that writes `Retry-After` itself. */
function usesRateLimitLibrary(file: TsFile): boolean {
  const { imports, requires } = importsOf(file);
  return [...imports, ...requires].some((i) => RATE_LIMIT_LIBRARIES.test(i.specifier));
}

/** 429 and 503 responses sent without a `Retry-After` header. */
export default defineTsDetector({
  meta: {
    id: 'missing-retry-after',
    severity: 'low',
    category: 'reliability',
    description: 'A 429 response, or a 503 for an overload or maintenance, is sent without a `Retry-After` header.',
    recommendation: "Tell the client when to come back: `res.set('Retry-After', String(seconds))` before sending the 429/503.",
    docs: {
      why:
        'Without `Retry-After`, well-behaved clients and SDKs fall back to their own guesses (often an immediate retry), so a rate limit or an overload turns into a retry storm just when the service can least afford it. The rule reports `res.status(429)`, `res.sendStatus(503)`, `reply.code(429)`, `ctx.status = 429`, Hono\'s `c.json(body, 429)` and `new Response(body, { status: 429 })` in files that never mention `Retry-After`. It stands down when headers are set from values it cannot read (`res.set(headers)`, `writeHead(429, headers)`, `{ status, headers }`), for 503s of health and readiness probes (load balancers ignore the header), for 503s whose context does not say they are transient (a 503 is reported only where the function names, the condition it sits under, its statement or the file name mention an overload, a busy or locked resource, maintenance, a full queue, throttling or "try again": a server shutting down or a configured limit reached has no time to give), in files that use a rate limiter which sets the header itself (`express-rate-limit`, `@fastify/rate-limit`), and in test files.',
      flagged: [
        "app.post('/login', (req, res) => {\n  if (limiter.exceeded(req.ip)) return res.status(429).json({ error: 'Too many attempts' });\n  res.json(login(req.body));\n});\n",
        "app.get('/report', (req, res) => {\n  if (busy) return res.sendStatus(503);\n  res.send(render());\n});\n",
      ],
      ignored: [
        "app.post('/login', (req, res) => {\n  if (limiter.exceeded(req.ip)) {\n    res.set('Retry-After', '60');\n    return res.status(429).json({ error: 'Too many attempts' });\n  }\n  res.json(login(req.body));\n});\n",
        "app.get('/healthz', (req, res) => {\n  res.status(db.ready ? 200 : 503).end();\n});\n",
        "app.get('/healthz', async (req, res) => {\n  if (!(await db.ping())) return res.sendStatus(503);\n  res.sendStatus(200);\n});\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestFile(file.path)) return {};
    // A file that sends `Retry-After` somewhere or uses a rate-limit library is left alone: asked on
    // its first 429 or 503, not of every file.
    let excused: boolean | undefined;
    const excusedFile = (): boolean => (excused ??= RETRY_AFTER.test(file.text) || usesRateLimitLibrary(file));
    const memo = file.memo.bind(file);
    const judge = (set: StatusSet | undefined): void => {
      if (!set || (set.status !== 429 && set.status !== 503) || excusedFile()) return;
      if (opaqueHeaders(set) || handlerSetsOpaqueHeaders(memo, enclosingFunction(set.node))) return;
      if (set.status === 503 && (inProbe(set.node) || !transient503(set.node, file.path))) return;
      const meaning = set.status === 429 ? 'a rate-limited client' : 'a client of an overloaded service';
      ctx.report({
        line: file.lineOf(set.node.getStart()),
        message: `\`${set.text}\` is sent without a \`Retry-After\` header: ${meaning} has to guess when to retry.`,
      });
    };
    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          judge(statusOfCall(call) ?? statusOfFetchResponse(call));
        },
        NewExpression(node) {
          judge(statusOfFetchResponse(node as ts.NewExpression));
        },
        BinaryExpression(node) {
          judge(statusOfAssignment(node as ts.BinaryExpression));
        },
      },
    };
  },
});
