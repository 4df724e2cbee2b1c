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
    // Socket servers that accept any number of clients.
    {
      code: "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (socket) => {\n  socket.on('message', (data) => broadcast(data));\n});\n",
      line: [2, 3],
      message: '`new WebSocketServer(...)`',
      fix: 'const wss = new WebSocketServer({ port: 8080, maxPayload: 1_048_576 });',
    },
    {
      code: "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080, maxPayload: 65536 });\nwss.on('connection', (socket) => {\n  clients.push(socket);\n});\n",
      line: 3,
      message: 'accepts any number of clients: nothing checks `wss.clients.size` and no `maxConnections` is set',
    },
    {
      code: "import http from 'http';\nimport express from 'express';\nimport { WebSocketServer } from 'ws';\nconst app = express();\nconst server = http.createServer(app);\nconst wss = new WebSocketServer({ server, maxPayload: 1 << 20 });\nwss.on('connection', onConnection);\nserver.listen(3000);\n",
      line: 7,
      message: 'accepts any number of clients',
    },
    {
      code: "const { WebSocketServer } = require('ws');\nnew WebSocketServer({ port: Number(process.env.PORT), maxPayload: 1e6 }).on('connection', (ws) => {\n  ws.send('hello');\n});\n",
      line: 2,
      message: 'accepts any number of clients',
    },
    {
      code: "import WebSocket from 'ws';\nexport class Hub {\n  private wss: WebSocket.Server;\n  constructor(private port: number) {\n    this.wss = new WebSocket.Server({ port, maxPayload: 1024 * 1024 });\n    this.wss.on('connection', (socket) => this.join(socket));\n  }\n}\n",
      line: 6,
      message: 'nothing checks `this.wss.clients.size`',
    },
    {
      code: "import { createServer } from 'http';\nimport { Server } from 'socket.io';\nconst httpServer = createServer(app);\nconst io = new Server(httpServer, { cors: { origin: ORIGIN } });\nio.on('connection', (socket) => {\n  socket.on('chat', (msg) => io.emit('chat', msg));\n});\nhttpServer.listen(3000);\n",
      line: 5,
      message: 'This `connection` handler of `new Server(...)` (line 4) accepts any number of clients: nothing checks `io.engine.clientsCount`',
    },
    {
      code: "const express = require('express');\nconst app = express();\nconst server = app.listen(3000);\nconst io = require('socket.io')(server);\nio.on('connection', function (socket) {\n  socket.join('lobby');\n});\n",
      line: 5,
      message: "handler of `require('socket.io')(...)` (line 4) accepts any number of clients",
    },
    {
      code: "import { Server } from 'socket.io';\nconst io = new Server(3000);\nio.of('/chat').on('connection', (socket) => socket.emit('welcome'));\n",
      line: 3,
    },
    {
      code: "import * as http from 'http';\nimport { Server as IOServer } from 'socket.io';\nconst server = new http.Server(app);\nexport const io = new IOServer(server, { transports: ['websocket'] });\nio.sockets.on('connect', (socket) => track(socket));\n",
      line: 5,
      message: 'handler of `new IOServer(...)` (line 4) accepts any number of clients',
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
    // Connection caps, gates and servers made elsewhere.
    { code: "import { WebSocketServer } from 'ws';\nconst MAX_CLIENTS = 500;\nconst wss = new WebSocketServer({ port: 8080, maxPayload: 65536 });\nwss.on('connection', (socket) => {\n  if (wss.clients.size > MAX_CLIENTS) return socket.close(1013, 'busy');\n});\n", note: 'the handler checks a client count' },
    { code: "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ noServer: true, maxPayload: 65536 });\nserver.on('upgrade', (req, socket, head) => authenticate(req, socket, head));\nwss.on('connection', onConnection);\n", note: 'noServer: the upgrade is admitted by other code' },
    { code: "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080, maxPayload: 65536, verifyClient: admit });\nwss.on('connection', onConnection);\n", note: 'verifyClient can refuse clients' },
    { code: "import { WebSocketServer } from 'ws';\nexport function attach(server, onConnection) {\n  const wss = new WebSocketServer({ server, maxPayload: 65536 });\n  wss.on('connection', onConnection);\n}\n", note: 'an HTTP server made elsewhere may set maxConnections' },
    { code: "import http from 'http';\nimport { WebSocketServer } from 'ws';\nconst server = http.createServer(app);\nserver.maxConnections = 2000;\nconst wss = new WebSocketServer({ server, maxPayload: 65536 });\nwss.on('connection', onConnection);\n", note: 'maxConnections on the HTTP server' },
    { code: "import { createServer } from 'http';\nimport { Server } from 'socket.io';\nconst httpServer = createServer(app);\nconst io = new Server(httpServer);\nio.use(authenticate);\nio.on('connection', onConnection);\n", note: 'socket.io middleware can refuse a client' },
    { code: "import { Server } from 'socket.io';\nconst io = new Server(3000);\nio.on('connection', (socket) => {\n  if (io.engine.clientsCount > LIMIT) socket.disconnect(true);\n});\n", note: 'checks the client count' },
    { code: "import { createServer } from 'http';\nimport { Server } from 'socket.io';\nexport const io = new Server(createServer(app));\n", note: 'no connection handler in the file: it is registered elsewhere' },
    { code: "import { Server } from 'socket.io';\nconst io = new Server(3000);\nio.on('connection', onConnection);\n", path: 'scripts/dev-server.ts', note: 'a script or dev tool' },
    { code: "import { WebSocketServer } from 'ws';\nexport const wss = new WebSocketServer({ port: 8080, maxPayload: 65536 });\n", note: 'handlers registered elsewhere' },
    { code: "import { io } from 'socket.io-client';\nconst socket = io(SERVER_URL);\nsocket.on('connect', () => socket.emit('hello'));\n", note: 'a client' },
    { code: "import { createServer } from 'http';\nimport { Server } from 'socket.io';\nconst httpServer = createServer(app);\nconst io = new Server(httpServer, { allowRequest: (req, callback) => callback(null, admitted(req)) });\nio.on('connection', onConnection);\n", note: 'allowRequest can refuse a client' },
    { code: "import { Server } from 'socket.io';\nexport function start(httpServer) {\n  const io = new Server(httpServer);\n  io.on('connection', onConnection);\n}\n", note: 'an HTTP server passed in' },
    { code: "import express from 'express';\napp.use(express.json());\n", path: 'test/app.test.ts' },
  ],
});
