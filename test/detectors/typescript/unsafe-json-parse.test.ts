import detector from '../../../detectors/typescript/unsafe-json-parse.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "wss.on('connection', (ws) => {\n  ws.on('message', (data) => {\n    const msg = JSON.parse(data.toString());\n    route(msg);\n  });\n});\n",
      line: 3,
      message: '`JSON.parse(data.toString())` parses a received message',
    },
    {
      code: "app.get('/search', (req, res) => {\n  const filter = JSON.parse(req.query.filter);\n  res.json(find(filter));\n});\n",
      line: 2,
      message: 'request input',
    },
    {
      code: "import fs from 'node:fs';\nconst settings = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));\n",
      line: 2,
      message: 'file contents',
    },
    {
      code: "import { readFile } from 'node:fs/promises';\nimport path from 'node:path';\nexport async function loadProjectConfig() {\n  const text = await readFile(path.join(process.cwd(), 'app.config.json'), 'utf8');\n  return JSON.parse(text);\n}\n",
      line: 5,
      message: '`JSON.parse(text)`',
    },
    { code: "window.addEventListener('message', (event) => {\n  const data = JSON.parse(event.data);\n  apply(data);\n});\n", line: 2 },
    { code: 'socket.onmessage = (e) => {\n  handle(JSON.parse(e.data));\n};\n', line: 2 },
    {
      code: 'export const handler = async (event) => {\n  const order = JSON.parse(event.body);\n  return save(order);\n};\n',
      line: 2,
      note: 'AWS Lambda proxy event',
    },
    {
      code: 'export async function getUser(id: string) {\n  const res = await fetch(`/api/users/${id}`);\n  const text = await res.text();\n  return JSON.parse(text);\n}\n',
      line: 4,
      message: 'a response body',
    },
    { code: "export function restore() {\n  return JSON.parse(localStorage.getItem('cart') ?? '[]');\n}\n", line: 2, note: 'the `??` keeps a stored value' },
    {
      code: "await consumer.run({\n  eachMessage: async ({ message }) => {\n    const event = JSON.parse(message.value.toString());\n    await apply(event);\n  },\n});\n",
      line: 3,
    },
    {
      code: "process.on('message', (raw) => {\n  try {\n    setup();\n  } catch {}\n  const job = JSON.parse(raw);\n  run(job);\n});\n",
      line: 5,
      note: 'a try earlier in the function does not cover this call',
    },
  ],
  ignores: [
    "ws.on('message', (data) => {\n  try {\n    route(JSON.parse(data.toString()));\n  } catch (error) {\n    ws.send('malformed message');\n  }\n});\n",
    "const defaults = JSON.parse('{\"retries\": 3}');\n",
    "import fs from 'node:fs';\nconst pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));\n",
    "const fs = require('fs');\nconst path = require('path');\nconst SCHEMA = path.join(__dirname, 'schema.json');\nmodule.exports = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));\n",
    { code: 'export function decode(text: string) {\n  return JSON.parse(text);\n}\n', note: "an ordinary function's parameter: its callers decide how to handle errors" },
    { code: "import fs from 'node:fs';\nexport function loadJson(file: string) {\n  return JSON.parse(fs.readFileSync(file, 'utf8'));\n}\n", note: 'a path from the caller: a loader helper (seen in yargs-parser)' },
    { code: "import { readFileSync } from 'node:fs';\nexport const loadPackageJson = (from: string) => JSON.parse(readFileSync(findPackageJson(from, '../package.json'), 'utf8'));\n", note: 'seen in package-json-from-dist' },
    { code: 'export function clone<T>(value: T): T {\n  return JSON.parse(JSON.stringify(value));\n}\n', note: 'round trip of a value the program built' },
    "app.post('/x', async (req, res) => {\n  let body;\n  try {\n    body = JSON.parse(req.body);\n  } catch {\n    return res.status(400).end();\n  }\n  res.json(body);\n});\n",
    { code: "emitter.on('message', (data) => {\n  const JSON = { parse: (s: string) => s };\n  JSON.parse(data);\n});\n", note: 'a local JSON object' },
    { code: "ws.on('message', (data) => {\n  const out = schema.parse(data);\n  route(out);\n});\n", note: 'not JSON.parse' },
    { code: "api.get('/users').then((res) => JSON.parse(res.data));\n", note: 'a promise callback: a throw rejects the chain' },
    { code: "export const flags = JSON.parse(process.env.FEATURE_FLAGS ?? '{}');\n", note: 'deployment configuration read at startup: failing fast is the point' },
    { code: 'export function read(cache: Map<string, string>, key: string) {\n  const raw = cache.get(key);\n  return raw ? JSON.parse(raw) : undefined;\n}\n', note: 'an in-process cache is not external' },
    {
      code: "socket.onmessage = function (evt) {\n  var msg = JSON.parse(evt.data);\n  document.title = msg.title;\n};\n",
      path: 'public/mstsc/client.js',
      note: 'browser code: a throwing listener logs and drops the message (seen in meshcentral)',
    },
    {
      code: "ws.on('message', (data) => {\n  const message = JSON.parse(data);\n  route(message);\n});\n",
      path: 'core/built/admin/assets/routes-Cw302e1c.js',
      note: 'built output (seen in ghost)',
    },
    {
      code: "subscriber.on('message', (channel, messageStr) => {\n  run(JSON.parse(messageStr));\n});\nclient.on('notification', (data) => {\n  apply(JSON.parse(data.payload));\n});\n",
      note: 'pub/sub channels carry what the app itself published (seen in parse-server)',
    },
  ],
});
