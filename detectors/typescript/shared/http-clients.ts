/**
 * Recognises outgoing HTTP calls of the well-known clients (global/undici `fetch`, axios, got, Node's
 * `http`/`https`) and where their options object sits, for missing-timeout (and await-in-loop).
 */
import { ts } from 'ts-morph';
import { resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';
import { moduleOf } from './node-modules.js';

export type HttpClient = 'fetch' | 'axios' | 'got' | 'http';

/** One outgoing request (or client factory) and the argument position of its options. */
export interface HttpCall {
  client: HttpClient;
  call: ts.CallExpression;
  /** The callee as written (`fetch`, `axios.post`, `https.request`). */
  name: string;
  /** Index of the options/config argument. */
  optionsIndex: number;
  /** `axios.create` / `got.extend`: a client factory whose options become every request's defaults. */
  factory: boolean;
}

const FETCH_MODULES = new Set(['node-fetch', 'undici', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch']);
const GLOBAL_OBJECTS = /^(window|globalThis|global|self)$/;
/** axios methods with their config position (`axios.post(url, data, config)`). */
const AXIOS_METHODS: Record<string, number> = { get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2, request: 0, create: 0 };
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'extend']);
const NODE_HTTP = new Set(['http', 'https', 'http2']);

/** `fetch`, `window.fetch`, or `fetch` imported from node-fetch/undici; not a local function named fetch. */
function isFetch(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) {
    if (callee.text !== 'fetch') return false;
    const binding = resolveBinding(callee);
    if (!binding) return true;
    const module = moduleOf(callee);
    return module !== undefined && FETCH_MODULES.has(module);
  }
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch' && GLOBAL_OBJECTS.test(callee.expression.getText());
}

/** The module an identifier is bound to; an unbound `axios` (a browser global) counts as axios. */
function clientModule(id: ts.Identifier): string | undefined {
  const module = moduleOf(id);
  if (module !== undefined) return module;
  return resolveBinding(id) === undefined && id.text === 'axios' ? 'axios' : undefined;
}

/**
 * Names worth resolving: the clients' usual local names (`axios`, `got`, `https`, `Http`). Checked before
 * any binding look-up, so the millions of other calls cost a regular-expression test.
 */
const CLIENT_NAME = /^(fetch|axios|got|https?|http2)$/i;

/** True when the callee could be a client call: `fetch`, `window.fetch`, `axios.get`, `https.request`. */
function worthResolving(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee)) return CLIENT_NAME.test(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (callee.name.text === 'fetch') return true;
  const receiver = unwrap(callee.expression);
  return ts.isIdentifier(receiver) && CLIENT_NAME.test(receiver.text);
}

/** The HTTP call `call` makes, or undefined when it is not a recognised client call. */
export function httpCall(call: ts.CallExpression): HttpCall | undefined {
  const callee = unwrap(call.expression);
  if (!worthResolving(callee)) return undefined;
  const name = callee.getText();
  if (isFetch(callee)) return { client: 'fetch', call, name: 'fetch', optionsIndex: 1, factory: false };
  if (ts.isIdentifier(callee)) {
    const module = clientModule(callee);
    if (module === 'axios') return { client: 'axios', call, name, optionsIndex: objectFirst(call) ? 0 : 1, factory: false };
    if (module === 'got') return { client: 'got', call, name, optionsIndex: objectFirst(call) ? 0 : 1, factory: false };
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
  const method = callee.name.text;
  const module = clientModule(callee.expression);
  if (module === 'axios' && method in AXIOS_METHODS) {
    return { client: 'axios', call, name, optionsIndex: AXIOS_METHODS[method], factory: method === 'create' };
  }
  if (module === 'got' && GOT_METHODS.has(method)) {
    return { client: 'got', call, name, optionsIndex: method === 'extend' || objectFirst(call) ? 0 : 1, factory: method === 'extend' };
  }
  if (module !== undefined && NODE_HTTP.has(module) && (method === 'request' || method === 'get')) {
    // `https.request(url, options, cb)` or `https.request(options, cb)`.
    return { client: 'http', call, name, optionsIndex: objectFirst(call) ? 0 : 1, factory: false };
  }
  return undefined;
}

/** True when the first argument is an object literal (`axios({ url })`, `https.request({ host })`). */
function objectFirst(call: ts.CallExpression): boolean {
  const first = call.arguments[0];
  return first !== undefined && ts.isObjectLiteralExpression(unwrap(first));
}
