import detector from '../../../detectors/typescript/event-listener-leak.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  bus.on('message', (m) => socket.send(m));\n});\n",
      line: 3,
      message: "`bus.on('message')` adds a listener on every 'connection' event of `wss`",
    },
    {
      code: "app.get('/events', (req, res) => {\n  process.on('SIGTERM', () => res.end());\n});\n",
      line: 2,
      message: "`process.on('SIGTERM')` adds a listener on every request to `app.get`",
    },
    {
      code: "const emitter = new EventEmitter();\nexport function handler(req: Request, res: Response) {\n  emitter.on('update', (u) => res.write(u));\n}\n",
      line: 3,
      message: 'on every request',
    },
    {
      code: "const server = http.createServer((req, res) => {\n  server.on('close', () => res.destroy());\n});\n",
      line: 2,
      message: '`server.on(\'close\')` adds a listener on every request to the server',
    },
    {
      code: "io.on('connection', (socket) => {\n  window.addEventListener('resize', () => socket.emit('resize'));\n});\n",
      line: 2,
      message: "`window.addEventListener('resize')`",
    },
    {
      code: "const events = require('./events');\nrouter.post('/subscribe', function (req, res) {\n  events.addListener('tick', function (t) {\n    res.write(String(t));\n  });\n});\n",
      line: 3,
      path: 'routes.js',
    },
    {
      code: "import { store } from './store.js';\nsetInterval(() => {\n  store.on('change', render);\n}, 1000);\n",
      line: 3,
      message: 'every tick of `setInterval`',
    },
    {
      code: "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  socket.on('message', (raw) => {\n    bus.prependListener('reply', (r) => socket.send(r));\n  });\n});\n",
      line: 4,
      message: "every 'message' event of `socket`",
    },
    {
      code: "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  const relay = (m: string) => socket.send(m);\n  bus.on('message', relay);\n  socket.on('close', () => bus.off('other', relay));\n});\n",
      line: 4,
      note: 'the removal is for another event',
    },
    {
      code: "ws.on('message', (data) => {\n  if (state == 0) {\n    process.stdin.on('data', (d) => ws.send(d));\n  }\n  other = 1;\n});\n",
      line: 3,
      note: 'the branch does not switch its own condition off',
    },
  ],
  ignores: [
    "wss.on('connection', (socket) => {\n  socket.on('message', (m) => handle(socket, m));\n});\n",
    {
      code: "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  const relay = (m: string) => socket.send(m);\n  bus.on('message', relay);\n  socket.on('close', () => bus.off('message', relay));\n});\n",
      note: 'removed when the connection closes',
    },
    "process.on('SIGTERM', shutdown);\n",
    {
      code: "class Server {\n  constructor(bus: Bus) {\n    bus.on('message', (m) => this.handle(m));\n    process.on('exit', () => this.close());\n  }\n}\n",
      note: 'a constructor runs once per instance',
    },
    "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  bus.once('shutdown', () => socket.close());\n});\n",
    "app.get('/events', (req, res) => {\n  req.on('close', () => res.end());\n  res.on('finish', log);\n});\n",
    {
      code: "server.on('listening', () => {\n  process.on('SIGTERM', () => server.close());\n});\n",
      note: "'listening' fires once",
    },
    {
      code: "io.on('connection', (socket) => {\n  const ac = new AbortController();\n  window.addEventListener('resize', onResize, { signal: ac.signal });\n  socket.on('disconnect', () => ac.abort());\n});\n",
      note: 'removed through the AbortSignal',
    },
    {
      code: "export function subscribe(cb: (m: string) => void) {\n  bus.on('message', cb);\n}\n",
      note: 'an API that adds a listener for its caller: not known to run per request',
    },
    {
      code: "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  bus.on('message', send);\n  socket.on('close', () => bus.removeAllListeners('message'));\n});\n",
      note: 'removeAllListeners',
    },
    {
      code: "wss.on('connection', (socket) => {\n  const local = new EventEmitter();\n  local.on('x', () => socket.send('x'));\n});\n",
      note: 'an emitter created per connection dies with it',
    },
    {
      code: "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  bus.on('message', (m) => socket.send(m));\n});\n",
      path: 'test/ws.test.ts',
    },
    {
      code: "tunnel.on('message', (data) => {\n  if (settings.state == 1) {\n    process.stdout.write(data);\n  } else if (settings.state == 0) {\n    settings.state = 1;\n    process.stdin.on('data', (d) => tunnel.send(d));\n    process.stdin.on('end', () => process.exit());\n  }\n});\n",
      note: 'a branch that switches its own condition off runs once (seen in meshcentral meshctrl)',
    },
  ],
});
