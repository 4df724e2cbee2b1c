import detector from '../../../detectors/typescript/await-in-loop.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'export async function emails(ids: string[]) {\n  const out = [];\n  for (const id of ids) {\n    const user = await prisma.user.findUnique({ where: { id } });\n    out.push(user.email);\n  }\n  return out;\n}\n',
      line: 4,
      message: '`await prisma.user.findUnique(...)` inside the loop over `ids`',
    },
    { code: 'export async function sync(urls: string[]) {\n  for (const url of urls) {\n    await fetch(url, { signal: AbortSignal.timeout(5000) });\n  }\n}\n', line: 3, message: 'N+1' },
    {
      code: 'export async function totals(pool: Pool, orders: Order[]) {\n  let sum = 0;\n  for (const order of orders) {\n    const { rows } = await pool.query("SELECT total FROM orders WHERE id = $1", [order.id]);\n    sum += rows[0].total;\n  }\n  return sum;\n}\n',
      line: 4,
      note: 'an accumulator is not read by the query',
    },
    { code: 'export async function load(ids: number[]) {\n  const users = [];\n  for (let i = 0; i < ids.length; i++) {\n    users.push(await this.userRepository.findOne({ where: { id: ids[i] } }));\n  }\n  return users;\n}\n', line: 4 },
    { code: "import axios from 'axios';\nexport async function notify(hooks: Hook[]) {\n  for (const hook of hooks) {\n    await axios.post(hook.url, { event: 'deploy' }, { timeout: 5000 });\n  }\n}\n", line: 4 },
    { code: 'export async function prices(skus: Record<string, number>) {\n  for (const sku in skus) {\n    skus[sku] = await cache.get(`price:${sku}`);\n  }\n}\n', line: 3, message: 'the keys of `skus`' },
    { code: 'export async function saveAll(users: User[]) {\n  for (const u of users) {\n    const row = toRow(u);\n    await db.insert(row);\n  }\n}\n', line: 4, note: 'a value derived inside the loop' },
    {
      code: 'export async function posts(authors: Author[]) {\n  for (const author of authors) {\n    try {\n      author.posts = await Post.findAll({ where: { authorId: author.id } });\n    } catch (error) {\n      log(error);\n    }\n  }\n}\n',
      line: 4,
    },
    {
      code: "app.post('/internal/stock/release', async (req, res) => {\n  const { orderId, items } = req.body;\n  for (const item of items) {\n    await Product.findByIdAndUpdate(item.productId, { $inc: { reservedStock: -item.quantity } });\n  }\n  res.json({ released: true });\n});\n",
      line: 4,
      message: '`await Product.findByIdAndUpdate(...)`',
    },
  ],
  ignores: [
    { code: 'export async function all(api: Api) {\n  let cursor: string | undefined;\n  const items = [];\n  do {\n    const page = await api.list({ cursor });\n    items.push(...page.items);\n    cursor = page.next;\n  } while (cursor);\n  return items;\n}\n', note: 'pagination' },
    { code: 'export async function firstAlive(urls: string[]) {\n  for (const url of urls) {\n    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });\n    if (res.ok) return url;\n  }\n}\n', note: 'stops on the awaited result' },
    { code: 'export async function drain(stream: AsyncIterable<Msg>) {\n  for await (const msg of stream) {\n    await db.query("INSERT INTO log VALUES ($1)", [msg.id]);\n  }\n}\n', note: 'for await' },
    {
      code: 'export async function pages(url: string) {\n  let next = url;\n  for (let i = 0; i < max; i++) {\n    const res = await fetch(next, { signal: AbortSignal.timeout(5000) });\n    next = res.headers.get("link");\n  }\n}\n',
      note: 'the next request uses the previous response',
    },
    { code: 'export async function retry(url: string) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try {\n      return await fetch(url);\n    } catch {\n      await sleep(2 ** attempt * 100);\n    }\n  }\n}\n', note: 'retry with backoff' },
    { code: 'export async function throttled(ids: string[]) {\n  for (const id of ids) {\n    await api.get(`/items/${id}`);\n    await sleep(200);\n  }\n}\n', note: 'rate limited on purpose' },
    { code: 'export async function ensure(db: Db) {\n  for (const table of ["users", "orders"]) {\n    await db.query(`CREATE TABLE IF NOT EXISTS ${table} (id int)`);\n  }\n}\n', note: 'fixed steps' },
    { code: 'export async function poll(job: Job) {\n  while (true) {\n    const state = await api.get(`/jobs/${job.id}`);\n    if (state.done) break;\n  }\n}\n', note: 'polling' },
    { code: 'export async function run(tasks: Task[]) {\n  for (const task of tasks) {\n    await task.run();\n  }\n}\n', note: 'not a query or request' },
    { code: 'export async function each(ids: string[]) {\n  await Promise.all(ids.map((id) => db.findOne({ id })));\n}\n' },
    { code: 'export async function process(ids: string[], client: Client) {\n  for (const id of ids) {\n    await client.get("/health");\n  }\n}\n', note: 'does not use the item' },
    {
      code: 'export async function migrate(db: Db, pending: Migration[]) {\n  let version = await current(db);\n  for (const m of pending) {\n    await db.query(m.sql, [version]);\n    version = m.version;\n  }\n}\n',
      note: 'state carried from one iteration to the next',
    },
    {
      code: 'export async function find(ids: string[]) {\n  for (const id of ids) {\n    const user = await db.findOne({ id });\n    if (user) {\n      found(user);\n      break;\n    }\n  }\n}\n',
      note: 'breaks on the result',
    },
    { code: 'export async function rows(db: Db) {\n  for (const row of await db.query("SELECT * FROM t")) {\n    handle(row);\n  }\n}\n', note: 'the iterable is awaited once' },
    { code: 'export async function indices(trx: Knex.Transaction, createIndices: string[]) {\n  for (const createIndex of createIndices) {\n    await trx.raw(createIndex);\n  }\n}\n', note: 'each item is its own statement, run in order (seen in knex)' },
    { code: 'export async function seedItems(items: Item[]) {\n  for (const item of items) {\n    await prisma.item.create({ data: item });\n  }\n}\n', note: 'seed data, run once' },
    { code: 'for (const item of ITEMS) {\n  await prisma.item.create({ data: item });\n}\n', path: 'prisma/seed.ts', note: 'a seed file' },
    { code: "it('saves each', async () => {\n  for (const id of ids) {\n    await db.findOne({ id });\n  }\n});\n", path: 'test/repo.test.ts' },
  ],
});
