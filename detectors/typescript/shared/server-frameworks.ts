/**
 * Recognises the server-side pieces of the well-known Node frameworks: express / body-parser body
 * parsers, `ws` WebSocket servers, socket.io servers. Lexical (imports and requires), no type checker.
 */
import { ts } from 'ts-morph';
import { requiredModule, resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';
import { moduleOf } from './node-modules.js';
import { propertyNameText } from './object-literal.js';

/** The body parsers express and body-parser export; each defaults to a 100 kB limit. */
const BODY_PARSERS = new Set(['json', 'urlencoded', 'raw', 'text']);
const BODY_PARSER_MODULES = new Set(['express', 'body-parser']);
const WS_SERVER_NAMES = new Set(['WebSocketServer', 'Server']);

/** A body-parser middleware call (`express.json()`, `bodyParser.urlencoded({ extended: true })`). */
export interface BodyParserCall {
  call: ts.CallExpression;
  /** `json`, `urlencoded`, `raw`, `text`. */
  parser: string;
  /** The callee as written. */
  name: string;
}

/** The body parser `call` builds, or undefined when it is not one of express's / body-parser's. */
export function bodyParserCall(call: ts.CallExpression): BodyParserCall | undefined {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = unwrap(callee.expression);
    if (!BODY_PARSERS.has(callee.name.text) || !ts.isIdentifier(receiver)) return undefined;
    const module = moduleOf(receiver);
    return module !== undefined && BODY_PARSER_MODULES.has(module) ? { call, parser: callee.name.text, name: callee.getText() } : undefined;
  }
  // `import { json } from 'express'`: only the name as exported (an alias hides what it is).
  if (ts.isIdentifier(callee) && BODY_PARSERS.has(callee.text)) {
    const module = resolveBinding(callee)?.moduleName;
    if (module !== undefined && BODY_PARSER_MODULES.has(module)) return { call, parser: callee.text, name: callee.text };
  }
  return undefined;
}

/** True when `expr` names the `ws` package's server class: `WebSocketServer`, `WebSocket.Server`, `ws.WebSocketServer`. */
export function isWsServerClass(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return WS_SERVER_NAMES.has(e.text) && moduleOf(e) === 'ws';
  if (!ts.isPropertyAccessExpression(e) || !WS_SERVER_NAMES.has(e.name.text)) return false;
  const receiver = unwrap(e.expression);
  return ts.isIdentifier(receiver) && moduleOf(receiver) === 'ws';
}

/** Whether an options argument sets a key: yes, no, or cannot tell. */
export type OptionVerdict = 'has' | 'missing' | 'unknown';

/**
 * Whether the options argument sets one of `keys`: `missing` when it is absent or a literal without
 * them, `unknown` for a spread, a variable or any other expression.
 */
export function optionVerdict(options: ts.Expression | undefined, keys: ReadonlySet<string>): OptionVerdict {
  if (!options) return 'missing';
  const e = unwrap(options);
  if (!ts.isObjectLiteralExpression(e)) return 'unknown';
  let spread = false;
  for (const p of e.properties) {
    if (ts.isSpreadAssignment(p)) spread = true;
    else if (keys.has(propertyNameText(p.name) ?? '')) return 'has';
  }
  return spread ? 'unknown' : 'missing';
}

/**
 * True when `node` builds a socket.io server: `new Server(...)` / `new io.Server(...)` of
 * `socket.io`, or the factory call `require('socket.io')(server)` / `socketIo(server)`.
 */
export function isSocketIoServer(node: ts.NewExpression | ts.CallExpression): boolean {
  const callee = unwrap(node.expression);
  if (ts.isNewExpression(node)) {
    if (ts.isIdentifier(callee)) return moduleOf(callee) === 'socket.io';
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'Server') return false;
    const receiver = unwrap(callee.expression);
    return ts.isIdentifier(receiver) && moduleOf(receiver) === 'socket.io';
  }
  if (ts.isCallExpression(callee)) return requiredModule(callee) === 'socket.io';
  if (!ts.isIdentifier(callee)) return false;
  const binding = resolveBinding(callee);
  if (binding?.moduleName !== 'socket.io') return false;
  // `import io from 'socket.io'` / `const io = require('socket.io')`: the default export, not a named one.
  const declaration = binding.declaration;
  if (ts.isImportDeclaration(declaration)) return declaration.importClause?.name?.text === callee.text;
  return ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name);
}

const HTTP_MODULES = new Set(['http', 'https', 'http2', 'net']);

/**
 * True when `expr` is (or names a local bound to) an HTTP server made in this file:
 * `http.createServer(app)`, `createServer(app)` of `http`/`https`, `new http.Server(app)`, or an
 * express-style `app.listen(port)` (which returns the server it creates).
 */
export function isLocalHttpServer(expr: ts.Expression | undefined, depth = 0): boolean {
  if (!expr || depth > 2) return false;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const binding = resolveBinding(e);
    return binding !== undefined && !binding.destructured && binding.kind !== 'param' && isLocalHttpServer(binding.initializer, depth + 1);
  }
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return false;
  const callee = unwrap(e.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (ts.isCallExpression(e) && name === 'listen' && ts.isPropertyAccessExpression(callee)) return true;
  if (name !== 'createServer' && name !== 'createSecureServer' && name !== 'Server') return false;
  const root = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : callee;
  return ts.isIdentifier(root) && HTTP_MODULES.has(moduleOf(root) ?? '');
}
