import detector from '../../../detectors/typescript/tls-verification-disabled.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "const agent = new https.Agent({ rejectUnauthorized: false });\n",
      line: 1,
      message: '`rejectUnauthorized: false`',
      fix: 'const agent = new https.Agent({});',
    },
    {
      code: 'const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: { rejectUnauthorized: false },\n});\n',
      line: 3,
      fix: '  ssl: {},',
    },
    {
      code: "https.get(url, {\n  headers,\n  rejectUnauthorized: false,\n  timeout: 5000,\n}, onResponse);\n",
      line: 3,
      fix: '',
    },
    {
      code: "const socket = tls.connect(443, host, { servername: host, rejectUnauthorized: false });\n",
      line: 1,
      fix: 'const socket = tls.connect(443, host, { servername: host });',
    },
    {
      code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nexport const client = createClient();\n",
      line: 1,
      message: 'every connection',
      fix: '',
    },
    { code: "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;\n", line: 1 },
    { code: 'https.globalAgent.options.rejectUnauthorized = false;\n', line: 1, message: '`https.globalAgent.options.rejectUnauthorized = false`' },
    { code: "request({ url, strictSSL: false }, callback);\n", line: 1, message: '`strictSSL: false`', fix: 'request({ url }, callback);' },
    { code: 'const client = new Client({ ssl: { rejectUnauthorized: !1 } });\n', line: 1 },
    {
      code: "spawn('node', ['worker.js'], { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } });\n",
      line: 1,
      message: 'child process',
    },
    { code: 'const options = { host, checkServerIdentity: () => undefined };\n', line: 1, message: '`checkServerIdentity`' },
    {
      code: "const agent = new https.Agent({\n  // self-signed in staging\n  rejectUnauthorized: false, // TODO\n});\n",
      line: 3,
      note: 'no fix when it would delete a comment',
    },
  ],
  ignores: [
    {
      code: "function sslFromEnv() {\n  switch (process.env.PGSSLMODE) {\n    case 'no-verify':\n      return { rejectUnauthorized: false };\n  }\n  return true;\n}\n",
      note: 'pg: a library carrying out sslmode=no-verify',
    },
    "if (this.ssl === 'no-verify') {\n  this.ssl = { rejectUnauthorized: false };\n}\n",
    "const agent = new https.Agent(argv.insecure ? { rejectUnauthorized: false } : {});\n",
    "const agent = new https.Agent({ ca: fs.readFileSync('ca.pem') });\n",
    'const agent = new https.Agent({ rejectUnauthorized: true });\n',
    { code: 'const agent = new https.Agent({ rejectUnauthorized: !config.allowSelfSigned });\n', note: 'a configured switch' },
    { code: "const ssl = { rejectUnauthorized: process.env.PGSSLMODE !== 'no-verify' };\n", note: 'computed from configuration' },
    'if (options.rejectUnauthorized === false) warnInsecure();\n',
    'interface TlsOptions {\n  rejectUnauthorized?: boolean;\n}\n',
    "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\n",
    'const insecure = process.env.NODE_TLS_REJECT_UNAUTHORIZED === \'0\';\n',
    'delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;\n',
    { code: 'const options = { checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) };\n', note: 'delegates to the real check' },
    { code: "const agent = new https.Agent({ rejectUnauthorized: false });\n", path: 'test/server.test.ts', note: 'self-signed test fixtures' },
    { code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n", path: 'src/__tests__/setup.ts' },
  ],
});
