import detector from '../../../detectors/typescript/unbounded-query.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: "app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany());\n});\n", line: 2, message: '`prisma.user.findMany()` in the handler of `app.get(\'/users\')`' },
    { code: "router.get('/orders', async (req, res) => {\n  const orders = await prisma.order.findMany({ where: { status: 'open' } });\n  res.json(orders);\n});\n", line: 2, message: 'no `take`' },
    { code: "app.get('/products', async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM products');\n  res.json(rows);\n});\n", line: 2, message: '`SELECT * FROM products`' },
    { code: "import knex from 'knex';\nconst db = knex({ client: 'pg' });\napp.get('/events', async (req, res) => {\n  res.json(await db('events').select('*'));\n});\n", line: 4, message: '`.limit()`' },
    { code: "fastify.get('/posts', async (request, reply) => {\n  return postRepository.find({ order: { createdAt: 'DESC' } });\n});\n", line: 2, note: 'TypeORM repository' },
    { code: "app.get('/logs', auth, async (req, res) => {\n  const logs = await dataSource.getRepository(Log).createQueryBuilder('log').orderBy('log.at').getMany();\n  res.json(logs);\n});\n", line: 2, note: 'query builder, middleware before the handler' },
    { code: "export const appRouter = router({\n  list: publicProcedure.query(async ({ ctx }) => {\n    return ctx.prisma.todo.findMany({ orderBy: { createdAt: 'desc' } });\n  }),\n});\n", line: 3, message: 'tRPC query' },
    { code: "export async function GET(request: Request) {\n  const users = await prisma.user.findMany({ select: { id: true } });\n  return Response.json(users);\n}\n", line: 2, path: 'app/api/users/route.ts' },
    { code: "fastify.route({\n  method: 'GET',\n  url: '/items',\n  handler: async () => {\n    const r = await client.query('select id, name from items order by name');\n    return r.rows;\n  },\n});\n", line: 5 },
    { code: "app.get('/feed', (req, res) => {\n  load().then(async () => {\n    res.json(await prisma.post.findMany());\n  });\n});\n", line: 3, note: 'a callback nested in the handler' },
  ],
  ignores: [
    "app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany({ take: 50, skip: Number(req.query.skip) || 0 }));\n});\n",
    { code: 'export async function nightlyReport() {\n  return prisma.user.findMany();\n}\n', note: 'not a request handler' },
    "app.get('/products/:id', async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM products WHERE id = $1', [req.params.id]);\n  res.json(rows[0]);\n});\n",
    { code: "app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany(buildQuery(req.query)));\n});\n", note: 'options from a variable: unknown' },
    { code: "app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany({ ...paging(req), where: { active: true } }));\n});\n", note: 'spread options may carry take' },
    { code: "app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany({ where: { id: { in: req.body.ids } } }));\n});\n", note: 'filtered by id: as many rows as asked for' },
    { code: "app.get('/count', async (req, res) => {\n  const { rows } = await pool.query('SELECT count(*) FROM products');\n  res.json(rows[0]);\n});\n", note: 'aggregate' },
    { code: "import knex from 'knex';\nconst db = knex({ client: 'pg' });\napp.get('/events', async (req, res) => {\n  res.json(await db('events').select('*').limit(100));\n});\n" },
    { code: "app.get('/tags', (req, res) => {\n  res.json(tags.find((t) => t.id === req.query.id));\n});\n", note: 'Array.prototype.find' },
    { code: "import knex from 'knex';\nconst db = knex({ client: 'pg' });\napp.get('/events', async (req, res) => {\n  const q = db('events').select('*');\n  if (req.query.since) q.where('at', '>', req.query.since);\n  res.json(await q);\n});\n", note: 'a builder kept in a variable may be narrowed later' },
    { code: "test('lists users', async () => {\n  app.get('/users', async (req, res) => res.json(await prisma.user.findMany()));\n});\n", path: 'src/users.test.ts' },
    { code: "app.get('/posts', async (req, res) => {\n  res.json(await prisma.post.findMany({ cursor: { id: req.query.after }, take: 20 }));\n});\n" },
  ],
});
