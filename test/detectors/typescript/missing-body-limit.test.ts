import detector from '../../../detectors/typescript/missing-body-limit.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "import express from 'express';\nconst app = express();\napp.use(express.json());\n",
      line: 3,
      message: '`express.json()` has no explicit `limit`',
      fix: "app.use(express.json({ limit: '100kb' }));",
    },
    {
      code: "import express from 'express';\nconst app = express();\napp.use(express.urlencoded({ extended: true }));\n",
      line: 3,
      fix: "app.use(express.urlencoded({ extended: true, limit: '100kb' }));",
    },
    {
      code: "const bodyParser = require('body-parser');\nmodule.exports = (app) => {\n  app.use(bodyParser.json());\n};\n",
      line: 3,
      message: '`bodyParser.json()`',
    },
    {
      code: "import { json, urlencoded } from 'express';\nexport const parsers = [json(), urlencoded({ extended: false })];\n",
      line: [2, 2],
    },
    {
      code: "import express from 'express';\nconst router = express.Router();\nrouter.post('/webhook', express.raw({ type: 'application/json' }), handle);\n",
      line: 3,
    },
    {
      code: "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\n",
      line: 2,
      message: 'has no `maxPayload`',
      fix: 'const wss = new WebSocketServer({ port: 8080, maxPayload: 1_048_576 });',
    },
    {
      code: "const WebSocket = require('ws');\nconst wss = new WebSocket.Server({ server });\nwss.on('connection', (socket) => socket.on('message', onMessage));\n",
      line: 2,
      message: '`new WebSocket.Server(...)`',
    },
    {
      code: "import { WebSocketServer } from 'ws';\nexport function attach(server: import('http').Server) {\n  return new WebSocketServer({\n    server,\n    path: '/ws'\n  });\n}\n",
      line: 3,
    },
    {
      code: "import * as ws from 'ws';\nconst wss = new ws.WebSocketServer({ noServer: true });\n",
      line: 2,
    },
  ],
  ignores: [
    "import express from 'express';\nconst app = express();\napp.use(express.json({ limit: '1mb' }));\n",
    "const bodyParser = require('body-parser');\napp.use(bodyParser.urlencoded({ extended: true, limit: '10kb' }));\n",
    { code: "import express from 'express';\nconst options = { limit: '2mb' };\napp.use(express.json(options));\n", note: 'options the rule cannot read' },
    "import express from 'express';\nconst app = express();\napp.use(express.json({ ...jsonOptions }));\n",
    { code: 'const data = JSON.parse(text);\nconst out = res.json();\n', note: 'Response#json, not a body parser' },
    { code: "import { json } from './parsers';\napp.use(json());\n", note: 'a local json() helper' },
    "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080, maxPayload: 64 * 1024 });\n",
    { code: "import { Server } from 'socket.io';\nconst io = new Server(httpServer, { cors: { origin: 'https://app.example.com' } });\n", note: 'socket.io defaults to a 1 MB buffer' },
    { code: "import { Server } from 'http';\nconst server = new Server(handler);\n", note: 'a Server that is not ws' },
    { code: "import WebSocket from 'ws';\nconst socket = new WebSocket('wss://example.com/feed');\n", note: 'a client, not a server' },
    { code: "import express from 'express';\napp.use(express.json());\n", path: 'test/app.test.ts' },
  ],
});
