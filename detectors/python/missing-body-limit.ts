import type { PyNode as Node } from '../define.js';
import type { Fix } from '../../src/types.js';
import { definePyDetector } from '../define.js';
import { calleeName, callArguments, unparenthesized } from './shared/call-target.js';
import { isPythonScriptPath } from './shared/python-paths.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';
import { isTestPath } from './shared/secret-patterns.js';
import { replaceBytes } from './shared/source-text.js';
import { SIZE_LIMITED_NAMES, type SizeLimitedCall, sizeLimitedCall } from './shared/web-servers.js';

/** True when `value` is the literal that switches the endpoint's size limit off. */
function disables(value: Node | null, endpoint: SizeLimitedCall): boolean {
  const v = unparenthesized(value);
  if (!v) return false;
  return endpoint.disabledBy === 'none' ? v.type === 'none' : v.type === 'integer' && Number(v.text) === 0;
}

/** Writes the library default back in place of the disabling value (one-line values only). */
function restoreFix(lines: readonly string[], value: Node, endpoint: SizeLimitedCall): Fix | undefined {
  const row = value.startPosition.row;
  if (value.endPosition.row !== row) return undefined;
  return { line: row + 1, endLine: row + 1, replacement: replaceBytes(lines[row] ?? '', value.startPosition.column, value.endPosition.column, endpoint.defaultText) };
}

/** `websockets` serving functions (not `broadcast`, not the protocol class), which accept connections. */
const ACCEPTS = /(^|\.)(serve|unix_serve)$/;

/**
 * Anything in the module that may cap or gate connections: a count of connections compared
 * (`len(CLIENTS) >= MAX`), a `MAX_CLIENTS`-style constant, a connection limit, a semaphore or rate
 * limiter, or `process_request` (which can refuse a client during the handshake).
 */
const CAP = /\blen\(\s*[\w.]*(conn|client|socket|peer|user|websocket|session)\w*\s*\)|max_?(conn|client|socket|peer|user)|(connection|client|socket|conn|peer)s?_?(limit|count|cap)\b|Semaphore|CapacityLimiter|process_request|rate_?limit/i;

/** True when the handler `serve()` is given is a function defined in this module (so the whole handler is in view). */
function handlerDefinedHere(handler: Node | undefined, model: ScopeModel): boolean {
  const h = unparenthesized(handler ?? null);
  if (h?.type !== 'identifier') return false;
  const found = model.lookup(h.text, model.scopeOf(h));
  if (found === null || found === 'builtin') return false;
  const bindings = found.bindings.get(h.text) ?? [];
  return bindings.length > 0 && bindings.every((b) => b.kind === 'def');
}

/** WebSocket servers whose message size limit is switched off, or that accept any number of clients. */
export default definePyDetector({
  meta: {
    id: 'missing-body-limit',
    severity: 'medium',
    category: 'reliability',
    description: 'A WebSocket server with its message size limit switched off (`websockets.serve(..., max_size=None)`, aiohttp `WebSocketResponse(max_msg_size=0)`), or a `websockets` server that accepts any number of clients.',
    recommendation: 'Keep a bound on one message (leave the library default `max_size=2**20`, or set the largest message the protocol needs) and on the number of clients (close connections past a cap, or refuse them in `process_request`).',
    docs: {
      why:
        'A WebSocket message is buffered whole before the handler sees it: with `max_size=None` (websockets) or `max_msg_size=0` (aiohttp) one client can send a message as large as the memory of the process. The defaults (1 MiB, 4 MiB) are sane, so only an explicit switch-off is reported. A `websockets` server also accepts any number of clients, each holding a connection, a coroutine and its buffers: the rule reports `serve(handler, ...)` / `unix_serve(...)` when the handler is a function of the same module and nothing in the module counts or gates connections (`len(CONNECTIONS)` compared, a `MAX_CLIENTS`-style constant, a connection limit, a semaphore, a rate limiter, `process_request`); not for handlers defined elsewhere or methods, `**kwargs`, scripts and examples. aiohttp WebSocket handlers are not judged on connection counts (the runner, `web.run_app` and the proxy in front hold those limits). Python web frameworks are deliberately not judged on request bodies: FastAPI/Starlette have no body limit of their own and Flask\'s `MAX_CONTENT_LENGTH` is usually set in a config module or by the reverse proxy in front, so a missing setting in one file is not a clear "yes". Test files are not checked.',
      flagged: [
        'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765, max_size=None):\n        await asyncio.Future()\n',
        'from aiohttp import web\n\nasync def ws_handler(request):\n    ws = web.WebSocketResponse(max_msg_size=0)\n    await ws.prepare(request)\n    return ws\n',
        'import websockets\n\nCLIENTS = set()\n\nasync def handler(websocket):\n    CLIENTS.add(websocket)\n    await websocket.wait_closed()\n\nasync def main():\n    async with websockets.serve(handler, "", 8765):\n        await stop\n',
      ],
      ignored: [
        'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765):\n        await asyncio.Future()\n',
        'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765, max_size=2**22):\n        await asyncio.Future()\n',
        'from fastapi import FastAPI\n\napp = FastAPI()\n',
        'import websockets\n\nMAX_CLIENTS = 200\nCLIENTS = set()\n\nasync def handler(websocket):\n    if len(CLIENTS) >= MAX_CLIENTS:\n        await websocket.close(1013, "busy")\n        return\n    CLIENTS.add(websocket)\n\nasync def main():\n    async with websockets.serve(handler, "", 8765):\n        await stop\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    // The connection-cap half: not in scripts and examples, and only where nothing in the module caps or gates.
    const capHalf = !isPythonScriptPath(ctx.file.path) && !CAP.test(ctx.file.text);
    return {
      enter: {
        call(call) {
          const fn = call.childForFieldName('function');
          if (!SIZE_LIMITED_NAMES.has(calleeName(fn))) return;
          const endpoint = sizeLimitedCall(fn, scopesOf(ctx.file));
          if (!endpoint) return;
          const args = callArguments(call);
          const value = args.keywords.get(endpoint.keyword) ?? null;
          if (value && disables(value, endpoint)) {
            const fix = restoreFix(ctx.file.lines, value, endpoint);
            ctx.report({
              line: value.startPosition.row + 1,
              message: `\`${endpoint.target}()\` is called with \`${endpoint.keyword}=${value.text}\`: one client can send a message as large as the process's memory.`,
              recommendation: `Keep a bound: \`${endpoint.keyword}=${endpoint.defaultText}\` (${endpoint.defaultWords}) or the largest message the protocol needs.`,
              ...(fix ? { fix } : {}),
            });
          }
          if (capHalf && ACCEPTS.test(endpoint.target) && !args.splat && handlerDefinedHere(args.positional[0], scopesOf(ctx.file))) {
            const handler = args.positional[0]?.text ?? '';
            ctx.report({
              line: call.startPosition.row + 1,
              message: `\`${endpoint.target}(${handler}, ...)\` accepts any number of clients: nothing in this module counts the connections \`${handler}\` serves or refuses one over a cap, so each client holds a connection and its buffers until the process runs out.`,
              recommendation: `Refuse clients over a cap: keep the open connections in a set and close new ones past a limit (\`if len(CONNECTIONS) >= MAX_CLIENTS: await websocket.close(1013, "server busy")\`), or refuse them in \`process_request\`.`,
            });
          }
        },
      },
    };
  },
});
