import { ts } from 'ts-morph';
import type { TsFile } from '../define.js';
import { defineTsDetector } from '../define.js';
import type { Fix } from '../../src/types.js';
import { resolveBinding } from './shared/bindings.js';
import { unwrap } from './shared/constant-text.js';
import { isTestFile } from './shared/file-role.js';
import { type HttpCall, type HttpClient, httpCall } from './shared/http-clients.js';
import { importsOf } from './shared/imports.js';
import { propertyNameText } from './shared/object-literal.js';

type Verdict = 'has' | 'missing' | 'unknown';

/** Option names that bound a request's time, per client. */
const TIME_KEYS: Record<HttpClient, ReadonlySet<string>> = {
  fetch: new Set(['signal', 'timeout']),
  axios: new Set(['timeout', 'signal', 'cancelToken']),
  got: new Set(['timeout', 'signal']),
  http: new Set(['timeout', 'signal']),
};
/** What each client's fix adds. */
const FIX_PROPERTY: Partial<Record<HttpClient, string>> = {
  fetch: 'signal: AbortSignal.timeout(10_000)',
  axios: 'timeout: 10_000',
  got: 'timeout: { request: 10_000 }',
};
/** Wrappers that bound the time themselves: `Promise.race([...])`, `pTimeout(...)`, `withTimeout(...)`. */
const TIME_WRAPPER = /(^|\.)race$|timeout|deadline/i;

/** Whether the options expression sets a timeout or signal; object spreads and unresolved names are unknown. */
function optionsVerdict(expr: ts.Expression | undefined, keys: ReadonlySet<string>, depth = 0): Verdict {
  if (!expr) return 'missing';
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) {
    let spread = false;
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) spread = true;
      else if (keys.has(propertyNameText(p.name) ?? '')) return 'has';
    }
    return spread ? 'unknown' : 'missing';
  }
  if (ts.isIdentifier(e) && depth === 0) {
    const binding = resolveBinding(e);
    if (binding && (binding.kind === 'const' || binding.kind === 'let') && !binding.destructured && binding.initializer) {
      return optionsVerdict(binding.initializer, keys, depth + 1);
    }
  }
  return 'unknown';
}

/** True when the call's value is raced against a timer or handed to a timeout wrapper within its statement. */
function wrappedInTimeout(call: ts.CallExpression): boolean {
  for (let a: ts.Node = call.parent; a && !ts.isStatement(a) && !ts.isFunctionLike(a); a = a.parent) {
    if (ts.isCallExpression(a) && a.expression !== call && TIME_WRAPPER.test(unwrap(a.expression).getText())) return true;
  }
  return false;
}

/** The URL-or-options arguments of `http.request(url?, options?, cb?)`, callbacks excluded. */
function nodeHttpVerdict(call: ts.CallExpression, keys: ReadonlySet<string>): Verdict {
  let verdict: Verdict = 'missing';
  // `request(options, cb)`: after an options literal comes the callback.
  const first = call.arguments[0];
  const count = first && ts.isObjectLiteralExpression(unwrap(first)) ? 1 : 2;
  for (const arg of call.arguments.slice(0, count)) {
    const e = unwrap(arg);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) continue;
    const v = optionsVerdict(e, keys);
    if (v === 'has') return 'has';
    if (v === 'unknown' && !(ts.isNewExpression(e) && e.expression.getText() === 'URL')) verdict = 'unknown';
  }
  return verdict;
}

/** `fetch(request)` with a `Request` object carries its own signal: unknown. */
function fetchOfRequest(call: ts.CallExpression): boolean {
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!first) return true;
  if (ts.isNewExpression(first)) return first.expression.getText() === 'Request';
  const name = ts.isIdentifier(first) ? first.text : ts.isPropertyAccessExpression(first) ? first.name.text : '';
  return /^req(uest)?$/i.test(name) || /Request$/.test(name);
}

