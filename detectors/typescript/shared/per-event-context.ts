/**
 * "Does this code run once per event or request?" answered yes or unknown, from the function it is
 * in: a `.on(...)` callback, an `app.get`/`router.use` handler, a `createServer` callback, a
 * `(req, res)` function, a `setInterval` callback. Used by rules whose harm grows with traffic.
 */
import { ts } from 'ts-morph';
import { enclosingFunction } from './bindings.js';
import { isFunctionBody } from './function-name.js';

/** Listener registrations: the callback runs once per event. */
export const LISTENER_METHODS = new Set(['on', 'addListener', 'addEventListener', 'prependListener']);
/** Events that fire once per process or server: a callback of theirs runs once. */
const ONCE_EVENTS = /^(listening|ready|open|connect|start|init|load|DOMContentLoaded|close|exit|end|finish|error)$/i;
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'head', 'options']);
const ROUTER_NAME = /^(app|router|server|api|routes?|fastify|koa)$/i;
const CREATE_SERVER = new Set(['createServer', 'createSecureServer']);

/** The event name of a listener call when it is a literal. */
export function eventNameOf(call: ts.CallExpression): string | undefined {
  const first = call.arguments[0];
  return first && ts.isStringLiteralLike(first) ? first.text : undefined;
}

/** A phrase for how often the function `fn` runs (`every 'connection' event of \`wss\``), when it clearly runs per event or request. */
export function repeatedContext(fn: ts.Node): string | undefined {
  const call = fn.parent;
  if (ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression)) {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const receiver = callee.expression.getText();
      if (LISTENER_METHODS.has(method)) {
        const event = eventNameOf(call);
        if (event === undefined || ONCE_EVENTS.test(event)) return undefined;
        return `every '${event}' event of \`${receiver}\``;
      }
      if (ROUTE_METHODS.has(method) && ts.isIdentifier(callee.expression) && ROUTER_NAME.test(receiver)) return `every request to \`${receiver}.${method}\``;
      if (CREATE_SERVER.has(method)) return 'every request to the server';
    } else if (ts.isIdentifier(callee)) {
      if (CREATE_SERVER.has(callee.text)) return 'every request to the server';
      if (callee.text === 'setInterval') return 'every tick of `setInterval`';
    }
  }
  if (!isFunctionBody(fn)) return undefined;
  const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  if (/^req(uest)?$/.test(params[0] ?? '') && /^(res|response|reply)$/.test(params[1] ?? '')) return 'every request';
  return undefined;
}

/** The phrase of the nearest enclosing function that runs per event or request (constructors stop the search). */
export function perEventContext(node: ts.Node): string | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (ts.isConstructorDeclaration(fn)) return undefined;
    const context = repeatedContext(fn);
    if (context) return context;
  }
  return undefined;
}

/** True for `async` functions, methods and arrows. */
export function isAsyncFunction(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}
