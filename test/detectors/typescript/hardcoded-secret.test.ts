import detector from '../../../detectors/typescript/hardcoded-secret.js';
import { describeDetector } from '../../helpers/detector-cases.js';

// Key-shaped values are assembled from pieces so that this test file holds none itself.
const GITHUB = 'ghp_' + 'R2d7Kq9Lm4Vx8Tz1Pw6Yb3Nc5Hj0Fs2Ga9Ue';
const AWS_ID = 'AKIA' + 'Q3EGRT5LNB7XW2PZ';
const SLACK = 'xoxb-' + '2814736519-7Hq2Lk9Vw3XpZ8Rt';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const GOOGLE = 'AIza' + 'SyD9x8Kq2Lm4Vw7Tz1Pb6Yc3Nh5Jf0Gs2Rt';
const OPENAI = 'sk-' + 'proj-' + 'Xq9Lm4Vx8Tz1Pw6Yb3Nc5Hj0Fs2Ga9UeR2d7Kq';
const PEM_HEAD = '-----BEGIN RSA ' + 'PRIVATE KEY-----';
const PEM_BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0';

describeDetector(detector, {
  flags: [
    { code: "const dbPassword = 'Tr0ub4dor&3x!';\n", line: 1, message: '`dbPassword` is set to a hardcoded credential' },
    { code: "export const config = {\n  port: 8080,\n  clientSecret: 'd41d8cd98f00b204e9800998ecf8427e',\n};\n", line: 3, message: '`clientSecret`' },
    { code: "class Api {\n  private readonly apiKey = 'a8f5f167f44f4964e6c998dee827110c';\n}\n", line: 2, message: '`apiKey`' },
    { code: "export function connect(user: string, password = 'S3cure!Passw0rd') {\n  return open(user, password);\n}\n", line: 1 },
    { code: "config.jwt_secret = 'f9Kd82jLw0qZ7xVb';\n", line: 1, message: '`jwt_secret`' },
    { code: `await octokit.auth('${GITHUB}');\n`, line: 1, message: 'This string literal holds what looks like a GitHub token' },
    {
      code: `const creds = {\n  accessKeyId: '${AWS_ID}',\n  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY2'.slice(0),\n  SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYz9q8w7e6r5',\n};\n`,
      line: [2, 4],
      note: 'a method call on the literal is not a binding; the example-marked value is not reported',
    },
    { code: `const key = \`${PEM_HEAD}\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\`;\n`, line: 1, message: 'a private key block (value masked)' },
    { code: `export const slack = new WebClient('${SLACK}');\n`, line: 1, message: 'a Slack token' },
    { code: "const DATABASE_URL = 'postgres://app:Zx9!kq2Lm@db.internal:5432/app';\n", line: 1, message: 'embedded password' },
    { code: "const headers = {\n  Authorization: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0',\n};\n", line: 2, message: '`Authorization`' },
    { code: 'export const App = () => <Widget authToken="q8Zp2Lk9Vw3X" />;\n', line: 1, path: 'app.tsx', message: '`authToken`' },
    { code: `const stripe = new Stripe('${STRIPE}');\nconst maps = { key: '${GOOGLE}' };\nconst ai = new OpenAI({ apiKey: '${OPENAI}' });\n`, line: [1, 2, 3] },
  ],
  ignores: [
    'const dbPassword = process.env.DB_PASSWORD;\nconst apiKey = process.env.API_KEY ?? "";\n',
    "const a = { password: 'changeme', apiKey: 'your-api-key', token: '<token>', secret: '${API_SECRET}', pwd: '********', authToken: 'xxxxxxxxxxxx' };\n",
    "const user = { name: 'bob', password: 'abc' };\n",
    "const headers = { tokenType: 'Bearer', passwordField: 'password', secret: 'secret' };\n",
    "const cfg = { tokenUrl: 'https://auth.example.com/oauth/token', secretName: 'prod/db/password', passwordPolicy: 'min-length-12', passwordHash: 'password_hash' };\n",
    { code: "const password = 'Sup3rS3cret!';\nlogin('admin', password);\n", path: 'test/login.test.ts', note: 'test fixtures use fake credentials' },
    { code: "const password = 'Sup3rS3cret!';\n", path: 'src/auth/__tests__/login.ts' },
    "const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };\n",
    "const token = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\n",
    "export function isPem(text: string) {\n  return text.startsWith('-----BEGIN RSA PRIVATE KEY-----');\n}\n",
    "const TOKEN_ENV = 'GITHUB_TOKEN';\nconst ACCESS_TOKEN = 'access_token';\nconst AUTH_HEADER = 'Authorization';\n",
    "const a = 'https://api.example.com/v1/users';\nconst b = 'postgres://user:password@localhost/db';\nconst c = 'postgres://postgres:postgres@localhost:5432/app';\n",
    "const labels = { password: 'Mot de passe', passwordRequired: 'Password is required', token: 'Invalid token' };\n",
    "const req = { pageToken: 'CAUQAA8xYz', nextToken: 'eyJvZmZzZXQiOjEwfQ', csrfToken: 'a9F3k2L0q8Zx' };\n",
    "const fakeToken = 'abc123def456ghi';\nconst mockApiKey = 'k3y-for-tests-9';\n",
    "const spinner = 'sk-fading-circle-spinner-container-wrapper';\nconst cacheKey = 'users:list:v2:9f8e7d6c';\n",
    "fetch(url, { credentials: 'same-origin' });\nconst seed = { email: 'a@b.co', passwordHash: '$2b$10$N9qo8uLOickgx2ZMRZoMye' };\nconst user = { password: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy' };\n",
    { code: "logger.info({ req: { headers: { authorization: '[Filtered]' } } });\nconst out = { password: '**REDACTED**' };\n", note: 'redaction markers (seen in @probot/pino example)' },
    { code: "const user = { name: 'john', password: 'secret123' };\n", path: 'benchmarks/basic.js', note: 'benchmark fixture (seen in @pinojs/redact)' },
    { code: `const PRIVATE_KEY = \`${PEM_HEAD}\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----\`;\n`, path: 'test/jwt.test.js', note: 'generated test keys (seen in universal-github-app-jwt)' },
    { code: `const slack = new WebClient('${SLACK}');\n`, path: 'test/detectors/slack.test.ts', note: 'random-looking fake tokens in tests (seen in this repository)' },
    { code: `const firebaseConfig = {\n  apiKey: '${GOOGLE}',\n  authDomain: 'app.firebaseapp.com',\n  projectId: 'app',\n};\n`, note: 'a Firebase web apiKey is public by design' },
    "const i18n = { password: 'Contraseña', passwordLabel: 'Passwort:', token: 'ERR_TOKEN_401', secret: 'パスワード' };\n",
    "const selectors = { password: '#password', passwordInput: 'input[name=password]', auth: '[data-test=auth]' };\n",
    "const stripe = { publishableKey: 'pk_live_51HxQ2LmVx8Tz1Pw6Yb3Nc5', apiKey: 'pk_test_TYooMQauvdEDq54NiTphI7jx' };\n",
    { code: "app.use(session({ secret: 'keyboard cat', resave: false }));\n", note: 'a phrase with spaces is left alone (ambiguous with labels)' },
    "const keyPath = { privateKey: './certs/server.key', clientSecret: '/run/secrets/client' };\n",
    {
      code: "const hints = { credential: 'credentials(action=\"list\")', mcp: { credential: 'list_credentials()' } };\n",
      note: 'tool-call text for a model, not a credential (seen in n8n)',
    },
    { code: "exports.PREFIX_LEGACY_API_KEY = 'n8n_api_';\nconst TOKEN_SUFFIX = '_tkn2024';\n", note: 'the prefix of a key format (seen in n8n)' },
  ],
});
