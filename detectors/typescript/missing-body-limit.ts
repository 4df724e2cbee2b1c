import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { isTestFile } from './shared/file-role.js';
import { addOptionFix } from './shared/option-fix.js';
import { bodyParserCall, isWsServerClass, optionVerdict } from './shared/server-frameworks.js';

const LIMIT = new Set(['limit']);
const MAX_PAYLOAD = new Set(['maxPayload']);

/** Body parsers without an explicit `limit` and `ws` servers without `maxPayload`. */
export default defineTsDetector({
  meta: {
    id: 'missing-body-limit',
    severity: 'medium',
    category: 'reliability',
    description: 'A body parser (`express.json()`, `bodyParser.urlencoded()`) without an explicit `limit`, or a `ws` WebSocket server without `maxPayload`.',
    recommendation:
      'State the size a request may have: `express.json({ limit: \'100kb\' })` (raise it only where an endpoint needs more), and `new WebSocketServer({ ..., maxPayload: 1_048_576 })`.',
    docs: {
      why:
        'A `ws` server accepts messages of up to 100 MiB by default, buffered whole in memory: a few clients sending large frames exhaust the process. express / body-parser parsers fall back to an implicit 100 kB limit; the rule asks for it to be written down (the fix writes today\'s default, so behaviour does not change) because an implicit limit is easily lost when a parser is swapped or raised for one route, and reviewers cannot see what the service accepts. Options the rule cannot read (a variable, a spread) are left alone, as are socket.io servers (their `maxHttpBufferSize` defaults to 1 MB, a sane bound), fastify (`bodyLimit` defaults to 1 MiB), koa-bodyparser (1 MB) and test files.',
      flagged: [
        "import express from 'express';\nconst app = express();\napp.use(express.json());\n",
        "const bodyParser = require('body-parser');\napp.use(bodyParser.urlencoded({ extended: true }));\n",
        "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\n",
      ],
      ignored: [
        "import express from 'express';\nconst app = express();\napp.use(express.json({ limit: '1mb' }));\n",
        "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080, maxPayload: 1024 * 1024 });\n",
        "import { Server } from 'socket.io';\nconst io = new Server(httpServer);\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestFile(file.path)) return {};
    return {
      enter: {
        [ts.SyntaxKind.CallExpression](node) {
          const parser = bodyParserCall(node as ts.CallExpression);
          if (!parser || optionVerdict(parser.call.arguments[0], LIMIT) !== 'missing') return;
          const fix = addOptionFix(file, parser.call, 0, "limit: '100kb'");
          ctx.report({
            line: file.lineOf(parser.call.getStart()),
            message: `\`${parser.name}()\` has no explicit \`limit\`: the size of the bodies it buffers is whatever the default happens to be.`,
            ...(fix ? { fix } : {}),
          });
        },
        [ts.SyntaxKind.NewExpression](node) {
          const created = node as ts.NewExpression;
          if (!isWsServerClass(created.expression) || optionVerdict(created.arguments?.[0], MAX_PAYLOAD) !== 'missing') return;
          const fix = addOptionFix(file, created, 0, 'maxPayload: 1_048_576');
          ctx.report({
            line: file.lineOf(created.getStart()),
            message: `\`new ${created.expression.getText()}(...)\` has no \`maxPayload\`: ws buffers messages of up to 100 MiB per client.`,
            ...(fix ? { fix } : {}),
          });
        },
      },
    };
  },
});
