import detector from '../../../detectors/typescript/missing-timeout.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'export async function getUser(id: string) {\n  const res = await fetch(`https://api.example.com/users/${id}`);\n  return res.json();\n}\n',
      line: 2,
      message: '`fetch(...)` has no timeout',
      fix: '  const res = await fetch(`https://api.example.com/users/${id}`, { signal: AbortSignal.timeout(10_000) });',
    },
    {
      code: "export async function post(url: string, body: string) {\n  return fetch(url, { method: 'POST', body });\n}\n",
      line: 2,
      fix: "  return fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });",
    },
    {
      code: "import axios from 'axios';\nexport async function rates() {\n  const { data } = await axios.get('https://rates.example.com/latest');\n  return data;\n}\n",
      line: 3,
      message: '`axios.get(...)`',
      fix: "  const { data } = await axios.get('https://rates.example.com/latest', { timeout: 10_000 });",
    },
    {
      code: "const axios = require('axios');\nasync function notify(hook, payload) {\n  await axios.post(hook, payload);\n}\n",
      line: 3,
      fix: '  await axios.post(hook, payload, { timeout: 10_000 });',
    },
    {
      code: "import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api.example.com' });\n",
      line: 2,
      message: 'makes a client with no timeout',
      fix: "export const api = axios.create({ baseURL: 'https://api.example.com', timeout: 10_000 });",
    },
    {
      code: "import got from 'got';\nexport async function load(url: string) {\n  return got(url).json();\n}\n",
      line: 3,
      fix: '  return got(url, { timeout: { request: 10_000 } }).json();',
    },
    {
      code: "import https from 'node:https';\nexport function ping(host: string) {\n  https.get(`https://${host}/health`, (res) => res.resume());\n}\n",
      line: 3,
      message: '`https.get(...)`',
    },
    {
      code: "const http = require('http');\nfunction call(path, cb) {\n  const req = http.request({ host: 'localhost', port: 8080, path }, cb);\n  req.end();\n}\n",
      line: 3,
    },
    {
      code: "import fetch from 'node-fetch';\nexport async function load() {\n  const options = { headers: { accept: 'application/json' } };\n  return fetch('https://example.com/data', options);\n}\n",
      line: 4,
    },
    {
      code: "export async function load(url: string, headers: Headers) {\n  const res = await globalThis.fetch(url, {\n    method: 'GET',\n    headers\n  });\n}\n",
      line: 2,
      fix: '    headers, signal: AbortSignal.timeout(10_000)',
    },
    {
      code: "const fetch = require('node-fetch');\nmodule.exports = async (req, res) => {\n  const file = await fetch(req.body.file_url);\n  const name = req.body.file_url.split('/').pop() || 'document.pdf';\n  res.json({ name });\n};\n",
      line: 3,
      note: "'document.pdf' in a string is not browser code",
    },
  ],
  ignores: [
    'export async function getUser(id: string) {\n  const res = await fetch(`/api/users/${id}`, { signal: AbortSignal.timeout(5000) });\n  return res.json();\n}\n',
    "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://api.example.com', timeout: 10_000 });\nexport const rates = () => api.get('/rates');\n",
    { code: 'export async function send(url: string, init: RequestInit) {\n  return fetch(url, init);\n}\n', note: 'options from the caller: unknown' },
    { code: 'export async function send(url: string, init: RequestInit) {\n  return fetch(url, { ...init, method: "POST" });\n}\n', note: 'a spread may carry the signal' },
    "import axios from 'axios';\naxios.defaults.timeout = 5000;\nexport const rates = () => axios.get('https://rates.example.com');\n",
    { code: 'export async function load(url: string) {\n  return Promise.race([fetch(url), sleep(5000).then(() => { throw new Error("timeout"); })]);\n}\n', note: 'raced against a timer' },
    { code: "import pTimeout from 'p-timeout';\nexport const load = (url: string) => pTimeout(fetch(url), { milliseconds: 5000 });\n", note: 'a timeout wrapper' },
    { code: "import https from 'node:https';\nexport function ping(url: string) {\n  const req = https.get(url, (res) => res.resume());\n  req.setTimeout(5000, () => req.destroy());\n}\n", note: 'timeout set on the request' },
    { code: "import https from 'node:https';\nexport function ping(url: string) {\n  https.get(url, { timeout: 3000 }, (res) => res.resume());\n}\n" },
    { code: 'export function load(fetch: (u: string) => Promise<Response>) {\n  return fetch("/data");\n}\n', note: 'a parameter named fetch is not the global' },
    { code: 'export async function load(request: Request) {\n  return fetch(request);\n}\n', note: 'a Request carries its own signal' },
    { code: "import { get } from './api';\nexport const load = () => get('/users');\n", note: 'a local client' },
    { code: "it('loads', async () => {\n  const res = await fetch('http://localhost:3000/health');\n  expect(res.ok).toBe(true);\n});\n", path: 'src/server.test.ts', note: 'test files' },
    { code: "export function Profile({ id }: { id: string }) {\n  useEffect(() => {\n    fetch(`/api/users/${id}`).then(setUser);\n  }, [id]);\n  return null;\n}\n", path: 'src/Profile.tsx', note: 'browser code' },
    { code: "export async function load() {\n  const res = await fetch('/api/me');\n  document.title = (await res.json()).name;\n}\n", note: 'browser code' },
    { code: "export async function loadWasm(url: string) {\n  if (typeof window === 'object') {\n    const res = await fetch(url);\n    return res.arrayBuffer();\n  }\n  return readLocal(url);\n}\n", note: 'isomorphic loader, browser branch (seen in web-tree-sitter)' },
    { code: "import axios from 'axios';\nexport async function wishlist(config: object) {\n  const { data } = await axios.get('/api/users/wishlist', config);\n  return data;\n}\n", note: 'a relative URL: browser code' },
    { code: "import { createAsyncThunk } from '@reduxjs/toolkit';\nimport axios from 'axios';\nexport const fetchProducts = createAsyncThunk('product/fetch', async () => {\n  const response = await axios.get('https://fakestoreapi.com/products');\n  return response.data;\n});\n", note: 'a front-end state library' },
    { code: "import got from 'got';\nexport const load = (url: string) => got(url, { timeout: { request: 5000 } });\n" },
    { code: "export function load(url: string, controller: AbortController) {\n  return fetch(url, { signal: controller.signal });\n}\n" },
  ],
});
