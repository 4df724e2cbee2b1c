import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { resolveBinding } from './shared/bindings.js';
import { constantText, unwrap } from './shared/constant-text.js';
import { isTestFile } from './shared/file-role.js';
import { isBuildOutput } from './shared/generated-code.js';
import { boundToModule } from './shared/node-modules.js';
import { mayMention, shortText } from './shared/source-text.js';
import { insideTryBlock } from './shared/try-scope.js';

const MAX_DEPTH = 6;
/** Methods that register an event or message listener (`ws.on('message', ...)`). */
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'addEventListener']);
/** Properties that hold a listener (`ws.onmessage = ...`, `{ eachMessage: async ({ message }) => ... }`). */
const LISTENER_PROPERTY = /^(on(message|data)|eachMessage|eachBatch|handleMessage)$/i;
/** Roots of request objects (Express, Koa, Lambda `event`). */
const REQUEST_ROOT = /^(req|request|ctx|context|event)$/;
/** Request parts a client controls. */
const REQUEST_PART = /^(body|rawBody|query|params|headers|cookies)$/;
/** Response objects whose `.text()` is a body from the network. */
const RESPONSE_NAME = /^(res|resp|response|r)$/i;
/** Calls that keep their argument's text (`String(x)`, `buf.toString('utf8')`). */
const TEXT_KEEPING = new Set(['toString', 'trim', 'trimStart', 'trimEnd', 'String', 'decode']);
const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs']);
/** Calls that build a path from their arguments. */
const PATH_BUILDERS = /^(join|resolve|normalize|dirname|fileURLToPath|URL|String)$/;
/** Values that name the program's own files (its `package.json`, a bundled schema), not external data. */
const OWN_LOCATION = /^(__dirname|__filename|import\.meta\.(url|dirname|filename))$/;

/** The last name of a callee (`path.join` → `join`). */
function calleeText(callee: ts.Expression): string {
  const e = unwrap(callee);
  return ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : '';
}

/** True when the function-like `fn` is an event or message listener, so its parameters are what was sent. */
function isListener(fn: ts.Node): boolean {
  const parent = fn.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    const callee = unwrap(parent.expression);
    const event = parent.arguments[0];
    return ts.isPropertyAccessExpression(callee) && LISTENER_METHODS.has(callee.name.text) && event !== undefined && ts.isStringLiteralLike(event);
  }
  if (ts.isBinaryExpression(parent) && parent.right === fn && ts.isPropertyAccessExpression(parent.left)) {
    return LISTENER_PROPERTY.test(parent.left.name.text);
  }
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && ts.isIdentifier(parent.name)) {
    return LISTENER_PROPERTY.test(parent.name.text);
  }
  return ts.isMethodDeclaration(fn) && ts.isIdentifier(fn.name) && LISTENER_PROPERTY.test(fn.name.text);
}

/**
 * Where a file read's path comes from: the program's own files (constant text, `__dirname`,
 * `import.meta.url`), a parameter of an ordinary function (its callers decide), or run time.
 */
function pathOrigin(call: ts.CallExpression): 'own' | 'parameter' | 'runtime' {
  const path = call.arguments[0];
  if (!path) return 'runtime';
  let origin: 'own' | 'runtime' = 'own';
  const stack: ts.Node[] = [path];
  // Bounded: constant chains could be long or (in broken code) circular.
  for (let steps = 0; stack.length > 0; steps++) {
    if (steps > 64) return 'runtime';
    const node = stack.pop() as ts.Node;
    if (ts.isExpression(node) && (OWN_LOCATION.test(node.getText()) || constantText(node) !== undefined)) continue;
    const isCallee = node.parent !== undefined && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)) && node.parent.expression === node;
    if (!isCallee && (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) {
      const { root } = memberPath(node);
      const binding = ts.isIdentifier(root) ? resolveBinding(root) : undefined;
      // A path handed in by the caller (`loadJson(path)`, `load(opts.file)`): its callers decide how to handle errors.
      if (binding?.kind === 'param' && !isListener(binding.declaration.parent)) return 'parameter';
      // `const CONFIG = path.join(__dirname, 'config.json')`: follow the constant.
      if (node === root && binding?.kind === 'const' && !binding.destructured && binding.initializer) stack.push(binding.initializer);
      else origin = 'runtime';
      continue;
    }
    if (isCallee) continue;
    // `path.join(__dirname, ...)` keeps its arguments' origin; any other call (`process.cwd()`) is decided at run time.
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && !PATH_BUILDERS.test(calleeText(node.expression))) origin = 'runtime';
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return origin;
}

