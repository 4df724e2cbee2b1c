/**
 * "Does this `def` run again and again?" answered with a phrase or null (unknown): route handlers
 * by their decorator, other functions and methods by name, minus set-up entry points, constructors,
 * context managers and cached factories, which run once per process or own what they build.
 */
import type { PyNode as Node } from '../../define.js';

/** Entry points and set-up code that run once per process. */
const ONCE_NAME = /^(main|run|cli|boot|start\w*|bootstrap\w*|setup\w*|set_up\w*|init\w*|seed\w*|migrate\w*|configure\w*|register\w*|install\w*|lifespan|create_app|make_app|__init__|__new__|__enter__|__aenter__|__post_init__|setUp\w*|setUpClass|asyncSetUp)$/;
/** Decorators that run a function once, cache its result, or hand its value to a caller that owns it. */
const ONCE_DECORATOR = /^@\s*((functools\.)?(lru_cache|cache|cached_property)|(contextlib\.)?(async)?contextmanager|(pytest\.)?fixture|pytest_asyncio\.fixture|\w+\.on_event|\w+\.(before_first_request|before_serving|on_startup)|(\w+\.)?(startup|shutdown)|lifespan)\b/;
/** Route decorators of Flask, FastAPI, Starlette, Quart, aiohttp and Django REST framework. */
const ROUTE_DECORATOR = /^@\s*([\w.]+)\.(get|post|put|patch|delete|route|api_route|websocket|head|options)\s*\(/;

/** The decorators of a `def`, as written. */
export function decoratorsOf(def: Node): string[] {
  const parent = def.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c): c is Node => c?.type === 'decorator').map((d) => d.text);
}

/** Task decorators of Celery, RQ, Dramatiq and socket.io events: the function runs per job or message. */
const TASK_DECORATOR = /^@\s*(([\w.]+\.)?(task|shared_task|actor|job|event|on))\b/;
/** Parameters that make a function a request or socket handler. */
const HANDLER_PARAMETER = /^(request|req|websocket|ws|sid)$/;
/** Modules whose presence makes a file server code: its functions run per request, job or message. */
export const SERVER_MODULE = /^(fastapi|flask|django|starlette|aiohttp|quart|sanic|tornado|celery|socketio|websockets|litestar|falcon|bottle|pyramid|rq|dramatiq)(\.|$)/;

/** The names of a `def`'s parameters (plain, typed or with defaults). */
function parameterNames(def: Node): string[] {
  const params = def.childForFieldName('parameters')?.namedChildren ?? [];
  return params.map((p) => (p?.type === 'identifier' ? p.text : (p?.childForFieldName('name')?.text ?? p?.namedChild(0)?.text ?? '')));
}

/**
 * How often `def` runs, in words (`every request to \`@app.get\``), or null when that is not clear:
 * route and task decorators, request/socket parameters, coroutines, and any function of a server
 * module (`serverModule`) count; set-up entry points, constructors, cached factories and context
 * managers never do.
 */
export function perCallFunction(def: Node, serverModule: boolean): string | null {
  const name = def.childForFieldName('name')?.text ?? '';
  const decorators = decoratorsOf(def);
  if (ONCE_NAME.test(name) || decorators.some((d) => ONCE_DECORATOR.test(d))) return null;
  for (const d of decorators) {
    const route = ROUTE_DECORATOR.exec(d);
    if (route) return `every request to \`@${route[1]}.${route[2]}\``;
    if (TASK_DECORATOR.test(d)) return `every run of the task \`${name}\``;
  }
  if (parameterNames(def).some((p) => HANDLER_PARAMETER.test(p))) return `every request handled by \`${name}\``;
  if (serverModule || def.firstChild?.type === 'async') return `every call of \`${name}\``;
  return null;
}

/** The nearest `def` or `lambda` around `node`, or null at module or class level. */
export function enclosingFunction(node: Node): Node | null {
  for (let a = node.parent; a; a = a.parent) {
    if (a.type === 'function_definition' || a.type === 'lambda') return a;
    if (a.type === 'class_definition') return null;
  }
  return null;
}
