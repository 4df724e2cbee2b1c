import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../src/types.js';
import { definePyDetector } from '../define.js';
import { calleeName, callArguments, unparenthesized } from './shared/call-target.js';
import { scopesOf } from './shared/scopes.js';
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

/** WebSocket servers whose message size limit is switched off. */
export default definePyDetector({
  meta: {
    id: 'missing-body-limit',
    severity: 'medium',
    category: 'reliability',
    description: 'A WebSocket server with its message size limit switched off (`websockets.serve(..., max_size=None)`, aiohttp `WebSocketResponse(max_msg_size=0)`).',
    recommendation: 'Keep a bound on one message: leave the library default (`max_size=2**20`) or set the largest message the protocol needs.',
    docs: {
      why:
        'A WebSocket message is buffered whole before the handler sees it: with `max_size=None` (websockets) or `max_msg_size=0` (aiohttp) one client can send a message as large as the memory of the process. The defaults (1 MiB, 4 MiB) are sane, so only an explicit switch-off is reported. Python web frameworks are deliberately not judged on request bodies: FastAPI/Starlette have no body limit of their own and Flask\'s `MAX_CONTENT_LENGTH` is usually set in a config module or by the reverse proxy in front, so a missing setting in one file is not a clear "yes". Test files are not checked.',
      flagged: [
        'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765, max_size=None):\n        await asyncio.Future()\n',
        'from aiohttp import web\n\nasync def ws_handler(request):\n    ws = web.WebSocketResponse(max_msg_size=0)\n    await ws.prepare(request)\n    return ws\n',
      ],
      ignored: [
        'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765):\n        await asyncio.Future()\n',
        'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765, max_size=2**22):\n        await asyncio.Future()\n',
        'from fastapi import FastAPI\n\napp = FastAPI()\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    return {
      enter: {
        call(call) {
          const fn = call.childForFieldName('function');
          if (!SIZE_LIMITED_NAMES.has(calleeName(fn))) return;
          const endpoint = sizeLimitedCall(fn, scopesOf(ctx.file));
          if (!endpoint) return;
          const value = callArguments(call).keywords.get(endpoint.keyword) ?? null;
          if (!value || !disables(value, endpoint)) return;
          const fix = restoreFix(ctx.file.lines, value, endpoint);
          ctx.report({
            line: value.startPosition.row + 1,
            message: `\`${endpoint.target}()\` is called with \`${endpoint.keyword}=${value.text}\`: one client can send a message as large as the process's memory.`,
            recommendation: `Keep a bound: \`${endpoint.keyword}=${endpoint.defaultText}\` (${endpoint.defaultWords}) or the largest message the protocol needs.`,
            ...(fix ? { fix } : {}),
          });
        },
      },
    };
  },
});
