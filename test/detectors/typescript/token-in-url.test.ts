import detector from '../../../detectors/typescript/token-in-url.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'export function connect(accessToken: string) {\n  return new WebSocket(`${WS_URL}/stream?access_token=${accessToken}`);\n}\n',
      line: 2,
      message: '`accessToken` is put into the URL query as `access_token=`',
    },
    { code: "app.get('/api/me', (req, res) => {\n  const user = verifyJwt(req.query.token);\n  res.json(user);\n});\n", line: 2, message: '`req.query.token` reads `token`' },
    { code: "export function avatarUrl(user: User, session: Session) {\n  return BASE + '/avatar/' + user.id + '?jwt=' + session.jwt;\n}\n", line: 2, message: '`jwt=`' },
    { code: 'export async function me(token: string) {\n  const url = new URL(`${API}/me`);\n  url.searchParams.set(\'access_token\', token);\n  return fetch(url);\n}\n', line: 3 },
    { code: "export function list(token: string) {\n  return axios.get('/api/items', { params: { auth: token, limit: 20 } });\n}\n", line: 2, message: '`auth=`' },
    { code: "router.get('/export', async (ctx) => {\n  const { access_token: accessToken } = ctx.query;\n  ctx.body = await exportFor(accessToken);\n});\n", line: 2, message: 'Destructuring `ctx.query`' },
    { code: "export const handler = async (event) => {\n  const token = event.queryStringParameters['id_token'];\n  return authorize(token);\n};\n", line: 2 },
    { code: "function streamUrl(id: string, authToken: string) {\n  return `${HOST}/streams/${id}/play.m3u8?quality=hd&auth_token=${encodeURIComponent(authToken)}`;\n}\n", line: 2 },
    { code: "export function login(user: string, password: string) {\n  return fetch(`/api/login?user=${user}&password=${password}`);\n}\n", line: 2, message: '`password=`' },
    { code: "export function events(client: ApiClient, token: string) {\n  return client.get('/events', { params: { access_token: token } });\n}\n", line: 2 },
    {
      code: "export async function load() {\n  const token = localStorage.getItem('Token');\n  return axiosClient.get(`/get_items?token=${token}`, {});\n}\n",
      line: 3,
      message: '`token=`',
      note: 'a session token sent to the API in the query, seen on real code',
    },
    { code: 'export async function items(token: string) {\n  const url = `${API}/items?auth=${token}`;\n  const res = await fetch(url);\n  return res.json();\n}\n', line: 2 },
    {
      code: "export function auth(req, res, next) {\n  const token = req.headers.authorization?.split(' ')[1] || req.query.token;\n  next();\n}\n",
      line: 2,
      message: '`req.query.token`',
    },
    {
      code: "function extractToken(req) {\n  const auth = req.headers.authorization || '';\n  if (auth.startsWith('Bearer ')) return auth.slice(7).trim();\n  return (req.query.token || '').trim();\n}\n",
      line: 4,
      note: 'a query fallback of the bearer header, seen on real code',
    },
    {
      code: "export function Attachment({ name }: Props) {\n  return <a href={`${fileServer()}/files/${name}?access_token=${localStorage.getItem('token')}`}>{name}</a>;\n}\n",
      line: 2,
      path: 'src/Attachment.tsx',
    },
    {
      code: "export class Feed extends Component {\n  load() {\n    return fetch(`/api/feed?token=${this.state.token}`);\n  }\n}\n",
      line: 3,
      note: 'a token kept in component state',
    },
    {
      code: "export function withToken(url: string, token: string) {\n  url += '&access_token=' + token;\n  return request(config.host, url + '&password=' + token);\n}\n",
      line: [2, 3],
      note: 'a parameter appended to a URL; a configured host is not a fixed third party',
    },
  ],
  ignores: [
    { code: 'export function more(data: Page) {\n  return fetch(`${API}/items?token=${encodeURIComponent(data.nextPageToken)}`);\n}\n', note: 'a pagination token' },
    {
      code: 'export async function notify(data: Data) {\n  const cancelUrl = `${APP_URL}/api/v1/appointments/cancel?token=${data.cancelToken}`;\n  await transporter.sendMail({ to: data.to, html: `<a href="${cancelUrl}">Cancel</a>` });\n}\n',
      note: 'an e-mailed one-time link, seen on real code',
    },
    { code: 'export function approvalLink(token: string) {\n  return `https://www.example.com/aprobarrechazar?token=${encodeURIComponent(token)}`;\n}\n', note: 'a link, not a request' },
    { code: "app.get('/confirmar', async (req, res) => {\n  const record = await findByToken(req.query.token);\n  res.render('ok', { record });\n});\n", note: 'a generic token read not used as a bearer credential' },
    "export function connect(accessToken: string) {\n  return fetch('https://api.example.com/me', { headers: { Authorization: `Bearer ${accessToken}` } });\n}\n",
    { code: 'export function resetLink(token: string) {\n  return `${APP_URL}/reset-password?token=${token}`;\n}\n', note: 'one-time link' },
    { code: 'export async function sendVerification(user: User, token: string) {\n  await mail.send(user.email, `${BASE}/verify?token=${token}`);\n}\n', note: 'e-mail verification link' },
    { code: 'export function nextPage(pageToken: string) {\n  return fetch(`${BASE}/items?token=${pageToken}`);\n}\n', note: 'pagination token' },
    { code: 'export function places(key: string, q: string) {\n  return fetch(`https://maps.example.com/search?q=${q}&key=${key}`);\n}\n', note: 'an API key required by a third-party API' },
    { code: "const url = `${BASE}/login?token_type=bearer&grant=${grant}`;\n", note: 'not a credential parameter' },
    { code: "const url = 'https://example.com/cb?token=static-demo';\n", note: 'constant (hardcoded-secret decides)' },
    { code: "app.post('/api/me', (req, res) => {\n  const user = verifyJwt(req.headers.authorization);\n  res.json(user);\n});\n" },
    { code: "app.get('/auth/reset', (req, res) => {\n  const record = findReset(req.query.token);\n  res.render('reset', { record });\n});\n", note: 'the landing page of a reset link' },
    { code: "const body = new URLSearchParams({ client_secret: secret, grant_type: 'client_credentials' });\n", note: 'a form body, not a URL' },
    { code: "export function q(sort: string) {\n  return db.query({ text: 'select 1', params: { password: sort } });\n}\n", note: 'not an HTTP client' },
    { code: 'export function connect(token: string) {\n  return new WebSocket(`${WS}/ws?token=${token}`);\n}\n', path: 'src/__tests__/ws.test.ts' },
    { code: 'export async function pageAccounts(token: string) {\n  return fetch(`https://graph.facebook.com/v20.0/me/accounts?access_token=${token}`);\n}\n', note: 'a third-party API that defines the parameter, seen on real code' },
    { code: '<TileLayer url={`https://api.mapbox.com/styles/v1/mapbox/streets-v11/tiles/{z}/{x}/{y}?access_token=${process.env.REACT_APP_MAPBOX_TOKEN}`} />\n', path: 'src/Map.tsx', note: 'a public Mapbox token' },
    {
      code: "const graphRequest = (path) => null;\nfunction graph(path) {\n  return https.get('https://graph.example.com/' + path);\n}\nexport function me(t) {\n  return graph('me?fields=id&access_token=' + t);\n}\nexport function vk(t) {\n  return request('api.example.com', `method/users.get?access_token=${t}`);\n}\nexport function ig(accessToken) {\n  const apiURL = 'https://graph.example.net/';\n  return fetch(`${apiURL}me?fields=id&access_token=${accessToken}`);\n}\n",
      note: 'a fixed third-party host named through a helper, an argument or a constant (seen in parse-server)',
    },
    {
      code: "export function relay(port, cookie) {\n  const url = protocol + '://localhost:' + port + '/relay.ashx?auth=' + cookie + '&access_token=' + cookie;\n  return new WebSocket(url);\n}\n",
      note: 'a URL on this machine (seen in meshcentral)',
    },
    {
      code: "const body = Buffer.from('login=' + encodeURIComponent(user) + '&password=' + encodeURIComponent(password));\nurl.searchParams.set('access_token', REDACTED_TEXT);\n",
      note: 'a form body, and a redaction (seen in meshcentral and directus)',
    },
  ],
});
