import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { unwrap } from './shared/constant-text.js';
import { isScriptOrCli, isTestFile } from './shared/file-role.js';
import { propertyNameText } from './shared/object-literal.js';
import { addOptionFix } from './shared/option-fix.js';
import { bodyParserCall, isLocalHttpServer, isSocketIoServer, isWsServerClass, optionVerdict } from './shared/server-frameworks.js';

const LIMIT = new Set(['limit']);
const MAX_PAYLOAD = new Set(['maxPayload']);
const CONNECTION_EVENTS = new Set(['connection', 'connect']);
const LISTEN_METHODS = new Set(['on', 'once', 'addListener']);

/**
 * Anything in the file that may cap or gate connections: a count of clients compared or kept
 * (`wss.clients.size`, `io.engine.clientsCount`, `connections.length`), `maxConnections`, a
 * `MAX_CLIENTS`-style constant, a connection limit or rate limiter, or a hook that can refuse a
 * client before it connects (`verifyClient`, `handleUpgrade`, socket.io's `allowRequest`).
 */
const CAP = /\b(clients|sockets|connections|conns|peers|users|channels)\.(size|length)\b|clientsCount|maxConnections|max_?(conn|client|socket|peer|user)|(connection|client|socket|conn|peer)s?_?(limit|count|cap)\b|allowRequest|verifyClient|handleUpgrade|rate-?limit/i;

/** A socket server made in the file, with what the connection-cap half needs. */
interface SocketServer {
  node: ts.NewExpression | ts.CallExpression;
  library: 'ws' | 'socket.io';
  /** The name it is kept under (`wss`, `this.io`), if any. */
  name?: string;
  /** It listens on a port of its own, or on an HTTP server made in this file. */
  ownListener: boolean;
  /** For `ws`: the options have no `maxPayload`. */
  noMaxPayload: boolean;
}

/** The name a value is kept under: `const wss = <node>`, `this.io = <node>`, a class field. */
function boundName(node: ts.Node): string | undefined {
  let e = node;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isNonNullExpression(e.parent) || ts.isSatisfiesExpression(e.parent)) e = e.parent;
  const p = e.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === e) return p.left.getText().replace(/\s+/g, '');
  if (ts.isPropertyDeclaration(p) && p.initializer === e) return `this.${p.name.getText()}`;
  return undefined;
}

/** A `ws` server listens itself with `port`, or on `server` when that is an HTTP server made here; `noServer` leaves the upgrade to other code. */
function wsOwnListener(options: ts.Expression | undefined): boolean {
  if (!options) return false;
  const o = unwrap(options);
  if (!ts.isObjectLiteralExpression(o)) return false;
  let own = false;
  for (const p of o.properties) {
    if (ts.isSpreadAssignment(p)) return false;
    const name = propertyNameText(p.name);
    if (name === 'noServer') return false;
    if (name === 'port') own = true;
    if (name === 'server') {
      const value = ts.isShorthandPropertyAssignment(p) ? p.name : ts.isPropertyAssignment(p) ? p.initializer : undefined;
      own = isLocalHttpServer(value);
    }
  }
  return own;
}

/** A socket.io server listens on a port given as a number, or on an HTTP server made here. */
function ioOwnListener(first: ts.Expression | undefined): boolean {
  if (!first) return false;
  const e = unwrap(first);
  return ts.isNumericLiteral(e) || isLocalHttpServer(e);
}