/** Front-end frameworks and state libraries: a file importing them runs in a browser. */
const BROWSER_IMPORT = /^(react|react-dom|react-redux|@reduxjs\/toolkit|vue|svelte|@angular\/core|@tanstack\/(react|vue)-query|swr)(\/|$)/;
/** Signs of browser code in the text (not inside a name or a string such as `'document.pdf'`): `window.`, `document.`, `typeof window`, a `'use client'` directive, React hooks. */
const BROWSER_TEXT = /(?<![\w'"`/.-])(window|document|localStorage)\.\w|\btypeof (window|document)\b|^\s*['"]use client['"]|\buse(State|Effect)\(/m;

/** Browser code: JSX, a front-end import, or browser globals. The rule is about servers holding resources. */
function isBrowserFile(file: TsFile): boolean {
  return file.memo('missing-timeout/browser', () => {
    if (/\.[jt]sx$/i.test(file.path) || BROWSER_TEXT.test(file.text)) return true;
    return importsOf(file).imports.some((i) => BROWSER_IMPORT.test(i.specifier));
  });
}

/** `fetch('/api/users')`, `axios.get(`/api/${id}`)`: a path relative to the page's origin, so browser code. */
function relativeUrl(http: HttpCall): boolean {
  const first = http.call.arguments[0];
  if (!first) return false;
  const e = unwrap(first);
  const head = ts.isStringLiteralLike(e) ? e.text : ts.isTemplateExpression(e) ? e.head.text : undefined;
  return head !== undefined && head.startsWith('/') && !head.startsWith('//');
}

/** Whether the request `http` sets a timeout or signal. */
function verdictOf(http: HttpCall): Verdict {
  const { call, client } = http;
  if (call.arguments.some((a) => ts.isSpreadElement(a))) return 'unknown';
  if (client === 'http') return nodeHttpVerdict(call, TIME_KEYS.http);
  if (client === 'fetch' && call.arguments.length < 2 && fetchOfRequest(call)) return 'unknown';
  return optionsVerdict(call.arguments[http.optionsIndex], TIME_KEYS[client]);
}

/** Replaces line `pos` lies on with `insert` put at `pos`. */
function insertAt(file: TsFile, pos: number, insert: string): Fix {
  const line = file.lineOf(pos);
  const start = file.sourceFile.getPositionOfLineAndCharacter(line - 1, 0);
  const text = file.lines[line - 1];
  const at = pos - start;
  return { line, endLine: line, replacement: text.slice(0, at) + insert + text.slice(at) };
}

/** Adds the timeout to the options literal, or appends an options argument; undefined when not mechanical. */
function fixFor(file: TsFile, http: HttpCall): Fix | undefined {
  const property = FIX_PROPERTY[http.client];
  const { call, optionsIndex } = http;
  if (!property || call.arguments.hasTrailingComma) return undefined;
  const options = call.arguments[optionsIndex];
  if (options === undefined) {
    if (call.arguments.length !== optionsIndex || file.text[call.end - 1] !== ')') return undefined;
    return insertAt(file, call.end - 1, `${optionsIndex === 0 ? '' : ', '}{ ${property} }`);
  }
  const obj = unwrap(options);
  if (!ts.isObjectLiteralExpression(obj) || obj.properties.hasTrailingComma) return undefined;
  const last = obj.properties.at(-1);
  if (!last) return file.lineOf(obj.getStart()) === file.lineOf(obj.end) ? insertAt(file, obj.end - 1, ` ${property} `) : undefined;
  return insertAt(file, last.end, `, ${property}`);
}

/** Names of requests given a timeout later (`req.setTimeout(5000)`, `req.on('timeout', ...)`). */
function timedReceiver(call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
  const method = callee.name.text;
  const first = call.arguments[0];
  if (method === 'setTimeout' || ((method === 'on' || method === 'once') && first && ts.isStringLiteralLike(first) && first.text === 'timeout')) {
    return callee.expression.text;
  }
  return undefined;
}

/** For `http.request`, the name its request is bound to, or true when a timeout is chained on directly. */
function requestBinding(call: ts.CallExpression): string | true | undefined {
  const parent = call.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === call && ts.isCallExpression(parent.parent)) {
    return timedReceiver(parent.parent) !== undefined || /^(setTimeout|on|once)$/.test(parent.name.text) ? true : undefined;
  }
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/** HTTP calls (`fetch`, axios, got, `http.request`) without a timeout or abort signal. */
export default defineTsDetector({
  meta: {
    id: 'missing-timeout',
    severity: 'high',
    category: 'reliability',
    description: 'An HTTP request (`fetch`, axios, got, `http.request`) has no timeout or abort signal.',
    recommendation:
      'Bound every outgoing request: `fetch(url, { signal: AbortSignal.timeout(10_000) })`, `axios.get(url, { timeout: 10_000 })` or an `axios.create({ timeout })` client, got\'s `timeout: { request }`, `req.setTimeout()` for `http.request`.',
    docs: {
      why: '`fetch`, axios, got and Node\'s `http` wait for ever by default: a peer that accepts the connection and never answers holds the caller, its memory and its sockets until the process restarts, and a slow dependency turns into an outage upstream. The rule reports requests whose options set no `timeout`/`signal` (`cancelToken` for axios); options it cannot see (a spread, a parameter), clients made by `axios.create`, requests raced against a timer, requests in browser code (`.tsx`/`.jsx`, front-end imports such as React or Vue, `window.`/`document.`, relative URLs like `/api/users`) and test files are left alone. `axios.create()` without a timeout is reported, since every request of that client inherits it, unless the file sets `defaults.timeout`.',
      flagged: [
        'export async function getUser(id: string) {\n  const res = await fetch(`https://api.example.com/users/${id}`);\n  return res.json();\n}\n',
        "import axios from 'axios';\nexport async function rates() {\n  const { data } = await axios.get('https://rates.example.com/latest');\n  return data;\n}\n",
        "import https from 'node:https';\nexport function ping(host: string) {\n  https.get(`https://${host}/health`, (res) => res.resume());\n}\n",
      ],
      ignored: [
        'export async function getUser(id: string) {\n  const res = await fetch(`/api/users/${id}`, { signal: AbortSignal.timeout(5000) });\n  return res.json();\n}\n',
        "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://api.example.com', timeout: 10_000 });\nexport const rates = () => api.get('/rates');\n",
        'export async function send(url: string, init: RequestInit) {\n  return fetch(url, init);\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestFile(file.path)) return {};
    const candidates: HttpCall[] = [];
    const timedNames = new Set<string>();
    let axiosDefaultsTimeout = false;
    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const timed = timedReceiver(call);
          if (timed) timedNames.add(timed);
          const http = httpCall(call);
          if (http && !wrappedInTimeout(call)) candidates.push(http);
        },
        BinaryExpression(node) {
          const binary = node as ts.BinaryExpression;
          // `axios.defaults.timeout = 5000` / `api.defaults.timeout = 5000` covers the file's axios requests.
          const left = binary.left;
          if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(left) || left.name.text !== 'timeout') return;
          if (ts.isPropertyAccessExpression(left.expression) && left.expression.name.text === 'defaults') axiosDefaultsTimeout = true;
        },
      },
      end() {
        for (const http of candidates) {
          if (http.client === 'axios' && axiosDefaultsTimeout) continue;
          // A page's request holds no server resources, and the user can leave; a server's can pile up.
          if (isBrowserFile(file) || relativeUrl(http)) continue;
          const verdict = verdictOf(http);
          if (verdict === 'has') ctx.praise({ line: file.lineOf(http.call.getStart()), pattern: 'network-timeout' });
          if (verdict !== 'missing') continue;
          if (http.client === 'http') {
            const bound = requestBinding(http.call);
            if (bound === true || (bound !== undefined && timedNames.has(bound))) continue;
          }
          const what = http.factory ? `\`${http.name}()\` makes a client with no timeout` : `\`${http.name}(...)\` has no timeout or abort signal`;
          const fix = fixFor(file, http);
          ctx.report({
            line: file.lineOf(http.call.getStart()),
            message: `${what}: a peer that never answers holds this call for ever.`,
            ...(fix ? { fix } : {}),
          });
        }
      },
    };
  },
});