/** `fs.readFileSync(p)`, `await readFile(p)`, `fsp.readFile(p)`: the contents of a file named at run time. */
function fileRead(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
  if (!name || !ts.isIdentifier(name) || !/^readFile(Sync)?$/.test(name.text)) return false;
  let root: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  if (!ts.isIdentifier(root) || !boundToModule(root, FS_MODULES, new Set(['fs', 'fsp']))) return false;
  return pathOrigin(call) === 'runtime';
}

/** What external data `call` returns, if it is a known source. */
function callSource(call: ts.CallExpression, depth: number): string | undefined {
  const callee = unwrap(call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (TEXT_KEEPING.has(method)) {
    const inner = ts.isPropertyAccessExpression(callee) && method !== 'decode' ? callee.expression : call.arguments[0];
    return inner ? source(inner, depth + 1) : undefined;
  }
  if (fileRead(call)) return 'file contents';
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = unwrap(callee.expression);
  if (method === 'text' && call.arguments.length === 0 && ts.isIdentifier(receiver) && RESPONSE_NAME.test(receiver.text)) return 'a response body';
  if (method === 'getItem' && /(^|\.)(localStorage|sessionStorage)$/.test(receiver.getText())) return 'a stored value';
  return undefined;
}

/** The root identifier and the member names of `a.b['c'].d`. */
function memberPath(expr: ts.Expression): { root: ts.Expression; names: string[] } {
  const names: string[] = [];
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e)) names.unshift(e.name.text);
    else names.unshift(ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : '[]');
    e = unwrap(e.expression);
  }
  return { root: e, names };
}

/**
 * A listener of the app's own publish/subscribe channel: Redis `on('message', (channel, message) => ...)`
 * (the message is the second parameter) or Postgres `on('notification', ...)`. What arrives there is what
 * the app itself published, encoded by `JSON.stringify`.
 */
function ownChannelListener(param: ts.ParameterDeclaration): boolean {
  const fn = param.parent;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const event = call.arguments[0];
  const name = event && ts.isStringLiteralLike(event) ? event.text : '';
  return name === 'notification' || (/^p?message$/.test(name) && (fn as ts.SignatureDeclarationBase).parameters.indexOf(param) >= 1);
}

/** What external data an identifier is bound to: a listener's parameter, or a local bound to a source. */
function identifierSource(id: ts.Identifier, depth: number): string | undefined {
  const binding = resolveBinding(id);
  if (!binding) return undefined;
  if (binding.kind === 'param') {
    const fn = binding.declaration.parent;
    return isListener(fn) && !ownChannelListener(binding.declaration as ts.ParameterDeclaration) ? 'a received message' : undefined;
  }
  if ((binding.kind === 'const' || binding.kind === 'let') && binding.initializer) return source(binding.initializer, depth + 1);
  return undefined;
}

/** What external data `expr` carries ("the request body", "file contents", ...), or undefined when not known to be external. */
function source(expr: ts.Expression, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(expr);
  if (ts.isAwaitExpression(e)) return source(e.expression, depth + 1);
  // `localStorage.getItem(k) ?? '[]'`: the fallback only covers a missing value, not a malformed one.
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return source(e.left, depth + 1);
  }
  if (ts.isCallExpression(e)) return callSource(e, depth);
  if (ts.isIdentifier(e)) return identifierSource(e, depth);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const { root, names } = memberPath(e);
    if (ts.isIdentifier(root) && REQUEST_ROOT.test(root.text) && names.some((n) => REQUEST_PART.test(n))) return 'request input';
    return ts.isIdentifier(root) ? identifierSource(root, depth) : undefined;
  }
  return undefined;
}

/** Browser code: there a listener that throws logs the error and drops the message, which is what a `catch` would do. */
const BROWSER_GLOBALS = /\b(window|document)\.[a-zA-Z]/;

