/**
 * "Is this `def` a request handler?" answered with a phrase or null (not known to be one), for
 * rules about the request path (unbounded-query, missing-input-validation). A handler is:
 * - a function with a route decorator (`@app.get("/x")`, `@router.post(...)`, `@bp.route(...)`,
 *   `@app.api_route`, `@app.websocket`) of Flask, FastAPI, Starlette, Quart, Sanic, aiohttp's
 *   `routes`, or a Django REST framework `@api_view` / Django `@require_http_methods`-style view;
 * - a function in a Django views module (`views.py`, `views/`) whose first parameter is `request`;
 * - an HTTP-verb method (`get`, `post`, ..., DRF `list`/`retrieve`/`create`/...) of a class whose
 *   base names a view (`View`, `APIView`, `ViewSet`, `MethodView`, `Resource`, `HTTPEndpoint`).
 * Helpers those handlers call are not followed.
 */
import type { PyNode as Node } from '../../define.js';
import { decoratorsOf } from './call-frequency.js';

const ROUTE_DECORATOR = /^@\s*([\w.]+)\.(get|post|put|patch|delete|route|api_route|websocket|head|options|view)\s*\(/;
const VIEW_DECORATOR = /^@\s*([\w.]*\.)?(api_view|require_http_methods|require_GET|require_POST|require_safe|action)\b/;
const VIEWS_PATH = /(^|\/)views(\.py$|\/)/;
const VIEW_BASE = /\b(\w*View|\w*ViewSet|\w*APIView|MethodView|Resource|HTTPEndpoint|RequestHandler)\b/;
const VERB_METHOD = /^(get|post|put|patch|delete|head|list|retrieve|create|update|partial_update|destroy)$/;

/** The parameter names of a `def`, in order. */
export function parameterNames(def: Node): string[] {
  const params = def.childForFieldName('parameters');
  return (params?.namedChildren ?? []).map((p) => {
    if (!p) return '';
    if (p.type === 'identifier') return p.text;
    return p.childForFieldName('name')?.text ?? p.namedChild(0)?.text ?? '';
  });
}

/** The class a method is defined in, or null. */
function ownerClass(def: Node): Node | null {
  let a = def.parent;
  if (a?.type === 'decorated_definition') a = a.parent;
  return a?.type === 'block' && a.parent?.type === 'class_definition' ? a.parent : null;
}

/** A phrase naming the route `def` handles (`the view \`list_users\` (@app.get)`), or null. */
export function requestHandlerOf(def: Node, path: string): string | null {
  if (def.type !== 'function_definition') return null;
  const name = def.childForFieldName('name')?.text ?? '';
  for (const d of decoratorsOf(def)) {
    const route = ROUTE_DECORATOR.exec(d);
    if (route) return `the view \`${name}\` (\`@${route[1]}.${route[2]}\`)`;
    if (VIEW_DECORATOR.test(d)) return `the view \`${name}\``;
  }
  const params = parameterNames(def);
  const cls = ownerClass(def);
  if (cls) {
    const bases = cls.childForFieldName('superclasses')?.text ?? '';
    if (VERB_METHOD.test(name) && VIEW_BASE.test(bases)) return `the view \`${cls.childForFieldName('name')?.text ?? ''}.${name}\``;
    return null;
  }
  if (VIEWS_PATH.test(path.replace(/\\/g, '/')) && params[0] === 'request') return `the view \`${name}\``;
  return null;
}

/** The handler `node` runs in (its own `def` or an enclosing one), memoised per `def` id. */
export function enclosingRequestHandler(node: Node, path: string, cache: Map<number, { def: Node; phrase: string } | null>): { def: Node; phrase: string } | null {
  const visited: number[] = [];
  let result: { def: Node; phrase: string } | null = null;
  for (let a = node.parent; a; a = a.parent) {
    if (a.type !== 'function_definition') continue;
    const known = cache.get(a.id);
    if (known !== undefined) {
      result = known;
      break;
    }
    visited.push(a.id);
    const phrase = requestHandlerOf(a, path);
    if (phrase) {
      result = { def: a, phrase };
      break;
    }
  }
  for (const id of visited) cache.set(id, result);
  return result;
}
