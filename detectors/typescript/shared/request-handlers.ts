/**
 * "Is this function a request handler?" answered with a phrase or undefined (not known to be one),
 * for rules about the request path (unbounded-query, missing-input-validation). A handler is:
 * - a function passed to a route registration whose first argument is a path string
 *   (`app.get('/users', fn)`, `router.post('/x', auth, fn)`, `fastify.get('/x', opts, fn)`), on a
 *   receiver named like a router (`app`, `router`, `server`, `api`, `fastify`, `routes`, `*Router`);
 * - the `handler` of a Fastify route object (`fastify.route({ method, url, handler })`);
 * - a tRPC resolver: `.query(fn)` / `.mutation(fn)` on a chain that starts at a `*procedure*` name;
 * - a Next.js route handler: an exported `GET`/`POST`/... function in a `route.ts` file.
 * Anything else (a helper called by a handler, a `(req, res)` function of unknown use) is not one.
 */
import { ts } from 'ts-morph';
import { enclosingFunction } from './bindings.js';
import { unwrap } from './constant-text.js';
import { propertyNameText } from './object-literal.js';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options']);
const ROUTER_NAME = /^(app|router|server|api|routes?|fastify|koa|\w*Router|\w*App)$/;
const TRPC_RESOLVERS = new Set(['query', 'mutation', 'subscription']);
const HTTP_VERB_EXPORT = /^(GET|POST|PUT|PATCH|DELETE)$/;
const NEXT_ROUTE_FILE = /(^|\/)route\.[cm]?[jt]sx?$/;

/** The identifier at the head of a call/member chain (`publicProcedure` in `publicProcedure.input(x).query`). */
function chainHead(expr: ts.Expression): ts.Expression {
  let e = unwrap(expr);
  for (;;) {
    if (ts.isPropertyAccessExpression(e)) e = unwrap(e.expression);
    else if (ts.isCallExpression(e)) e = unwrap(e.expression);
    else return e;
  }
}

/** `app.get('/x', fn)` and friends; the phrase names the route. */
function routeRegistration(fn: ts.Node, call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const receiver = unwrap(callee.expression);
  if (ROUTE_METHODS.has(method)) {
    const path = call.arguments[0];
    if (!path || !ts.isStringLiteralLike(path) || !path.text.startsWith('/')) return undefined;
    // `router.route('/x').get(fn)` has no path argument; `app.get('/x', fn)` has one.
    const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
    if (!ROUTER_NAME.test(name) || call.arguments.at(-1) !== fn) return undefined;
    return `the handler of \`${name}.${method}('${path.text}')\``;
  }
  if (TRPC_RESOLVERS.has(method) && call.arguments[0] === fn) {
    const head = chainHead(receiver);
    if (ts.isIdentifier(head) && /procedure/i.test(head.text)) return `the tRPC ${method} of \`${head.text}\``;
  }
  return undefined;
}

/** `fastify.route({ url: '/x', handler: fn })`. */
function routeObject(fn: ts.Node): string | undefined {
  const property = fn.parent;
  if (!ts.isPropertyAssignment(property) || propertyNameText(property.name) !== 'handler') return undefined;
  const obj = property.parent;
  const call = obj.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== obj) return undefined;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'route') return undefined;
  const url = obj.properties.find((p) => ts.isPropertyAssignment(p) && /^(url|path)$/.test(propertyNameText(p.name) ?? ''));
  const text = url && ts.isPropertyAssignment(url) && ts.isStringLiteralLike(url.initializer) ? url.initializer.text : '…';
  return `the handler of the route \`${text}\``;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** `export async function GET(request)` in a Next.js `route.ts`. */
function nextRoute(fn: ts.Node, path: string): string | undefined {
  if (!NEXT_ROUTE_FILE.test(path.replace(/\\/g, '/'))) return undefined;
  if (ts.isFunctionDeclaration(fn) && fn.name && HTTP_VERB_EXPORT.test(fn.name.text) && isExported(fn)) return `the \`${fn.name.text}\` route handler`;
  const declaration = fn.parent;
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && HTTP_VERB_EXPORT.test(declaration.name.text)) {
    const statement = declaration.parent.parent;
    if (ts.isVariableStatement(statement) && isExported(statement)) return `the \`${declaration.name.text}\` route handler`;
  }
  return undefined;
}

/** A phrase naming the route `fn` handles, when `fn` itself is a request handler (see the module comment). */
export function requestHandlerOf(fn: ts.Node, path: string): string | undefined {
  const parent = fn.parent;
  if (parent && ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    const found = routeRegistration(fn, parent);
    if (found) return found;
  }
  return routeObject(fn) ?? nextRoute(fn, path);
}

/** The handler `node` runs in (its own function or an enclosing one), with its phrase; memoised per function. */
export function enclosingRequestHandler(
  node: ts.Node,
  path: string,
  cache: Map<ts.Node, { fn: ts.Node; phrase: string } | null>,
): { fn: ts.Node; phrase: string } | undefined {
  const visited: ts.Node[] = [];
  let result: { fn: ts.Node; phrase: string } | null = null;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const known = cache.get(fn);
    if (known !== undefined) {
      result = known;
      break;
    }
    visited.push(fn);
    const phrase = requestHandlerOf(fn, path);
    if (phrase) {
      result = { fn, phrase };
      break;
    }
  }
  for (const fn of visited) cache.set(fn, result);
  return result ?? undefined;
}
