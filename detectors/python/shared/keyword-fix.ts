/** Mechanical fixes on a call's keyword arguments: drop one (`verify=False`), add one (`timeout=10`). */
import type { PyNode as Node } from '../../define.js';
import type { Fix } from '../../../src/types.js';
import { replaceBytes } from './source-text.js';

const argumentsOf = (list: Node): Node[] => list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');

/** Replaces bytes `from`..`to` of one row; the fix is that whole line rewritten. */
function rewriteRow(lines: readonly string[], row: number, from: number, to: number, text: string): Fix {
  return { line: row + 1, endLine: row + 1, replacement: replaceBytes(lines[row] ?? '', from, to, text) };
}

/**
 * Removes `keyword` (a `keyword_argument` node) and its separating comma from its call, when the
 * argument and the comma are on one line; undefined otherwise.
 */
export function removeKeywordFix(lines: readonly string[], keyword: Node): Fix | undefined {
  const list = keyword.parent;
  if (list?.type !== 'argument_list') return undefined;
  const row = keyword.startPosition.row;
  if (keyword.endPosition.row !== row) return undefined;
  const args = argumentsOf(list);
  const index = args.findIndex((a) => a.id === keyword.id);
  const previous = index > 0 ? args[index - 1] : null;
  const next = args[index + 1] ?? null;
  if (previous && previous.endPosition.row === row) return rewriteRow(lines, row, previous.endPosition.column, keyword.endPosition.column, '');
  if (next && next.startPosition.row === row) return rewriteRow(lines, row, keyword.startPosition.column, next.startPosition.column, '');
  // Alone on its line (`    verify=False,` in a multi-line call): drop the line.
  const line = lines[row] ?? '';
  if (line.trim().replace(/,$/, '') === keyword.text && (!previous || previous.endPosition.row < row) && (!next || next.startPosition.row > row)) {
    return { line: row + 1, endLine: row + 1, replacement: '' };
  }
  if (!previous && !next && list.endPosition.row === row && list.startPosition.row === row) {
    return rewriteRow(lines, row, list.startPosition.column + 1, list.endPosition.column - 1, '');
  }
  return undefined;
}

/**
 * Adds `text` (`timeout=10`) as the last argument of `call`, right after its current last argument
 * (before a trailing comma, so multi-line calls stay valid); undefined for a bare generator argument.
 */
export function addKeywordFix(lines: readonly string[], call: Node, text: string): Fix | undefined {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return undefined;
  const last = argumentsOf(list).at(-1);
  if (!last) {
    if (list.startPosition.row !== list.endPosition.row) return undefined;
    return rewriteRow(lines, list.startPosition.row, list.startPosition.column + 1, list.endPosition.column - 1, text);
  }
  const row = last.endPosition.row;
  return rewriteRow(lines, row, last.endPosition.column, last.endPosition.column, `, ${text}`);
}
