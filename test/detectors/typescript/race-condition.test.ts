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
  ],
});
