import detector from '../../../detectors/typescript/unbounded-collection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'const cache = new Map<string, User>();\nexport async function getUser(id: string) {\n  const hit = cache.get(id);\n  if (hit) return hit;\n  const user = await db.find(id);\n  cache.set(id, user);\n  return user;\n}\n',
      line: 1,
      message: '`cache` (module-level Map) is only ever added to (`.set` in `getUser`)',
    },
    {
      code: "const seen = new Set<string>();\napp.post('/events', (req, res) => {\n  if (seen.has(req.body.id)) return res.sendStatus(200);\n  seen.add(req.body.id);\n  res.sendStatus(202);\n});\n",
      line: 1,
      message: '`seen` (module-level Set)',
    },
    {
      code: 'const history: Message[] = [];\nwss.on("connection", (socket) => {\n  socket.on("message", (m) => {\n    history.push(m);\n  });\n});\n',
      line: 1,
      message: '`history` (module-level array)',
    },
    {
      code: 'class SessionService {\n  private sessions = new Map<string, Session>();\n  async open(id: string) {\n    this.sessions.set(id, await load(id));\n  }\n  find(id: string) {\n    return this.sessions.get(id);\n  }\n}\n',
      line: 2,
      message: '`this.sessions` (long-lived Map)',
    },
    {
      code: 'class Tokens {\n  static issued = new Set<string>();\n  static async issue(user: User) {\n    const t = await sign(user);\n    Tokens.issued.add(t);\n    return t;\n  }\n}\n',
      line: 2,
      message: '`Tokens.issued` (static Set)',
    },
    {
      code: 'class Store {\n  constructor() {\n    this.byId = new Map();\n  }\n  async save(item) {\n    this.byId.set(item.id, item);\n    await persist(item);\n  }\n}\n',
      line: 3,
      path: 'store.js',
      message: '`this.byId`',
      note: 'a JavaScript class field assigned in the constructor',
    },
    {
      code: 'class Poller {\n  results = new Map<string, Result>();\n  async poll(url: string) {\n    this.results.set(url, await fetchResult(url));\n  }\n}\nexport const poller = new Poller();\n',
      line: 2,
      message: '`this.results`',
      note: 'an ordinary class used as a module singleton',
    },
    {
      code: 'let visits = new Map<string, number>();\nexport function track(req: Request, res: Response) {\n  visits.set(req.ip, (visits.get(req.ip) ?? 0) + 1);\n}\n',
      line: 1,
      message: '`visits`',
      note: 'a (req, res) function runs per request',
    },
    {
      code: 'const a = new Map();\nconst b = new Set();\nexport async function both(k: string) {\n  a.set(k, await v(k));\n  b.add(k);\n}\n',
      line: [1, 2],
    },
  ],
  ignores: [
    {
      code: 'const cache = new Map<string, User>();\nexport async function remember(id: string) {\n  cache.set(id, await load(id));\n  if (cache.size > 1000) cache.delete(cache.keys().next().value);\n}\n',
      note: 'a size check bounds it',
    },
    'const cache = new Map<string, User>();\nexport async function get(id: string) {\n  cache.set(id, await load(id));\n}\nexport function evict(id: string) {\n  cache.delete(id);\n}\n',
    'const cache = new Map<string, User>();\nexport async function get(id: string) {\n  cache.set(id, await load(id));\n}\nexport function reset() {\n  cache.clear();\n}\n',
    {
      code: 'export async function dedupe(ids: string[]) {\n  const seen = new Set<string>();\n  for (const id of ids) seen.add(await norm(id));\n  return seen;\n}\n',
      note: 'local to a function',
    },
    {
      code: 'const handlers = new Map<string, Handler>();\nexport async function on(name: string, h: Handler) {\n  handlers.set(name, h);\n}\n',
      note: 'a registry, filled from code',
    },
    {
      code: 'const sqlCache = new Map<string, string>();\nexport function loadSql(name: string) {\n  let sql = sqlCache.get(name);\n  if (sql === undefined) {\n    sql = read(name);\n    sqlCache.set(name, sql);\n  }\n  return sql;\n}\n',
      note: 'a synchronous memo keyed by names fixed in code (bullmq sql-loader)',
    },
    {
      code: 'export const cache = new Map<string, User>();\nexport async function get(id: string) {\n  cache.set(id, await load(id));\n}\n',
      note: 'exported: another module may clear it',
    },
    {
      code: 'const cache = new Map<string, User>();\nexport async function get(id: string) {\n  cache.set(id, await load(id));\n  return cache;\n}\n',
      note: 'escapes: returned to the caller',
    },
    'const cache = new WeakMap<object, Meta>();\nexport async function meta(o: object) {\n  cache.set(o, await compute(o));\n}\n',
    {
      code: 'class Parser {\n  private seen = new Set<string>();\n  async parse(s: string) {\n    this.seen.add(s);\n  }\n}\n',
      note: 'an ordinary class: its instances may be short-lived',
    },
    'const flags = new Set<string>();\nexport async function ready() {\n  flags.add("ready");\n}\n',
    {
      code: 'let cache = new Map<string, User>();\nexport async function get(id: string) {\n  cache.set(id, await load(id));\n}\nsetInterval(() => {\n  cache = new Map();\n}, 60_000);\n',
      note: 'replaced periodically',
    },
    {
      code: 'const cache = new Map<string, User>();\nexport async function get(id: string) {\n  cache.set(id, await load(id));\n}\n',
      path: 'src/cache.test.ts',
    },
    {
      code: 'const slots: Conn[] = [];\nexport async function put(i: number, c: Conn) {\n  slots[i] = await c.ready();\n}\n',
      note: 'an index assignment overwrites a slot; it does not grow the array',
    },
  ],
});
