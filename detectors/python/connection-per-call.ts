import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { SERVER_MODULE, enclosingFunction, perCallFunction } from './shared/call-frequency.js';
import { isTestPath } from './shared/secret-patterns.js';
import { scopesOf } from './shared/scopes.js';
import { isModuleVariable } from './shared/shared-state.js';
import { type ClientConstruction, clientConstruction } from './shared/service-clients.js';

/** Methods that keep a client alive on purpose (a subscriber): it is meant to outlive the call. */
const LONG_LIVED_USES = new Set(['pubsub', 'subscribe', 'psubscribe', 'listen', 'monitor']);
/** Wrappers that pass a value through unchanged for our purpose. */
const TRANSPARENT = new Set(['parenthesized_expression', 'await']);

/** A client bound to a local name, followed until the traversal ends. */
interface Candidate {
  client: ClientConstruction;
  name: string;
  target: Node;
  fn: Node;
  how: string;
  line: number;
  closed: boolean;
  escaped: boolean;
}

/** The node around `node` that uses its value, past parentheses and `await`. */
function valueParent(node: Node): { parent: Node | null; child: Node } {
  let child = node;
  let parent = node.parent;
  while (parent && TRANSPARENT.has(parent.type)) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** Applies one mention of a candidate's name: a close, a plain method call, or an escape. */
function noteUse(candidate: Candidate, id: Node): void {
  if (id.id === candidate.target.id) return;
  const holder = id.parent;
  // `obj.client`, `f(client=...)`: the same letters, not the variable.
  if (holder?.type === 'attribute' && holder.childForFieldName('attribute')?.id === id.id) return;
  if (holder?.type === 'keyword_argument' && holder.childForFieldName('name')?.id === id.id) return;
  const { parent, child } = valueParent(id);
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === child.id) {
    const method = parent.childForFieldName('attribute')?.text ?? '';
    if (candidate.client.closers.has(method)) candidate.closed = true;
    else if (LONG_LIVED_USES.has(method)) candidate.escaped = true;
    return;
  }
  // `with conn:` / `async with session:` closes (or at least manages) it.
  if (parent?.type === 'with_item') {
    candidate.closed = true;
    return;
  }
  // Returned, yielded, stored, passed on, rebound: someone else may own and close it.
  candidate.escaped = true;
}

/** Database, Redis and HTTP clients built per call and never closed or handed on. */
export default definePyDetector({
  meta: {
    id: 'connection-per-call',
    severity: 'high',
    category: 'performance',
    description: 'A database, Redis or HTTP client (`redis.Redis(...)`, `httpx.AsyncClient()`, `psycopg2.connect(...)`, `create_engine(...)`) is built inside a function that runs per call and is never closed or reused.',
    recommendation: 'Create the client once (module level, app start-up, dependency injection) and reuse it; when a short-lived client is really needed, use it in `with` / `async with` or close it in `finally`.',
    docs: {
      why:
        'Each client opens its own connection pool: built on every request and never closed, it leaks sockets and server-side connections until the database or Redis refuses new ones (asyncio clients also warn "Unclosed client session"), and every call pays the handshake. Only functions that clearly run per request, job or message are judged: route and task decorators (`@app.get`, `@router.post`, `@shared_task`), handlers with a `request`/`websocket` parameter, coroutines, and any function of a module that imports a server framework (FastAPI, Flask, Django, aiohttp, Celery, ...); plain functions of scripts and libraries may run once and are left alone. Clients built at module or class level, in `__init__`, in set-up functions (`main`, `init*`, `create_app`, `lifespan`, ...), in `@lru_cache`/`@contextmanager`/fixture functions and in `with`/`async with` are left alone, as are clients that are closed anywhere in the function (`close`, `aclose`, `dispose`, ...), returned or yielded (the caller owns them), stored (`self.x = ...`), passed to another call, or kept as a subscriber. Test files are not checked.',
      flagged: [
        'import redis\nfrom flask import Flask\n\ndef get_session(session_id):\n    client = redis.Redis(host="cache", port=6379)\n    return client.get(f"session:{session_id}")\n',
        'import httpx\n\nasync def fetch_profile(user_id):\n    client = httpx.AsyncClient(timeout=10)\n    resp = await client.get(f"https://api.example.com/users/{user_id}")\n    return resp.json()\n',
      ],
      ignored: [
        'import redis\n\nclient = redis.Redis(host="cache", port=6379)\n\ndef get_session(session_id):\n    return client.get(f"session:{session_id}")\n',
        'import httpx\n\nasync def fetch_profile(user_id):\n    async with httpx.AsyncClient(timeout=10) as client:\n        resp = await client.get(f"https://api.example.com/users/{user_id}")\n        return resp.json()\n',
        'import psycopg2\n\ndef count_users(dsn):\n    conn = psycopg2.connect(dsn)\n    try:\n        with conn.cursor() as cur:\n            cur.execute("select count(*) from users")\n            return cur.fetchone()[0]\n    finally:\n        conn.close()\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestPath(file.path)) return {};
    const byName = new Map<string, Candidate[]>();
    const serverModule = (): boolean => file.memo('python/server-module', () => scopesOf(file).imports.some((b) => SERVER_MODULE.test(b.module)));
    return {
      enter: {
        call(call) {
          const client = clientConstruction(call, scopesOf(file));
          if (!client) return;
          const fn = enclosingFunction(call);
          const how = fn?.type === 'function_definition' ? perCallFunction(fn, serverModule()) : null;
          if (!fn || !how) return;
          const { parent, child } = valueParent(call);
          const line = call.startPosition.row + 1;
          if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === child.id) {
            const target = parent.childForFieldName('left');
            // `global _client; _client = ...`: a module-level singleton, not a per-call client.
            if (target?.type !== 'identifier' || isModuleVariable(target, scopesOf(file))) return;
            const candidate: Candidate = { client, name: target.text, target, fn, how, line, closed: false, escaped: false };
            byName.set(target.text, [...(byName.get(target.text) ?? []), candidate]);
          } else if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === child.id) {
            const method = parent.childForFieldName('attribute')?.text ?? '';
            if (client.closers.has(method)) return;
            ctx.report({ line, message: `\`${client.target}()\` is built on ${how}, used once and never closed: every call opens a new ${client.kind} connection.` });
          }
        },
        identifier(id) {
          const candidates = byName.get(id.text);
          if (!candidates) return;
          const fn = enclosingFunction(id);
          for (const c of candidates) {
            if (c.fn.id === fn?.id) noteUse(c, id);
            // Mentioned from a nested function: the client outlives the call.
            else if (fn && c.fn.startIndex < fn.startIndex && fn.endIndex <= c.fn.endIndex) c.escaped = true;
          }
        },
      },
      end() {
        for (const list of byName.values()) {
          for (const c of list) {
            if (c.closed || c.escaped) continue;
            ctx.report({
              line: c.line,
              message: `\`${c.name} = ${c.client.target}(...)\` is built on ${c.how} and never closed or reused: every call opens a new ${c.client.kind} connection.`,
            });
          }
        }
      },
    };
  },
});
