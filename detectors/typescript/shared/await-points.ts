/**
 * Where each function suspends: the positions of its own `await`s (and `for await` heads), not those
 * of nested functions. Fed by the shared traversal with `noteAwait`; read once it is complete (`end`),
 * so "is there an await between these two points of this function?" costs a binary search.
 */
import { ts } from 'ts-morph';
import type { TsFile } from '../../define.js';
import { enclosingFunction } from './bindings.js';

type Timeline = Map<ts.Node, number[]>;

function timelineOf(file: TsFile): Timeline {
  return file.memo('typescript/await-points', () => new Map<ts.Node, number[]>());
}

/** Records an `await` expression or a `for await` loop (idempotent per node; arrives in source order). */
export function noteAwait(file: TsFile, node: ts.AwaitExpression | ts.ForOfStatement): void {
  const fn = enclosingFunction(node);
  if (!fn) return;
  const timeline = timelineOf(file);
  // A suspension happens once the awaited value is computed: at the end of the operand.
  const at = ts.isAwaitExpression(node) ? node.end : node.expression.end;
  const list = timeline.get(fn);
  if (!list) timeline.set(fn, [at]);
  else if (list[list.length - 1] < at) list.push(at);
  else if (!list.includes(at)) list.splice(list.findIndex((p) => p > at), 0, at);
}

/** True when function `fn` suspends somewhere after position `from` and at or before position `to`. */
export function awaitsBetween(file: TsFile, fn: ts.Node, from: number, to: number): boolean {
  const list = timelineOf(file).get(fn);
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
