import detector from '../../../detectors/typescript/permissive-cors.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: "app.use(cors({ origin: true, credentials: true }));\n", line: 1, message: '`origin: true` approves every site' },
    {
      code: "app.use(\n  cors({\n    credentials: true,\n    origin: (origin, callback) => callback(null, true),\n  }),\n);\n",
      line: 4,
      message: 'approves every site',
    },
    {
      code: "app.use(cors({\n  origin(origin, cb) {\n    cb(null, origin);\n  },\n  credentials: true,\n}));\n",
      line: 2,
    },
    { code: "app.use(cors({ origin: '*', credentials: true }));\n", line: 1, message: 'browsers refuse the combination' },
    { code: "app.enableCors({ credentials: true });\n", line: 1, message: 'the default origin `*`' },
    {
      code: "const io = new Server(httpServer, {\n  cors: { origin: true, credentials: true },\n});\n",
      line: 2,
    },
    { code: "await fastify.register(fastifyCors, { origin: true, credentials: true });\n", line: 1 },
    {
      code: "app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n",
      line: 2,
      message: "echoes the request's own Origin (`req.headers.origin`)",
    },
    {
      code: "export function allowAll(req: Request, res: Response) {\n  const origin = req.get('Origin');\n  res.set('Access-Control-Allow-Credentials', 'true');\n  res.set('Access-Control-Allow-Origin', origin || '*');\n}\n",
      line: 4,
    },
    {
      code: "export function handler(req, res) {\n  res.writeHead(200, {\n    'Access-Control-Allow-Origin': req.headers['origin'],\n    'Access-Control-Allow-Credentials': true,\n  });\n}\n",
      line: 3,
    },
    {
      code: "function corsHeaders(res) {\n  res.header('Access-Control-Allow-Origin', '*');\n  res.header('Access-Control-Allow-Credentials', 'true');\n}\n",
      line: 2,
      message: 'is `*`',
    },
    {
      code: "app.use((req, res, next) => {\n  if (req.headers.origin) {\n    res.setHeader('access-control-allow-origin', req.headers.origin);\n    res.setHeader('access-control-allow-credentials', 'true');\n  }\n  next();\n});\n",
      line: 3,
      note: 'a presence test is not a check, seen on real code',
    },
  ],
  ignores: [
    {
      code: "app.use('/uploads', (req, res, next) => {\n  if (!req.headers.origin || req.headers.origin.startsWith('http://localhost:')) {\n    res.header('Access-Control-Allow-Origin', req.headers.origin || '*');\n  }\n  res.header('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n",
      note: 'echoed only for localhost, seen on real code',
    },
    "app.use(cors({ origin: ['https://a.example'], credentials: true }));\n",
    { code: 'app.use(cors());\n', note: 'a public API: wildcard without credentials' },
    { code: "app.use(cors({ origin: true }));\n", note: 'reflected without credentials reads only public responses' },
    { code: "const io = new Server(httpServer, { cors: { origin: '*' } });\n", note: 'no credentials' },
    "app.use(cors({ origin: process.env.WEB_ORIGIN, credentials: true }));\n",
    "app.use(cors({\n  origin: (origin, cb) => cb(null, ALLOWED.includes(origin)),\n  credentials: true,\n}));\n",
    "app.use(cors({ ...corsDefaults, credentials: true }));\n",
    "app.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (ALLOWED.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n",
    "app.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (!isAllowedOrigin(origin)) return next();\n  res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n",
    { code: "app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  next();\n});\n", note: 'no credentials' },
    "res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');\nres.setHeader('Access-Control-Allow-Credentials', 'true');\n",
    { code: "const headers = { 'Access-Control-Allow-Origin': '*' };\n", note: 'public resource' },
    { code: "const options = { origin: true, credentials: true };\n", note: 'not known to be CORS options' },
  ],
});