/** Inside `window.addEventListener('message', ...)`: a `postMessage` from any other page, not the app's own server. */
function crossDocumentMessage(node: ts.Node): boolean {
  for (let a = node.parent; a; a = a.parent) {
    if (!ts.isCallExpression(a) || !ts.isPropertyAccessExpression(a.expression)) continue;
    if (a.expression.name.text === 'addEventListener' && /^(window|self|globalThis)$/.test(a.expression.expression.getText())) return true;
  }
  return false;
}

/** True when `call` is the global `JSON.parse` (not a local `JSON`). */
function isJsonParse(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'parse') return false;
  const receiver = unwrap(callee.expression);
  if (ts.isIdentifier(receiver)) return receiver.text === 'JSON' && resolveBinding(receiver) === undefined;
  return ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'JSON' && /^(window|globalThis|global|self)$/.test(receiver.expression.getText());
}

/** `JSON.parse` of a request body, a received message or a file's contents outside any `try`. */
export default defineTsDetector({
  meta: {
    id: 'unsafe-json-parse',
    severity: 'high',
    category: 'reliability',
    description: '`JSON.parse` of external data (request input, a received message, file contents) outside any `try`.',
    recommendation:
      'Parse inside `try`/`catch` and answer malformed input deliberately (a 400, a dropped message with a log line, a clear error naming the file), then validate the parsed shape.',
    docs: {
      why: '`JSON.parse` throws on the first malformed byte. Data from outside the program (a request body or query, a WebSocket or queue message, a file chosen at run time, a response body, `localStorage`) is malformed sooner or later; thrown from an event listener it crashes the process, from a request handler it becomes a 500 instead of a 400. The rule follows the argument back through local `const`/`let` bindings and `.toString()`; parsing constants, the program\'s own files (`__dirname`, `import.meta.url`), parameters of ordinary functions and files whose path is one (their callers decide) and anything inside a `try` block is left alone, as are messages of publish/subscribe channels the app itself publishes on (Redis `message` with its channel argument, Postgres `notification`), messages browser code receives on its own connections (a listener that throws there only logs and drops the message; `window` `message` events from other pages still count) and bundled or compiled output.',
      flagged: [
        "wss.on('connection', (ws) => {\n  ws.on('message', (data) => {\n    const msg = JSON.parse(data.toString());\n    route(msg);\n  });\n});\n",
        "app.get('/search', (req, res) => {\n  const filter = JSON.parse(req.query.filter);\n  res.json(find(filter));\n});\n",
        "import fs from 'node:fs';\nconst settings = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));\n",
      ],
      ignored: [
        "ws.on('message', (data) => {\n  try {\n    route(JSON.parse(data.toString()));\n  } catch (error) {\n    ws.send('malformed message');\n  }\n});\n",
        "const defaults = JSON.parse('{\"retries\": 3}');\n",
        "import fs from 'node:fs';\nconst pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));\n",
        'export function decode(text: string) {\n  return JSON.parse(text);\n}\n',
        "import fs from 'node:fs';\nexport function loadJson(path: string) {\n  return JSON.parse(fs.readFileSync(path, 'utf8'));\n}\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // In a test, a throw on malformed data fails the test, which is the point.
    if (isTestFile(ctx.file.path)) return {};
    // Bundles and compiled copies are not edited in a pull request (seen in ghost's built admin and y-webrtc's dist).
    if (isBuildOutput(ctx.file)) return {};
    // Only `JSON.parse` is looked at.
    if (!mayMention(ctx.file.text, 'JSON')) return {};
    let browser: boolean | undefined;
    const inBrowser = (): boolean => (browser ??= BROWSER_GLOBALS.test(ctx.file.text));
    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const arg = call.arguments[0];
          if (!arg || !isJsonParse(call) || insideTryBlock(call)) return;
          const what = source(arg);
          if (what === undefined || (what === 'a received message' && inBrowser() && !crossDocumentMessage(call))) return;
          ctx.report({
            line: ctx.file.lineOf(call.getStart()),
            message: `\`JSON.parse(${shortText(arg)})\` parses ${what} outside any \`try\`: malformed input throws here.`,
          });
        },
      },
    };
  },
});
