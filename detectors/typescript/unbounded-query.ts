import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { isTestFile } from './shared/file-role.js';
import { unboundedListQuery } from './shared/list-queries.js';
import { enclosingRequestHandler } from './shared/request-handlers.js';

/** List queries with no limit or pagination inside a request handler. */
export default defineTsDetector({
  meta: {
    id: 'unbounded-query',
    severity: 'medium',
    category: 'performance',
    description: 'A list query with no limit or pagination on a request path (`findMany()` without `take`, a `SELECT` without `LIMIT`).',
    recommendation: 'Bound the query (`take`, `.limit()`, `LIMIT`) and page through the rest with a cursor or an offset the client passes.',
    docs: {
      why: 'A query that returns every row is fast on a developer database and grows with the table in production: the response, the memory of the process and the database load all scale with data nobody asked for, and one request can stall the service. The rule looks only inside request handlers, recognised by how they are registered: a function passed to `app.get(\'/path\', ...)` (any route method on a receiver named `app`, `router`, `server`, `api`, `fastify`, `routes` or `*Router`), the `handler` of `fastify.route({...})`, a tRPC `.query()`/`.mutation()` on a `*procedure*` chain, or an exported `GET`/`POST`/... of a Next.js `route.ts`; helpers those handlers call are not followed. It flags Prisma `findMany` without `take` (or `cursor`), TypeORM `repository.find()`/`findAndCount()` without `take` and `createQueryBuilder(...).getMany()` without `take`/`limit`/`where`, knex chains awaited or returned with no `limit`/`first`/`where`/aggregate, and constant SQL `SELECT ... FROM` with no `WHERE`/`LIMIT`/aggregate passed to a query call. It stays silent on options passed as a variable or spread, filters on `id`, SQL built at run time, and test files.',
      flagged: [
        "app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany());\n});\n",
        "router.get('/orders', async (req, res) => {\n  const orders = await prisma.order.findMany({ where: { status: 'open' } });\n  res.json(orders);\n});\n",
        "app.get('/products', async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM products');\n  res.json(rows);\n});\n",
      ],
      ignored: [
        "app.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany({ take: 50, skip: Number(req.query.skip) || 0 }));\n});\n",
        'export async function nightlyReport() {\n  return prisma.user.findMany();\n}\n',
        "app.get('/products/:id', async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM products WHERE id = $1', [req.params.id]);\n  res.json(rows[0]);\n});\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestFile(ctx.file.path)) return {};
    const handlers = ctx.file.memo('typescript/request-handler-cache', () => new Map<ts.Node, { fn: ts.Node; phrase: string } | null>());
    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const query = unboundedListQuery(call);
          if (!query) return;
          const handler = enclosingRequestHandler(call, ctx.file.path, handlers);
          if (!handler) return;
          ctx.report({
            line: ctx.file.lineOf(call.getStart()),
            endLine: ctx.file.lineOf(call.end),
            message: `${query.text.startsWith('`') ? query.text : `\`${query.text}\``} in ${handler.phrase} reads every matching row: it has no ${query.bound}.`,
          });
        },
      },
    };
  },
});
