import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, unparenthesized } from './shared/call-target.js';
import { RESPONSE_CALLEES, returnedStatus, sentStatus } from './shared/http-responses.js';
import { scopesOf } from './shared/scopes.js';
import { isTestPath } from './shared/secret-patterns.js';

const RETRY_AFTER = /retry[-_]after/i;
/** Health and readiness endpoints answer 503 to load balancers and orchestrators, which ignore Retry-After. */
const PROBE = /health|ready|readiness|live|liveness|status|ping|heartbeat|probe/i;
const FLASK_LIKE = /^(flask|quart)(\.|$)/;
const RATE_LIMIT_LIBRARIES = /^(slowapi|flask_limiter|fastapi_limiter)(\.|$)/;

/** The nearest enclosing `def` of `node`, or null at module level. */
function enclosingDef(node: Node): Node | null {
  for (let a = node.parent; a; a = a.parent) if (a.type === 'function_definition') return a;
  return null;
}

/** True when some enclosing `def` is a health or readiness probe, by its name or its route decorator. */
function inProbe(node: Node): boolean {
  for (let def = enclosingDef(node); def; def = enclosingDef(def)) {
    if (PROBE.test(def.childForFieldName('name')?.text ?? '')) return true;
    const decorated = def.parent?.type === 'decorated_definition' ? def.parent : null;
    if (decorated?.namedChildren.some((d) => d?.type === 'decorator' && PROBE.test(d.text))) return true;
  }
  return false;
}

/**
 * Words that say a 503 is an overload or a pause that ends (a busy worker, maintenance, a full queue,
 * a locked database, "try again"): there a `Retry-After` tells the client when. Other 503s (a limit
 * reached, a server shutting down, a dependency not configured) have no time to give.
 */
const TRANSIENT = /busy|overload|maintenance|capacity|throttl|too.?many|backpressure|back.?off|retry|try.?again|temporar|queue|saturat|in.?flight|concurren|exhaust/i;
const STATEMENTS = new Set(['expression_statement', 'return_statement', 'raise_statement']);

/** True when the 503 at `node` reads as transient: the names of the defs around it, the conditions it sits under, its statement or the file's name say so. */
function transient503(node: Node, path: string): boolean {
  if (TRANSIENT.test(path.split('/').pop() ?? '')) return true;
  const inner = enclosingDef(node);
  for (let def = inner; def; def = enclosingDef(def)) if (TRANSIENT.test(def.childForFieldName('name')?.text ?? '')) return true;
  for (let a: Node | null = node; a && a !== inner && a.id !== inner?.id; a = a.parent) {
    if ((a.type === 'if_statement' || a.type === 'elif_clause') && TRANSIENT.test(a.childForFieldName('condition')?.text ?? '')) return true;
    if (STATEMENTS.has(a.type) && TRANSIENT.test(a.text)) return true;
  }
  return false;
}

const MEANING: Record<number, string> = { 429: 'a rate-limited client', 503: 'a client of an overloaded service' };

/** 429 and 503 responses sent without a `Retry-After` header. */
export default definePyDetector({
  meta: {
    id: 'missing-retry-after',
    severity: 'low',
    category: 'reliability',
    description: 'A 429 response, or a 503 for an overload or maintenance (FastAPI/Starlette `HTTPException`, Flask `abort`/`return body, 429`, Django, aiohttp, `http.server`), is sent without a `Retry-After` header.',
    recommendation: 'Tell the client when to come back: `HTTPException(status_code=429, headers={"Retry-After": "60"})`, or `return body, 429, {"Retry-After": "60"}` in Flask.',
    docs: {
      why:
        'Without `Retry-After`, clients and SDKs fall back to their own guesses (often an immediate retry), so a rate limit or an overload turns into a retry storm just when the service can least afford it. Only modules that never mention `Retry-After` are checked (a header added by a middleware or helper of the same module counts); responses with `headers=` the rule cannot read, `**kwargs`, a third `make_response` argument, 503s of health and readiness probes, 503s whose context does not say they are transient (a 503 is reported only where the names of the functions around it, the condition it sits under, its statement or the file name mention an overload, a busy or locked resource, maintenance, a full queue, throttling or "try again"), modules using a rate limiter that manages its own headers (slowapi, Flask-Limiter, fastapi-limiter), and test files are left alone.',
      flagged: [
        'from fastapi import HTTPException\n\nasync def check_rate(user):\n    if await limiter.hit(user.id):\n        raise HTTPException(status_code=429, detail="Too many requests")\n',
        'from flask import abort\n\ndef upload():\n    if queue.full():\n        abort(503)\n',
      ],
      ignored: [
        'from fastapi import HTTPException\n\nasync def check_rate(user):\n    if await limiter.hit(user.id):\n        raise HTTPException(status_code=429, headers={"Retry-After": "60"})\n',
        'from fastapi import FastAPI, Response\n\napp = FastAPI()\n\n@app.get("/healthz")\nasync def healthz():\n    return Response(status_code=503 if draining else 200)\n',
        'from fastapi import HTTPException\n\ndef missing(item):\n    raise HTTPException(status_code=404)\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestPath(file.path) || RETRY_AFTER.test(file.text)) return {};
    // slowapi and Flask-Limiter answer limited requests themselves and manage the headers.
    if (scopesOf(file).imports.some((b) => RATE_LIMIT_LIBRARIES.test(b.module))) return {};
    const flaskFile = (): boolean => file.memo('python/missing-retry-after/flask', () => scopesOf(file).imports.some((b) => FLASK_LIKE.test(b.module)));
    const report = (node: Node, status: number, what: string): void => {
      if (status !== 429 && status !== 503) return;
      if (status === 503 && (inProbe(node) || !transient503(node, file.path))) return;
      ctx.report({
        line: node.startPosition.row + 1,
        message: `\`${what}\` sends ${status} without a \`Retry-After\` header: ${MEANING[status]} has to guess when to retry.`,
      });
    };
    return {
      enter: {
        call(call) {
          if (!RESPONSE_CALLEES.has(calleeName(call.childForFieldName('function')))) return;
          const sent = sentStatus(call, scopesOf(file));
          if (!sent) return;
          // Headers the rule cannot read (a variable, a call) may hold Retry-After.
          if (sent.headers && unparenthesized(sent.headers)?.type !== 'dictionary') return;
          report(call, sent.status, `${sent.target}()`);
        },
        return_statement(statement) {
          const status = returnedStatus(statement);
          if (status === null || !flaskFile()) return;
          report(statement, status, `return …, ${status}`);
        },
      },
    };
  },
});