/** Body parsers without an explicit `limit`, `ws` servers without `maxPayload`, socket servers with no cap on clients. */
export default defineTsDetector({
  meta: {
    id: 'missing-body-limit',
    severity: 'medium',
    category: 'reliability',
    description: 'A body parser (`express.json()`, `bodyParser.urlencoded()`) without an explicit `limit`, a `ws` WebSocket server without `maxPayload`, or a `ws`/socket.io server that accepts any number of clients.',
    recommendation:
      'State the size a request may have: `express.json({ limit: \'100kb\' })` (raise it only where an endpoint needs more), and `new WebSocketServer({ ..., maxPayload: 1_048_576 })`; refuse socket clients over a cap (`if (wss.clients.size >= MAX_CLIENTS) return socket.close(1013)`).',
    docs: {
      why:
        'A `ws` server accepts messages of up to 100 MiB by default, buffered whole in memory: a few clients sending large frames exhaust the process. express / body-parser parsers fall back to an implicit 100 kB limit; the rule asks for it to be written down (the fix writes today\'s default, so behaviour does not change) because an implicit limit is easily lost when a parser is swapped or raised for one route, and reviewers cannot see what the service accepts. A socket server also holds every client it accepts: the rule reports the `connection` handler of a `ws` or socket.io server that listens itself (`port`, or an HTTP server made in the same file) when nothing in the file counts or gates clients (`wss.clients.size`, `io.engine.clientsCount`, `maxConnections`, a `MAX_CLIENTS`-style constant, a connection limit or rate limiter, `verifyClient`, `handleUpgrade`, socket.io\'s `allowRequest` or `io.use(...)` middleware). Options the rule cannot read (a variable, a spread) are left alone, as are socket.io\'s message size (`maxHttpBufferSize` defaults to 1 MB, a sane bound), fastify (`bodyLimit` defaults to 1 MiB), koa-bodyparser (1 MB), servers attached to an HTTP server made elsewhere or with `noServer` (the code that admits the upgrade may count), scripts and test files.',
      flagged: [
        "import express from 'express';\nconst app = express();\napp.use(express.json());\n",
        "const bodyParser = require('body-parser');\napp.use(bodyParser.urlencoded({ extended: true }));\n",
        "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\n",
        "import { createServer } from 'http';\nimport { Server } from 'socket.io';\nconst httpServer = createServer(app);\nconst io = new Server(httpServer);\nio.on('connection', (socket) => socket.join('lobby'));\n",
      ],
      ignored: [
        "import express from 'express';\nconst app = express();\napp.use(express.json({ limit: '1mb' }));\n",
        "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080, maxPayload: 1024 * 1024 });\n",
        "import { Server } from 'socket.io';\nconst io = new Server(httpServer);\n",
        "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080, maxPayload: 65536 });\nwss.on('connection', (socket) => {\n  if (wss.clients.size > MAX_CLIENTS) return socket.close(1013, 'busy');\n});\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestFile(file.path)) return {};
    const servers: SocketServer[] = [];
    /** `.on('connection', ...)` registrations: the receiver's text, or the node itself when chained on `new`. */
    const listeners: { receiver: ts.Expression; text: string; line: number }[] = [];
    // Whether the file registers listeners at all: asked on the first listener call or server, not of every file.
    let listens: boolean | undefined;
    const capHalf = (): boolean => (listens ??= !isScriptOrCli(file) && /\bon\(|\bonce\(|addListener\(/.test(file.text));
    // socket.io servers are looked for (a binding look-up per call) only where the module is named.
    const namesSocketIo = file.text.includes('socket.io');
    const socketIo = (): boolean => namesSocketIo && capHalf();
    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = unwrap(call.expression);
          if (ts.isPropertyAccessExpression(callee) && LISTEN_METHODS.has(callee.name.text) && capHalf()) {
            const event = call.arguments[0];
            if (event && ts.isStringLiteralLike(event) && CONNECTION_EVENTS.has(event.text)) {
              const receiver = unwrap(callee.expression);
              listeners.push({ receiver, text: receiver.getText().replace(/\s+/g, ''), line: file.lineOf(call.getStart()) });
            }
            return;
          }
          if (socketIo() && isSocketIoServer(call)) {
            servers.push({ node: call, library: 'socket.io', name: boundName(call), ownListener: ioOwnListener(call.arguments[0]), noMaxPayload: false });
            return;
          }
          const parser = bodyParserCall(call);
          if (!parser || optionVerdict(parser.call.arguments[0], LIMIT) !== 'missing') return;
          const fix = addOptionFix(file, parser.call, 0, "limit: '100kb'");
          ctx.report({
            line: file.lineOf(parser.call.getStart()),
            message: `\`${parser.name}()\` has no explicit \`limit\`: the size of the bodies it buffers is whatever the default happens to be.`,
            ...(fix ? { fix } : {}),
          });
        },
        NewExpression(node) {
          const created = node as ts.NewExpression;
          const options = created.arguments?.[0];
          if (isWsServerClass(created.expression)) {
            servers.push({ node: created, library: 'ws', name: boundName(created), ownListener: wsOwnListener(options), noMaxPayload: optionVerdict(options, MAX_PAYLOAD) === 'missing' });
          } else if (socketIo() && isSocketIoServer(created)) {
            servers.push({ node: created, library: 'socket.io', name: boundName(created), ownListener: ioOwnListener(options), noMaxPayload: false });
          }
        },
      },
      end() {
        if (servers.length === 0) return;
        const gated = CAP.test(file.text);
        for (const server of servers) {
          const shown = server.node.expression.getText();
          const label = ts.isNewExpression(server.node) ? `new ${shown}(...)` : `${shown}(...)`;
          const name = server.name;
          // The `connection` handler of this server: on its name (`io.of('/chat')` too) or chained on the `new`.
          const listener = listeners.find((l) => l.receiver === server.node || (name !== undefined && (l.text === name || l.text.startsWith(`${name}.`))));
          const ioGate = server.library === 'socket.io' && name !== undefined && file.text.includes(`${name}.use(`);
          const uncapped = listener !== undefined && capHalf() && server.ownListener && !gated && !ioGate;
          if (server.noMaxPayload) {
            const fix = addOptionFix(file, server.node, 0, 'maxPayload: 1_048_576');
            ctx.report({
              line: file.lineOf(server.node.getStart()),
              message: `\`${label}\` has no \`maxPayload\`: ws buffers messages of up to 100 MiB per client.`,
              ...(fix ? { fix } : {}),
            });
          }
          if (!uncapped) continue;
          const count = server.library === 'ws' ? `${name ?? 'wss'}.clients.size` : `${name ?? 'io'}.engine.clientsCount`;
          ctx.report({
            line: listener.line,
            message: `This \`connection\` handler of \`${label}\` (line ${file.lineOf(server.node.getStart())}) accepts any number of clients: nothing checks \`${count}\` and no \`maxConnections\` is set, so each client holds a socket and its buffers until the process runs out.`,
            recommendation: server.library === 'ws'
              ? `Refuse clients over a cap: \`if (${count} >= MAX_CLIENTS) { socket.close(1013, 'server busy'); return; }\` at the top of the handler, or \`maxConnections\` on the HTTP server.`
              : `Refuse clients over a cap: \`if (${count} >= MAX_CLIENTS) { socket.disconnect(true); return; }\` at the top of the handler (or in an \`allowRequest\` option), or \`maxConnections\` on the HTTP server.`,
          });
        }
      },
    };
  },
});
