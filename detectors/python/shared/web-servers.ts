/**
 * Server-side calls of the well-known Python web and socket libraries (websockets, aiohttp), named
 * through the module's imports, with the keyword that bounds a message's size.
 */
import type { PyNode as Node } from '../../define.js';
import { importedName } from './call-target.js';
import type { ScopeModel } from './scopes.js';

/** A socket endpoint whose size keyword switches the limit off with one value. */
export interface SizeLimitedCall {
  /** The dotted name (`websockets.serve`). */
  target: string;
  /** The keyword that bounds one message (`max_size`). */
  keyword: string;
  /** The value that disables the bound: `none` (websockets) or `0` (aiohttp). */
  disabledBy: 'none' | 'zero';
  /** The library default the fix writes back. */
  defaultText: string;
  /** The default in words, for messages. */
  defaultWords: string;
}

const WEBSOCKETS_SERVE = /^websockets\.((legacy|asyncio|sync)\.)?(server\.)?(serve|unix_serve|broadcast)$|^websockets\.(legacy\.)?server\.WebSocketServerProtocol$/;
const AIOHTTP_WS = /^aiohttp\.(web\.|web_ws\.)?WebSocketResponse$/;

/** The last names worth resolving, checked before any import look-up. */
export const SIZE_LIMITED_NAMES = new Set(['serve', 'unix_serve', 'WebSocketServerProtocol', 'WebSocketResponse']);

/** What `fn` (a call's function) names among the size-limited socket endpoints, or null. */
export function sizeLimitedCall(fn: Node | null, model: ScopeModel): SizeLimitedCall | null {
  const target = importedName(fn, model);
  if (!target) return null;
  if (WEBSOCKETS_SERVE.test(target)) {
    return { target, keyword: 'max_size', disabledBy: 'none', defaultText: '2**20', defaultWords: "websockets' 1 MiB default" };
  }
  if (AIOHTTP_WS.test(target)) {
    return { target, keyword: 'max_msg_size', disabledBy: 'zero', defaultText: '4 * 1024 * 1024', defaultWords: "aiohttp's 4 MiB default" };
  }
  return null;
}
