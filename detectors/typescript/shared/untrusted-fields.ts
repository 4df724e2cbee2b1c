/**
 * Fields read from what a client sent, for missing-input-validation: `req.body.x`, `req.query.x`,
 * `ctx.request.body.x`, `const { x } = req.body` in a request handler; `JSON.parse(data).x` and
 * fields of a variable bound to it in a `ws` `message` listener; fields of a socket.io event's
 * payload. Each read is tied to the function that received the data (the handler or listener).
 */
import { ts } from 'ts-morph';
import { resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';
import { requestHandlerOf } from './request-handlers.js';

/** The client-sent object an expression is, with the function that received it. */
export interface UntrustedObject {
  /** How it reads: `req.body`, `msg`, `payload`. */
  text: string;
  /** The handler or listener that received it. */
  owner: ts.Node;
  /** `the handler of app.post('/x')`, `the 'message' listener of ws`. */
  phrase: string;
}

const REQUEST_PARTS = new Set(['body', 'query']);
const SOCKET_RECEIVER = /^(ws|socket|client|conn|connection|websocket|peer)$/i;
const CONNECTION_EVENTS = /^(connection|connect)$/;
/** socket.io's own events: their arguments are not client payloads. */
const RESERVED_EVENTS = /^(disconnect|disconnecting|error|connect_error|close|open|ping|pong|upgrade|headers|listening)$/;

type OwnerKind = 'request' | 'message' | 'event';
/** Per function, what it was found to be for each kind of owner (null: not one). */
export type OwnerCache = Map<ts.Node, Partial<Record<OwnerKind, string | null>>>;
type Cache = OwnerCache;

function listenerCall(fn: ts.Node): ts.CallExpression | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[1] !== fn) return undefined;
  const callee = unwrap(call.expression);
  const event = call.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'on' && callee.name.text !== 'once') || !ts.isStringLiteralLike(event)) return undefined;
  return call;
}

/** `ws.on('message', (data) => ...)`: the listener whose first parameter is a raw frame. */
function messageListener(fn: ts.Node): string | undefined {
  const call = listenerCall(fn);
  if (!call || (call.arguments[0] as ts.StringLiteral).text !== 'message') return undefined;
  const receiver = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  return ts.isIdentifier(receiver) && SOCKET_RECEIVER.test(receiver.text) ? `the 'message' listener of \`${receiver.text}\`` : undefined;
}

/** `socket.on('chat', (payload) => ...)` where `socket` is the parameter of `io.on('connection', ...)`. */
function socketIoListener(fn: ts.Node): string | undefined {
  const call = listenerCall(fn);
  if (!call) return undefined;
  const event = (call.arguments[0] as ts.StringLiteral).text;
  const receiver = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  if (event === 'message' || RESERVED_EVENTS.test(event) || !ts.isIdentifier(receiver)) return undefined;
  const binding = resolveBinding(receiver);
  if (binding?.kind !== 'param') return undefined;
  const outer = listenerCall(binding.declaration.parent);
  if (!outer || !CONNECTION_EVENTS.test((outer.arguments[0] as ts.StringLiteral).text)) return undefined;
  return `the '${event}' listener of \`${receiver.text}\``;
}

function ownerPhrase(fn: ts.Node, path: string, cache: Cache, kind: OwnerKind): string | undefined {
  let entry = cache.get(fn);
  if (!entry) {
    entry = {};
    cache.set(fn, entry);
  }
  const cached = entry[kind];
  if (cached !== undefined) return cached ?? undefined;
  const phrase = (kind === 'request' ? requestHandlerOf(fn, path) : kind === 'message' ? messageListener(fn) : socketIoListener(fn)) ?? null;
  entry[kind] = phrase;
  return phrase ?? undefined;
}

/** The function whose parameter `id` is, or undefined. */
function parameterOwner(id: ts.Identifier): ts.Node | undefined {
  const binding = resolveBinding(id);
  return binding?.kind === 'param' && !binding.destructured ? binding.declaration.parent : undefined;
}

/** `JSON.parse(data)` / `JSON.parse(data.toString())` of a `message` listener's first parameter. */
function parsedMessage(expr: ts.Expression, path: string, cache: Cache): UntrustedObject | undefined {
  const e = unwrap(expr);
  if (!ts.isCallExpression(e) || e.expression.getText() !== 'JSON.parse' || !e.arguments[0]) return undefined;
  let arg = unwrap(e.arguments[0]);
  if (ts.isCallExpression(arg) && ts.isPropertyAccessExpression(arg.expression) && arg.expression.name.text === 'toString') arg = unwrap(arg.expression.expression);
  if (!ts.isIdentifier(arg)) return undefined;
  const fn = parameterOwner(arg);
  // Only the first parameter carries the frame.
  if (!fn || (fn as ts.FunctionLikeDeclaration).parameters[0] !== resolveBinding(arg)?.declaration) return undefined;
  const phrase = ownerPhrase(fn, path, cache, 'message');
  return phrase ? { text: `JSON.parse(${arg.text})`, owner: fn, phrase } : undefined;
}

/**
 * The client-sent object `expr` is: `req.body`, `ctx.request.body`, `req.query` in a request handler;
 * a parsed message (directly or through a `const`); a socket.io payload parameter. Else undefined.
 */
export function untrustedObject(expr: ts.Expression, path: string, cache: Cache): UntrustedObject | undefined {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e) && REQUEST_PARTS.has(e.name.text)) {
    let root = unwrap(e.expression);
    // Koa: `ctx.request.body`, `ctx.query` (`ctx.body` is the response).
    if (ts.isPropertyAccessExpression(root) && root.name.text === 'request') root = unwrap(root.expression);
    else if (ts.isIdentifier(root) && /^(ctx|context)$/.test(root.text) && e.name.text === 'body') return undefined;
    if (!ts.isIdentifier(root) || !/^(req|request|ctx|context)$/.test(root.text)) return undefined;
    const fn = parameterOwner(root);
    const phrase = fn && ownerPhrase(fn, path, cache, 'request');
    return fn && phrase ? { text: e.getText(), owner: fn, phrase } : undefined;
  }
  if (ts.isCallExpression(e)) return parsedMessage(e, path, cache);
  if (!ts.isIdentifier(e)) return undefined;
  const binding = resolveBinding(e);
  if (!binding) return undefined;
  if (binding.kind === 'const' && !binding.destructured && binding.initializer) {
    const parsed = parsedMessage(binding.initializer, path, cache);
    return parsed ? { ...parsed, text: e.text } : undefined;
  }
  if (binding.kind === 'param' && !binding.destructured) {
    const fn = binding.declaration.parent;
    if ((fn as ts.FunctionLikeDeclaration).parameters?.[0] !== binding.declaration) return undefined;
    const phrase = ownerPhrase(fn, path, cache, 'event');
    return phrase ? { text: e.text, owner: fn, phrase } : undefined;
  }
  return undefined;
}
