import detector from '../../../detectors/typescript/missing-retry-after.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "app.post('/login', (req, res) => {\n  if (limiter.exceeded(req.ip)) return res.status(429).json({ error: 'Too many attempts' });\n  res.json(login(req.body));\n});\n",
      line: 2,
      message: '`res.status(429)` is sent without a `Retry-After` header',
    },
    { code: "app.get('/report', (req, res) => {\n  if (busy) return res.sendStatus(503);\n  res.send(render());\n});\n", line: 2, message: 'overloaded service' },
    {
      code: "import { StatusCodes } from 'http-status-codes';\nexport function limit(req: Request, res: Response, next: () => void) {\n  if (!bucket.take(req.ip)) {\n    res.status(StatusCodes.TOO_MANY_REQUESTS).send('slow down');\n    return;\n  }\n  next();\n}\n",
      line: 4,
    },
    { code: "fastify.post('/jobs', async (request, reply) => {\n  if (queue.full()) return reply.code(503).send({ error: 'queue full' });\n  return queue.add(request.body);\n});\n", line: 2 },
    { code: "router.post('/upload', async (ctx) => {\n  if (uploads.active >= MAX) {\n    ctx.status = 429;\n    return;\n  }\n  await save(ctx);\n});\n", line: 3 },
    { code: "export async function POST(request: Request) {\n  if (!(await allow(request))) return new Response('Too many requests', { status: 429 });\n  return Response.json(await handle(request));\n}\n", line: 2, message: 'Response' },
    { code: "import { NextResponse } from 'next/server';\nexport async function GET() {\n  if (maintenance) return NextResponse.json({ error: 'maintenance' }, { status: 503 });\n  return NextResponse.json(await load());\n}\n", line: 3 },
    { code: "app.get('/search', (c) => {\n  if (!limiter.ok(c)) return c.json({ error: 'rate limited' }, 429);\n  return c.json(search(c.req.query('q')));\n});\n", line: 2 },
    { code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  if (inflight > 100) {\n    res.writeHead(503);\n    return res.end();\n  }\n  serve(req, res);\n});\n", line: 4 },
    { code: "function reject(res) {\n  res.statusCode = 429;\n  res.end('Too Many Requests');\n}\n", line: 2 },
    { code: "exports.sendHttpError = (res, msg = '') => {\n  if (msg.includes('SQLITE_BUSY') || msg.includes('SQLITE_LOCKED')) {\n    res.status(503).json({ status: 'fail', msg });\n  }\n};\n", line: 3, note: 'uptime-kuma: a locked database is a pause that ends' },
    { code: "module.exports = function (middleware) {\n  middleware.check = function (req, res, next) {\n    user.isAdministrator(req.uid, (err, isAdmin) => {\n      if (err || isAdmin) return next(err);\n      res.status(503);\n      res.render('503', { message: config.maintenanceModeMessage });\n    });\n  };\n};\n", path: 'src/middleware/maintenance.js', line: 5, note: 'nodebb: maintenance mode, by the file name' },
  ],
  ignores: [
    "app.post('/login', (req, res) => {\n  if (limiter.exceeded(req.ip)) {\n    res.set('Retry-After', '60');\n    return res.status(429).json({ error: 'Too many attempts' });\n  }\n  res.json(login(req.body));\n});\n",
    { code: "app.use((req, res, next) => {\n  if (!bucket.take(req.ip)) return res.status(429).setHeader('retry-after', 30).end();\n  next();\n});\n", note: 'the header in the same file' },
    "app.get('/healthz', (req, res) => {\n  res.status(db.ready ? 200 : 503).end();\n});\n",
    { code: "app.get('/healthz', async (req, res) => {\n  if (!(await db.ping())) return res.sendStatus(503);\n  res.sendStatus(200);\n});\n", note: 'probes answer load balancers, which ignore Retry-After' },
    { code: "export async function readinessCheck(req, res) {\n  res.status(503).json({ ready: false });\n}\n" },
    { code: "app.post('/login', (req, res) => {\n  if (limited) {\n    res.set(limiter.headers(req));\n    return res.status(429).end();\n  }\n});\n", note: 'headers from a value the rule cannot read' },
    { code: "app.post('/v1/responses', async (req, res) => {\n  if (this.stopping) {\n    res.status(503).json({ error: 'Wire server is shutting down' });\n    return;\n  }\n  res.json(await handle(req));\n});\n", note: 'n8n: a server shutting down has no time to give' },
    { code: "const clientLimitGuard = async (req, res, next) => {\n  if (await oauth.isClientLimitReached()) {\n    res.status(503).json({ error: 'server_error', error_description: limitMessage(limit) });\n    return;\n  }\n  next();\n};\n", note: 'n8n: a configured limit reached; retrying later does not help' },
    { code: "router.get('/health', asyncHandler(async (req, res, next) => {\n  const data = await service.health();\n  if (data.status === 'error') res.status(503);\n  return next();\n}));\n", note: 'directus: a health route through a wrapper' },
    { code: "http.createServer((req, res) => {\n  res.writeHead(503, corsHeaders);\n  res.end();\n});\n" },
    { code: "export function GET() {\n  return new Response('slow down', { status: 429, headers: rateHeaders() });\n}\n" },
    { code: "app.get('/x', (req, res) => {\n  res.status(404).json({ error: 'not found' });\n});\n" },
    { code: "const mock = { status: 429 };\nif (err.response.status === 429) await sleep(1000);\n", note: 'a client reading a 429, not a server sending one' },
    { code: "app.get('/x', (req, res) => {\n  res.status(429).end();\n});\n", path: 'src/__tests__/limit.test.ts' },
    { code: "import rateLimit from 'express-rate-limit';\nexport const limiter = rateLimit({\n  windowMs: 60_000,\n  limit: 100,\n  handler: (req, res) => res.status(429).json({ error: 'slow down' }),\n});\n", note: 'express-rate-limit sets Retry-After before calling the handler' },
  ],
});
