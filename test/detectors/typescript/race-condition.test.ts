import detector from '../../../detectors/typescript/race-condition.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "const sessions = new Map<string, Session>();\nexport async function getSession(id: string) {\n  if (!sessions.has(id)) {\n    const session = await createSession(id);\n    sessions.set(id, session);\n  }\n  return sessions.get(id);\n}\n",
      line: 5,
      message: '`sessions.has(id)` is checked on line 3, then `sessions.set(id, session)` writes it after an `await`',
    },
    {
      code: 'class Db {\n  private client?: Client;\n  async connect() {\n    if (!this.client) {\n      this.client = await createClient();\n    }\n    return this.client;\n  }\n}\n',
      line: 5,
      message: '`this.client` is checked on line 4',
    },
    {
      code: "let connection: Connection | undefined;\nexport async function db() {\n  if (!connection) {\n    connection = await connect(process.env.DATABASE_URL);\n  }\n  return connection;\n}\n",
      line: 4,
    },
    {
      code: 'const clients: Record<string, Client> = {};\nexport async function clientFor(tenant: string) {\n  const hit = clients[tenant];\n  if (hit) return hit;\n  const config = await loadConfig(tenant);\n  clients[tenant] = new Client(config);\n  return clients[tenant];\n}\n',
      line: 6,
    },
    {
      code: 'export class Dedup {\n  private seen = new Set<string>();\n  async handle(event: { id: string }) {\n    if (this.seen.has(event.id)) return;\n    await this.process(event);\n    this.seen.add(event.id);\n  }\n}\n',
      line: 6,
      message: 'this.seen.add(event.id)',
    },
    {
      code: 'export class Wallet {\n  private balances = new Map<string, number>();\n  async credit(user: string, amount: number) {\n    const balance = this.balances.get(user) ?? 0;\n    await this.audit(user, amount);\n    this.balances.set(user, balance + amount);\n  }\n}\n',
      line: 6,
    },
    {
      code: 'class Pool {\n  private conn?: Conn;\n  async get() {\n    this.conn ??= await open();\n    return this.conn;\n  }\n}\n',
      line: 4,
    },
    {
      code: "const rooms = new Map<string, Room>();\nwss.on('connection', (socket) => {\n  socket.on('message', async (raw) => {\n    const { room } = JSON.parse(String(raw));\n    if (!rooms.has(room)) {\n      const state = await createRoom(room);\n      rooms.set(room, state);\n    }\n  });\n});\n",
      line: 7,
    },
    {
      code: "const tokens: { [k: string]: string } = {};\nexport async function token(scope: string) {\n  if (!(scope in tokens)) {\n    await audit(scope);\n    tokens[scope] = await login(scope);\n  }\n  return tokens[scope];\n}\n",
      line: 5,
    },
    // Ids derived from other ids where a fresh one is needed.
    {
      code: "export async function createOrder(input: OrderInput) {\n  const count = await prisma.order.count();\n  return prisma.order.create({ data: { ...input, orderNumber: count + 1 } });\n}\n",
      line: 3,
      message: '`count + 1` derives a new `orderNumber` from what is already stored (`await prisma.order.count()`, line 2)',
    },
    {
      code: "router.post('/todos', async (req, res) => {\n  const todos = await db.select().from(todosTable);\n  const id = Math.max(0, ...todos.map((t) => t.id)) + 1;\n  await db.insert(todosTable).values({ id, title: req.body.title });\n  res.status(201).json({ id });\n});\n",
      line: 3,
      message: 'derives a new `id`',
    },
    {
      code: "export async function addTicket(pool: Pool, title: string) {\n  const { rows } = await pool.query('SELECT MAX(id) AS max FROM tickets');\n  const nextId = rows[0].max + 1;\n  await pool.query('INSERT INTO tickets (id, title) VALUES ($1, $2)', [nextId, title]);\n}\n",
      line: 3,
    },
    {
      code: "class InvoiceService {\n  async issue(customerId: string) {\n    const invoice = new Invoice();\n    invoice.invoiceNumber = (await this.repo.count({ where: { customerId } })) + 1;\n    return this.repo.save(invoice);\n  }\n}\n",
      line: 4,
    },
    {
      code: "export async function register(name: string) {\n  const users = await User.find();\n  const user = new User({ userId: users.length + 1, name });\n  await user.save();\n}\n",
      line: 3,
      message: 'derives a new `userId`',
    },
    {
      code: "app.post('/comments', async (req, res) => {\n  const last = await Comment.findOne().sort({ seq: -1 });\n  const total = await Comment.countDocuments();\n  const comment = await Comment.create({ seq: total + 1, text: req.body.text });\n  res.json(comment);\n});\n",
      line: 4,
    },
    {
      code: "export const addItem = async (list: string, text: string) => {\n  const n = await redis.llen(list);\n  const items = await store.items(list);\n  const nextNo = Math.max(...items.map((i) => i.no)) + 1;\n  await store.insert(list, { no: nextNo, text });\n};\n",
      line: 4,
    },
    {
      code: "async function newCase(db) {\n  const [{ max }] = await db('cases').max('number as max');\n  const number = String(max + 1);\n  await db('cases').insert({ number });\n}\n",
      line: 3,
    },
  ],
  ignores: [
    "const pending = new Map<string, Promise<Session>>();\nexport function getSession(id: string) {\n  if (!pending.has(id)) pending.set(id, createSession(id));\n  return pending.get(id);\n}\n",
    "const sessions = new Map<string, Session>();\nexport async function getSession(id: string) {\n  return mutex.runExclusive(async () => {\n    if (!sessions.has(id)) sessions.set(id, await createSession(id));\n    return sessions.get(id);\n  });\n}\n",
    { code: 'export async function handle(id: string) {\n  const seen = new Set<string>();\n  if (!seen.has(id)) {\n    await work(id);\n    seen.add(id);\n  }\n}\n', note: 'a local set' },
    { code: 'const cache = new Map<string, User>();\nexport function user(id: string) {\n  if (!cache.has(id)) cache.set(id, loadSync(id));\n  return cache.get(id);\n}\n', note: 'synchronous' },
    { code: 'const cache = new Map<string, User>();\nexport async function user(id: string) {\n  if (cache.has(id)) return cache.get(id);\n  const fresh = await load(id);\n  if (!cache.has(id)) cache.set(id, fresh);\n  return cache.get(id);\n}\n', note: 're-checked after the await' },
    { code: 'class Job {\n  private running = false;\n  async run() {\n    if (this.running) return;\n    this.running = true;\n    await this.work();\n    this.running = false;\n  }\n}\n', note: 'claimed synchronously before the await' },
    { code: 'class Counter {\n  private counts = new Map<string, number>();\n  async hit(key: string) {\n    await this.log(key);\n    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);\n  }\n}\n', note: 'read and written in one synchronous step' },
    { code: 'const users = new Map<string, User>();\nexport async function rename(id: string, name: string) {\n  if (!users.has(id)) throw new Error(`unknown ${id}`);\n  await db.users.update(id, { name });\n  users.set(`${id}:renamed`, true);\n}\n', note: 'a different key' },
    { code: "const sessions = new Map<string, Session>();\nexport async function getSession(id: string) {\n  await lock.acquire(id);\n  try {\n    if (!sessions.has(id)) sessions.set(id, await createSession(id));\n  } finally {\n    lock.release(id);\n  }\n}\n" },
    { code: 'class Repo {\n  async save(user: User) {\n    await this.prisma.$transaction(async (tx) => {\n      if (!this.known.has(user.id)) {\n        await tx.user.create({ data: user });\n        this.known.add(user.id);\n      }\n    });\n  }\n}\n', note: 'inside a transaction' },
    { code: 'class View {\n  async refresh() {\n    this.loading = true;\n    this.items = await api.list();\n    this.loading = false;\n  }\n}\n', note: 'no check' },
    { code: 'const cache = new Map<string, User>();\nexport async function user(id: string) {\n  if (!cache.has(id)) {\n    cache.set(id, await load(id));\n  }\n}\n', path: 'src/cache.test.ts' },
    { code: 'const cache: Record<string, User> = {};\nexport async function user(id: string) {\n  const hit = cache[id];\n  if (hit) return hit;\n  const fresh = await loadUser(id);\n  cache[id] = fresh;\n  return fresh;\n}\n', note: 'an idempotent value fetched twice is wasted work, not a race worth a review' },
    { code: 'class PostgresDriver {\n  async afterConnect() {\n    const queryRunner = this.createQueryRunner();\n    this.version ??= await queryRunner.getVersion();\n    this.database ??= await queryRunner.getCurrentDatabase();\n  }\n}\n', note: 'typeorm: lazily cached idempotent values' },
    { code: "class Backend {\n  async ensureListening() {\n    const client = await this.connection.getListenClient();\n    if (!this.listening) {\n      await client.query('LISTEN jobs');\n      this.listening = true;\n    }\n    return client;\n  }\n}\n", note: 'BullMQ: a done flag after idempotent work (LISTEN twice is a no-op)' },
    { code: 'class Client {\n  async destroy() {\n    if (this.pool) await this.pool.destroy();\n    this.pool = undefined;\n  }\n}\n', note: 'knex: clearing a field is teardown, not a claim' },
    { code: 'class Runner {\n  async run(cb) {\n    if (this.connection) return cb(this);\n    const acquired = await this.client.acquireConnection();\n    this.connection = acquired;\n    return cb(this);\n  }\n}\n', note: 'knex: a field guard with an early return; the write is not in the checked branch' },
      { code: "class SshClients {\n  private clients = new Map<string, Entry>();\n  async getClient(hash: string) {\n    const existing = this.clients.get(hash);\n    if (existing) {\n      return await existing.ready;\n    }\n    const client = new Client();\n    this.clients.set(hash, { client, ready: connect(client) });\n    return this.clients.get(hash)!.ready;\n  }\n}\n", note: 'n8n: the await sits in a branch that returns; the path to the write has none' },
    { code: "class Collab {\n  initialize() {\n    if (this.initializePromise) return this.initializePromise;\n    this.initializePromise = (async () => {\n      if (!this.settings) this.settings = new SettingsService({ schema: await getSchema() });\n    })().finally(() => { this.initializePromise = undefined; });\n    return this.initializePromise;\n  }\n}\n", note: 'directus: the run is stored as a promise that callers share' },
    { code: "class Storage {\n  async init(config: Config) {\n    if (this.localStorage === null) {\n      const instance = await this.loadStorage(config);\n      this.localStorage = new LocalStorage(config, instance);\n    }\n  }\n}\n", note: 'verdaccio: a set-up method runs once' },
    { code: "let middleware;\nexport async function authenticate(req, res, next) {\n  if (!middleware) {\n    middleware = await createMiddleware();\n  }\n  return middleware(req, res, next);\n}\n", note: 'ghost: a middleware factory builds a function, no resource; building it twice is waste' },
    // Fresh ids: near misses.
    { code: "export async function createOrder(input: OrderInput) {\n  return prisma.order.create({ data: { ...input, id: crypto.randomUUID() } });\n}\n", note: 'a random id needs no look-up' },
    { code: "export async function nextPage(cursor: number) {\n  const total = await prisma.post.count();\n  const page = cursor + 1;\n  return { total, page };\n}\n", note: 'a page number, not an id derived from the stored ones' },
    { code: "export async function addItem(list: List, text: string) {\n  const count = await repo.count();\n  await repo.save({ text, position: count + 1 });\n}\n", note: 'a position: duplicates only tie the order' },
    { code: "export async function bump(id: string) {\n  const doc = await Doc.findById(id);\n  await Doc.updateOne({ _id: id, version: doc.version }, { version: doc.version + 1 });\n}\n", note: 'optimistic versioning, not a new id' },
    { code: "export function nextId(items: Item[]) {\n  return { id: Math.max(0, ...items.map((i) => i.id)) + 1 };\n}\n", note: 'synchronous: nothing interleaves' },
    { code: "export async function createOrder(input: OrderInput) {\n  return prisma.$transaction(async (tx) => {\n    const count = await tx.order.count();\n    return tx.order.create({ data: { ...input, orderNumber: count + 1 } });\n  });\n}\n", note: 'inside a transaction' },
    { code: "export async function createOrder(input: OrderInput) {\n  for (;;) {\n    const count = await prisma.order.count();\n    try {\n      return await prisma.order.create({ data: { ...input, orderNumber: count + 1 } });\n    } catch (e) {\n      if (e.code !== 'P2002') throw e;\n    }\n  }\n}\n", note: 'retries on a unique violation' },
    { code: "export async function render(rows: Row[]) {\n  const header = await loadHeader();\n  return rows.map((row, i) => ({ id: i + 1, ...row, header }));\n}\n", note: 'a row number of data in hand' },
    { code: "export async function createOrder(input: OrderInput, counter: Counter) {\n  const next = await counter.increment('orders');\n  return prisma.order.create({ data: { ...input, orderNumber: next } });\n}\n", note: 'an atomic counter' },
    { code: "export async function createOrder(input: OrderInput) {\n  const count = await prisma.order.count();\n  await prisma.order.create({ data: { ...input, orderNumber: count + 1 } });\n}\n", path: 'scripts/seed.test.ts' },
  ],
});
