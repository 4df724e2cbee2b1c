import detector from '../../../detectors/typescript/global-mutable-state.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'let currentUser: User | undefined;\nexport async function login(token: string) {\n  currentUser = await users.byToken(token);\n}\n',
      line: 3,
      message: 'Module-level `let currentUser` is reassigned in `login`: every concurrent request or event shares and overwrites it.',
    },
    {
      code: 'let lastRequest;\napp.use((req, res, next) => {\n  lastRequest = req;\n  next();\n});\n',
      line: 3,
      path: 'server.js',
      message: '`let lastRequest`',
    },
    {
      code: 'var tenant = "default";\nexport function handle(req: Request, res: Response) {\n  tenant = req.headers["x-tenant"];\n  res.end(render(tenant));\n}\n',
      line: 3,
      message: '`var tenant`',
    },
    {
      code: 'let socketCount = 0;\nlet lastSocket;\nwss.on("connection", (ws) => {\n  socketCount++;\n  lastSocket = ws;\n});\n',
      line: 5,
      message: '`let lastSocket`',
      note: 'the counter is fine, the stored socket is not',
    },
    {
      code: 'let token: string;\nclass Api {\n  async refresh() {\n    token = await fetchToken();\n  }\n}\n',
      line: 4,
      message: 'in `Api.refresh`',
    },
    {
      code: 'let total = 0;\nexport async function add(n: number) {\n  total = total + (await price(n));\n}\n',
      line: 3,
    },
    {
      code: 'let state: State;\nexport async function a() {\n  state = await load();\n}\nexport async function b() {\n  state = await reload();\n}\nexport async function c() {\n  state = await again();\n}\n',
      line: 3,
      message: 'in `a` (and 2 more functions)',
    },
    {
      code: 'let current;\nexport function track() {\n  current = compute();\n}\n',
      line: 3,
      options: { anyFunction: true },
      message: 'every caller shares and overwrites it',
      note: 'with anyFunction, a synchronous write counts too',
    },
    {
      code: "let mode = 'idle';\nexport async function toggle() {\n  if (mode === 'idle') mode = await next();\n}\n",
      line: 3,
      note: 'comparing with a value is not a presence test (no lazy initialisation)',
    },
    {
      code: 'let config = {};\nexport const update = async (patch) => {\n  config = { ...config, ...patch };\n};\n',
      line: 3,
      path: 'config.mjs',
    },
  ],
  ignores: [
    {
      code: 'let client: Client | undefined;\nexport async function getClient() {\n  if (!client) client = await connect();\n  return client;\n}\n',
      note: 'lazy initialisation',
    },
    'let client: Client | undefined;\nexport async function getClient() {\n  client ??= await connect();\n  return client;\n}\nexport async function close() {\n  await client?.close();\n  client = undefined;\n}\n',
    'let nextId = 0;\nexport const newId = async () => nextId++;\n',
    "let cache;\nexport async function get() {\n  if (typeof cache === 'undefined') cache = await load();\n  return cache;\n}\n",
    'const state = { ready: false };\nexport async function ready() {\n  state.ready = true;\n}\n',
    {
      code: 'let verbose = false;\nexport function setVerbose(on: boolean) {\n  verbose = on;\n}\n',
      options: { anyFunction: true },
      note: 'a setter: an explicit API for a process-wide default',
    },
    {
      code: 'let mode = "dev";\nif (process.env.NODE_ENV === "production") mode = "prod";\nexport const isProd = () => mode === "prod";\n',
      note: 'assigned at module level only',
    },
    {
      code: 'let current;\nexport function track() {\n  current = compute();\n}\n',
      note: 'synchronous write: reported only with anyFunction',
    },
    {
      code: 'export async function run() {\n  let count = 0;\n  for (const x of await list()) count += x;\n  return count;\n}\n',
      note: 'a local variable',
    },
    {
      code: 'let session;\nexport async function login() {\n  session = await open();\n}\n',
      path: 'scripts/seed.ts',
    },
    {
      code: 'let session;\nexport async function login() {\n  session = await open();\n}\n',
      path: 'src/session.test.ts',
    },
    {
      code: 'let db;\nexport async function init(url) {\n  db = await connect(url);\n}\n',
      path: 'db.js',
      note: 'a set-up function',
    },
    {
      code: 'let ready = false;\n(async () => {\n  await warmUp();\n  ready = true;\n})();\n',
      note: 'a module-level IIFE runs once',
    },
    {
      code: 'let user;\nexport async function f() {\n  const user = await load();\n  return user;\n}\nexport async function g(u) {\n  let user;\n  user = u;\n  return user;\n}\n',
      note: 'shadowed by a local',
    },
  ],
});
