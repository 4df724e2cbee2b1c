/**
 * Recognises the server-side pieces of the well-known Node frameworks: express / body-parser body
 * parsers, `ws` WebSocket servers, socket.io servers. Lexical (imports and requires), no type checker.
 */
import { ts } from 'ts-morph';
import { resolveBinding } from './bindings.js';
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
