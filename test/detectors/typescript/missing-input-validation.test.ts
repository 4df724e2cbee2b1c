import detector from '../../../detectors/typescript/missing-input-validation.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: "app.post('/signup', async (req, res) => {\n  const user = await db.users.insert({ email: req.body.email, role: req.body.role });\n  res.json(user);\n});\n", line: 2, message: "`req.body.email`, `req.body.role` are used in the handler of `app.post('/signup')`" },
    { code: "wss.on('connection', (ws) => {\n  ws.on('message', (data) => {\n    const msg = JSON.parse(data.toString());\n    rooms.get(msg.room).broadcast(msg.text);\n  });\n});\n", line: 4, message: "`msg.room`, `msg.text` are used in the 'message' listener of `ws`" },
    { code: "router.put('/profile', async (req, res) => {\n  const { name, bio } = req.body;\n  await Profile.updateOne({ _id: req.user.id }, { name, bio });\n  res.end();\n});\n", line: 2, message: '`req.body.name`, `req.body.bio`' },
    { code: "app.get('/search', async (req, res) => {\n  res.json(await Item.find({ name: req.query.q }));\n});\n", line: 2, message: '`req.query.q` is used', note: 'an object in a query string becomes a Mongo operator' },
    { code: "io.on('connection', (socket) => {\n  socket.on('chat', (payload) => {\n    io.to(payload.room).emit('chat', payload.text);\n  });\n});\n", line: 3, message: "the 'chat' listener of `socket`" },
    { code: "ws.on('message', (raw) => {\n  handle(JSON.parse(raw).type);\n});\n", line: 2, message: '`JSON.parse(raw).type`' },
    { code: "fastify.post('/orders', async (request, reply) => {\n  return orders.create(request.body.items, request.body['coupon']);\n});\n", line: 2, message: '`request.body.items`, `request.body.coupon`' },
    { code: "router.post('/login', async (ctx) => {\n  ctx.body = await login(ctx.request.body.user, ctx.request.body.password);\n});\n", line: 2, message: '`ctx.request.body.user`' },
    { code: "export const appRouter = publicProcedure.mutation(async ({ input }) => input);\napp.post('/x', (req, res) => {\n  res.send(`hello ${req.body.name}`);\n});\n", line: 3 },
  ],
  ignores: [
    "app.post('/signup', async (req, res) => {\n  const body = SignupSchema.parse(req.body);\n  res.json(await db.users.insert({ email: body.email }));\n});\n",
    "app.post('/signup', validate(signupSchema), async (req, res) => {\n  res.json(await db.users.insert({ email: req.body.email }));\n});\n",
    "app.get('/items', async (req, res) => {\n  res.json(await list(Number(req.query.page)));\n});\n",
    { code: "app.post('/signup', async (req, res) => {\n  const { error } = schema.validate(req.body);\n  if (error) return res.status(400).end();\n  res.json(await db.users.insert({ email: req.body.email }));\n});\n", note: 'joi validate first' },
    { code: "app.post('/signup', async (req, res) => {\n  if (typeof req.body.email !== 'string') return res.status(400).end();\n  res.json(await db.users.insert({ email: req.body.email }));\n});\n", note: 'a manual typeof check' },
    { code: "app.post('/signup', async (req, res) => {\n  res.json(await users.create(req.body));\n});\n", note: 'the whole body is handed on' },
    { code: "wss.on('connection', (ws) => {\n  ws.on('message', (data) => {\n    const msg = MessageSchema.parse(JSON.parse(data.toString()));\n    route(msg.type);\n  });\n});\n" },
    { code: "app.get('/users/:id', async (req, res) => {\n  res.json(await prisma.user.findUnique({ where: { id: req.params.id } }));\n});\n", note: 'route params are not judged' },
    { code: 'export function summarize(req) {\n  return req.body.title;\n}\n', note: 'not a registered handler' },
    { code: "io.on('connection', (socket) => {\n  socket.on('disconnect', (reason) => {\n    log(reason.code);\n  });\n});\n", note: 'socket.io reserved event' },
    { code: "app.post('/x', async (req, res) => {\n  if (!isValidOrder(req.body)) return res.status(400).end();\n  res.json(await save(req.body.items));\n});\n", note: 'a type guard' },
    { code: "app.post('/x', (req, res) => {\n  req.body.receivedAt = Date.now();\n  next();\n});\n", path: 'src/app.spec.ts' },
  ],
});
