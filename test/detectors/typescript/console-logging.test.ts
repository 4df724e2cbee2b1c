import detector from '../../../detectors/typescript/console-logging.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "import pino from 'pino';\nconst logger = pino();\nexport async function handle(req) {\n  console.log('got', req.body);\n  logger.info('handled');\n}\n",
      line: 4,
      message: '`console.log` although this file uses `pino`.',
    },
    {
      code: "import express from 'express';\nconst app = express();\napp.post('/orders', (req, res) => {\n  console.log('order', req.body);\n  res.sendStatus(201);\n});\n",
      line: 4,
      options: { serverCode: true },
      message: '`console.log` in server code.',
    },
    { code: 'export function sync(log: Logger) {\n  console.info("syncing");\n  logger.warn("slow");\n}\n', line: 2, message: '`console.info` although this file uses `logger`' },
    { code: "const winston = require('winston');\nmodule.exports = function save(x) {\n  console.debug(x);\n};\n", line: 3, path: 'lib/save.js', message: '`winston`' },
    { code: "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 1 });\nwss.on('connection', (s) => console.log('connected', s));\n", line: 3, options: { serverCode: true } },
    { code: 'export function handler(req, res) {\n  console.dir(req.headers);\n  res.end();\n}\n', line: 2, options: { serverCode: true }, note: 'a (req, res) handler is server code' },
    {
      code: "import pino from 'pino';\nconst logger = pino();\nexport function handler(req, res) {\n  try { res.end(); } catch (err) { console.log(err); }\n}\n",
      line: 4,
      note: 'a file with a logger should log the failure through it',
    },
    { code: 'export function parse(s: string) {\n  console.log(s);\n  return JSON.parse(s);\n}\n', line: 2, options: { anyModule: true }, message: '`console.log` in library code.' },
    { code: "import { Probot } from 'probot';\nexport default (app: Probot) => {\n  app.on('issues.opened', async (ctx) => {\n    console.table(ctx.payload);\n  });\n};\n", line: 4, options: { serverCode: true } },
    { code: "import Fastify from 'fastify';\nconsole.log('a');\nconsole.trace('b');\n", line: [2, 3], options: { serverCode: true } },
  ],
  ignores: [
    "#!/usr/bin/env node\nimport pino from 'pino';\nconsole.log('done');\n",
    "import pino from 'pino';\nif (process.env.DEBUG) console.log('state', state);\n",
    "import pino from 'pino';\nconsole.error('fatal', err);\nconsole.warn('slow');\n",
    'export function parse(s: string) {\n  console.log(s);\n  return JSON.parse(s);\n}\n',
    "import { Command } from 'commander';\nimport pino from 'pino';\nconsole.log(new Command().name());\n",
    { code: "import express from 'express';\nconsole.log('seeding');\n", path: 'scripts/seed.ts' },
    { code: "import express from 'express';\nconsole.log('x');\n", path: 'src/server.test.ts' },
    { code: "import pino from 'pino';\nexport const log = (m) => console.log(m);\n", path: 'src/logger.ts' },
    "import express from 'express';\nexport function printUsage() {\n  console.log('usage: serve [port]');\n}\n",
    "import express from 'express';\nconst verbose = process.argv.includes('-v');\nconsole.log('args');\n",
    "import express from 'express';\nexport function start(opts) {\n  if (opts.verbose) console.log('starting');\n}\n",
    "import express from 'express';\nconst log = console.log.bind(console);\n",
    {
      code: "import winston from 'winston';\nexport function login(method) {\n  console.log('Logging in via ' + method);\n}\n",
      path: 'build/chunks/app-D8uk2K_7.js',
      note: 'a bundle chunk merges modules: its logger import is another module\'s (seen in actual-app sync-server)',
    },
    {
      code: "const https = require('https');\nmodule.exports = function relay(req, res) {\n  try { res.end(); } catch (ex) { console.log(ex); }\n  req.on('error', function (e) { console.log('relay error from ' + req.clientIp); });\n};\n",
      options: { serverCode: true },
      note: 'server code without a logger reporting a failure: its error channel (seen in meshcentral)',
    },
    {
      code: "import express from 'express';\nconst app = express();\napp.listen(80, () => console.log('MeshCentral HTTP server running on port 80'));\n",
      note: 'server code without a logger: the console is its channel unless `serverCode` is on (seen in meshcentral)',
    },
  ],
});
