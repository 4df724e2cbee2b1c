import detector from '../../../detectors/typescript/insecure-randomness.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'export function createResetToken() {\n  return Math.random().toString(36).slice(2);\n}\n', line: 2, message: 'the value returned by `createResetToken`' },
    {
      code: "export function generatePassword(length = 12) {\n  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';\n  let result = '';\n  for (let i = 0; i < length; i++) result += chars.charAt(Math.floor(Math.random() * chars.length));\n  return result;\n}\n",
      line: 4,
      message: '`result` in `generatePassword`',
    },
    { code: 'const session = { userId, sessionToken: Math.random().toString(36).substring(2) };\n', line: 1, message: '`sessionToken`' },
    { code: 'const apiKey = `key_${Math.random().toString(16).slice(2)}`;\nawait db.insert({ apiKey });\n', line: 1, message: '`apiKey`' },
    { code: 'user.verificationCode = Math.floor(100000 + Math.random() * 900000);\n', line: 1, message: '`verificationCode`' },
    { code: 'export function hashPassword(password: string) {\n  const salt = btoa(String(Math.random()));\n  return sha256(password + salt) + salt;\n}\n', line: 2, message: '`salt`' },
    {
      code: "const makeCsrfToken = () => Array.from({ length: 32 }, () => HEX[Math.floor(Math.random() * 16)]).join('');\n",
      line: 1,
      note: 'an arrow callback inside the generator',
    },
    {
      code: 'class Auth {\n  private salt = Math.random().toString(36);\n}\n',
      line: 2,
      message: '`salt`',
    },
    {
      code: "function newSecret() {\n  const parts: string[] = [];\n  for (let i = 0; i < 4; i++) parts.push(Math.random().toString(36).slice(2));\n  return parts.join('');\n}\n",
      line: 3,
    },
    { code: "const otp = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');\nawait sms.send(phone, `Your code: ${otp}`);\n", line: 1, message: '`otp`' },
    {
      code: 'export function authorizeUrl(options: Options) {\n  return buildUrl({ clientId: options.clientId, scopes: [], state: options.state || Math.random().toString(36).substr(2) });\n}\n',
      line: 2,
      message: 'OAuth `state`',
      note: 'seen in @octokit/oauth-authorization-url',
    },
  ],
  ignores: [
    { code: "const sessionId = Math.random().toString(36).substring(2, 15);\nsessionStorage.setItem('analytics_session', sessionId);\n", note: 'analytics sessions: not flagged, seen on real code' },
    { code: "function temporaryPathFor(file: string) {\n  const nonce = Math.random().toString(16).slice(2);\n  return `${file}.${nonce}.tmp`;\n}\n", note: 'a temp-file nonce, seen on real code' },
    { code: "const apiKey = Math.random().toString(36).substring(7);\nconsole.log('Generated random API Key:', apiKey);\n", note: 'only logged, seen on real code' },
    { code: 'const token = Math.random() > 0.54 ? fragment : vocabulary[Math.floor(Math.random() * vocabulary.length)];\n', note: 'a word picked at random (NLP token), seen on real code' },
    { code: 'this.randomToken = Math.random() * 1000;\n', note: 'a raw float: a cache buster, seen on real code' },
    { code: 'this.setState({ state: Math.random() > 0.5 ? "on" : "off" });\n', note: 'UI state, no OAuth request' },
    'const delay = base * 2 ** attempt + Math.random() * 100;\n',
    'const shuffled = items.sort(() => Math.random() - 0.5);\n',
    { code: 'const id = `item-${Math.random().toString(36).slice(2)}`;\n', note: 'a DOM/list id, not a secret' },
    'setTimeout(retry, Math.random() * 1000);\n',
    { code: 'const sessionTimeout = 30_000 + Math.random() * 5_000;\n', note: 'jitter on a session-related name' },
    { code: 'const tokenIndex = Math.floor(Math.random() * tokens.length);\n', note: 'an index' },
    'const color = `hsl(${Math.random() * 360}, 70%, 50%)`;\n',
    { code: 'export function generateToken() {\n  const jitter = Math.random() * 50;\n  return crypto.randomBytes(32).toString(\'hex\');\n}\n', note: 'jitter inside a token function' },
    { code: 'export function generateToken() {\n  items.sort(() => Math.random() - 0.5);\n  return crypto.randomUUID();\n}\n', note: 'the callback returns to sort' },
    { code: "const token = crypto.randomBytes(32).toString('hex');\n", note: 'cryptographic' },
    { code: 'const passwordLength = 12 + Math.floor(Math.random() * 4);\n', note: 'a length' },
    { code: 'const token = Math.random().toString(36).slice(2);\n', path: 'src/__tests__/auth.test.ts', note: 'test data' },
    { code: 'const Math = { random: () => 4 };\nconst token = Math.random();\n', note: 'not the global Math' },
    { code: 'if (Math.random() < sampleRate) trace(token);\n', note: 'sampling' },
  ],
});
