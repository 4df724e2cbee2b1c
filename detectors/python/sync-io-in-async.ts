import type { PyNode as Node } from '../define.js';
import type { Fix } from '../../src/types.js';
import { definePyDetector } from '../define.js';
import { importedName } from './shared/call-target.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';
import { replaceBytes } from './shared/source-text.js';

/** Blocking calls (by the dotted name they resolve to through imports) and what to use instead. */
const BLOCKING: ReadonlyMap<string, string> = new Map([
  ['time.sleep', '`await asyncio.sleep(...)`'],
  ...['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'].map(
    (m) => [`requests.${m}`, 'an async HTTP client (`httpx.AsyncClient`, `aiohttp`) or `await asyncio.to_thread(...)`'] as [string, string],
  ),
  ['urllib.request.urlopen', 'an async HTTP client (`httpx.AsyncClient`, `aiohttp`) or `await asyncio.to_thread(...)`'],
  ...['run', 'call', 'check_call', 'check_output', 'getoutput', 'getstatusoutput'].map(
    (m) => [`subprocess.${m}`, '`await asyncio.create_subprocess_exec(...)`'] as [string, string],
  ),
  ['os.system', '`await asyncio.create_subprocess_shell(...)`'],
  ...['create_connection', 'getaddrinfo', 'gethostbyname', 'gethostbyname_ex', 'gethostbyaddr'].map(
    (m) => [`socket.${m}`, '`asyncio.open_connection(...)` / `loop.getaddrinfo(...)`'] as [string, string],
  ),
  ...['sqlite3.connect', 'psycopg2.connect', 'pymysql.connect', 'MySQLdb.connect'].map(
    (m) => [m, 'an async driver (`aiosqlite`, `asyncpg`, `aiomysql`) or `await asyncio.to_thread(...)`'] as [string, string],
  ),
  ['smtplib.SMTP', '`aiosmtplib` or `await asyncio.to_thread(...)`'],
  ['smtplib.SMTP_SSL', '`aiosmtplib` or `await asyncio.to_thread(...)`'],
]);

/** Last names worth resolving: the cheap filter before the scope model is consulted. */
const LAST_NAMES = new Set([...BLOCKING.keys()].map((k) => k.slice(k.lastIndexOf('.') + 1)).concat(['open']));

/** `pathlib.Path` methods that read or write the whole file synchronously. */
const PATH_IO = new Set(['read_text', 'write_text', 'read_bytes', 'write_bytes']);

interface Frame {
  async: boolean;
  name: string;
}

const isAsyncDef = (def: Node): boolean => def.child(0)?.type === 'async';

/** `time.sleep(x)` alone on its line → `await asyncio.sleep(x)`, when `asyncio` is imported as such. */
function sleepFix(call: Node, lines: readonly string[], model: ScopeModel): Fix | undefined {
  if (call.parent?.type !== 'expression_statement' || call.startPosition.row !== call.endPosition.row) return undefined;
  const asyncio = model.module.bindings.get('asyncio') ?? [];
  if (asyncio.length !== 1 || asyncio[0].kind !== 'import') return undefined;
  const args = call.childForFieldName('arguments')?.text ?? '()';
  const row = call.startPosition.row;
  const replacement = replaceBytes(lines[row] ?? '', call.startPosition.column, call.endPosition.column, `await asyncio.sleep${args}`);
  return { line: row + 1, endLine: row + 1, replacement };
}

/** What the call blocks on (`time.sleep()`, `open()`), or null when it does not block (or we cannot tell). */
function blockingCall(call: Node, fn: Node, model: ScopeModel): { what: string; instead: string } | null {
  if (fn.type === 'identifier' && fn.text === 'open') {
    // `open` bound by `from aiofiles import open` or a local helper is not the builtin.
    if (model.lookup('open', model.scopeOf(fn)) !== 'builtin') return null;
    return { what: '`open()` (blocking file I/O)', instead: '`aiofiles`, or `await asyncio.to_thread(path.read_text)`' };
  }
  const last = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : '';
  if (PATH_IO.has(last)) {
    // `await anyio.Path(p).read_text()` is the async twin: only the un-awaited call blocks.
    if (call.parent?.type === 'await') return null;
    return { what: `\`.${last}()\` (blocking file I/O)`, instead: `\`await asyncio.to_thread(path.${last}, ...)\`` };
  }
  const name = importedName(fn, model);
  // `getaddrinfo(..., flags | AI_NUMERICHOST)` only parses an address: it never touches the network.
  if (name === 'socket.getaddrinfo' && /NUMERIC/.test(call.childForFieldName('arguments')?.text ?? '')) return null;
  const instead = name ? BLOCKING.get(name) : undefined;
  return name && instead ? { what: `\`${name}()\``, instead } : null;
}

/** Blocking calls made directly in the body of an `async def`: they stall the whole event loop. */
export default definePyDetector({
  meta: {
    id: 'sync-io-in-async',
    severity: 'medium',
    category: 'reliability',
    description: 'A blocking call (`time.sleep`, `requests.*`, `subprocess.run`, `open()`, sqlite3/psycopg2 connect) inside an `async def`.',
    recommendation: 'Use the async equivalent, or move the blocking call to a thread with `await asyncio.to_thread(...)`.',
    docs: {
      why: 'An event loop runs one thing at a time: a blocking call inside `async def` freezes every other task, request and timer of the process until it returns. Calls inside a nested plain `def` or `lambda` (the usual shape for `run_in_executor` and `asyncio.to_thread`) are not reported, nor are names that do not resolve to the blocking module through an import (`from aiofiles import open`, a local `requests` variable).',
      flagged: [
        'import time\n\nasync def poll():\n    time.sleep(1)\n',
        'import requests\n\nasync def load(url):\n    return requests.get(url, timeout=5).json()\n',
        'async def read_config(path):\n    return open(path).read()\n',
      ],
      ignored: [
        'import asyncio\n\nasync def poll():\n    await asyncio.sleep(1)\n',
        'import time\n\ndef poll():\n    time.sleep(1)\n',
        'import asyncio, requests\n\nasync def load(url):\n    def fetch():\n        return requests.get(url, timeout=5)\n    return await asyncio.to_thread(fetch)\n',
        'import aiofiles\n\nasync def read(path):\n    async with aiofiles.open(path) as f:\n        return await f.read()\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const frames: Frame[] = [];
    const enterDef = (def: Node): void => {
      frames.push({ async: isAsyncDef(def), name: def.childForFieldName('name')?.text ?? '' });
    };
    const leave = (): void => {
      frames.pop();
    };
    return {
      enter: {
        function_definition: enterDef,
        lambda: () => frames.push({ async: false, name: '<lambda>' }),
        call(call) {
          const frame = frames[frames.length - 1];
          if (!frame?.async) return;
          const fn = call.childForFieldName('function');
          if (!fn) return;
          const last = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : fn.text;
          if (!LAST_NAMES.has(last) && !PATH_IO.has(last)) return;
          const model = scopesOf(ctx.file);
          const found = blockingCall(call, fn, model);
          if (!found) return;
          const fix = found.what === '`time.sleep()`' ? sleepFix(call, ctx.file.lines, model) : undefined;
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `${found.what} blocks the event loop inside \`async def ${frame.name}()\``,
            recommendation: `Use ${found.instead}; a nested plain function passed to \`asyncio.to_thread\` also works.`,
            ...(fix ? { fix } : {}),
          });
        },
      },
      exit: { function_definition: leave, lambda: leave },
    };
  },
});
