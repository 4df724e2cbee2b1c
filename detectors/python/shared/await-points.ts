/**
 * Where each Python coroutine suspends: its own `await`s, `async for` and `async with` (not those of
 * nested functions). Fed by the shared traversal with `noteAwait`, read once complete (`end`), so
 * "does this function suspend between these two points?" costs a binary search.
 */
import type { PyNode as Node } from '../../define.js';
import type { PyFile } from '../../define.js';

type Timeline = Map<number, number[]>;

function timelineOf(file: PyFile): Timeline {
  return file.memo('python/await-points', () => new Map<number, number[]>());
}

/** The `def` or `lambda` a node runs in, or null at module or class level. */
export function ownFunction(node: Node): Node | null {
  for (let a = node.parent; a; a = a.parent) {
    if (a.type === 'function_definition' || a.type === 'lambda') return a;
  }
  return null;
}

/** True for `async for` / `async with` statements. */
export function isAsyncStatement(node: Node): boolean {
  return (node.type === 'for_statement' || node.type === 'with_statement') && node.firstChild?.type === 'async';
}

/** Records a suspension point: an `await`, or an `async for` / `async with` statement (source order). */
export function noteAwait(file: PyFile, node: Node): void {
  const fn = ownFunction(node);
  if (!fn) return;
  // The coroutine suspends once the awaited value is computed: at the end of the `await`, at the head of an async block.
  const head = node.type === 'await' ? node : (node.childForFieldName('right') ?? node.namedChildren.find((c) => c?.type === 'with_clause') ?? node);
  const at = head.endIndex;
  const timeline = timelineOf(file);
  const list = timeline.get(fn.id);
  if (!list) timeline.set(fn.id, [at]);
  else if (list[list.length - 1] < at) list.push(at);
  else if (!list.includes(at)) list.splice(list.findIndex((p) => p > at), 0, at);
}

/** True when function `fn` suspends after byte `from` and at or before byte `to`. */
export function awaitsBetween(file: PyFile, fn: Node, from: number, to: number): boolean {
  const list = timelineOf(file).get(fn.id);
  if (!list) return false;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo] <= to;
}
