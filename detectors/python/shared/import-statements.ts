/** Facts about import statements shared by unused-import and duplicate-import, and their fixes. */
import type { PyNode as Node } from '../../define.js';
import type { Fix } from '../../../src/types.js';
import type { ImportBinding } from './scopes.js';
import { sliceBytes } from './source-text.js';

/** Handlers that make a `try:` an availability probe: the import is allowed to fail. */
const PROBE_CATCHES = /\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b/;

/** True inside any part of `try: import x / except ImportError: ...` (body, handlers, else). */
export function inImportProbe(node: Node): boolean {
  for (let a = node.parent; a; a = a.parent) {
    if (a.type === 'function_definition' || a.type === 'class_definition') return false;
    if (a.type !== 'try_statement') continue;
    for (const handler of a.namedChildren) {
      if (handler?.type !== 'except_clause') continue;
      const caught = handler.childForFieldName('value');
      if (!caught || PROBE_CATCHES.test(caught.text)) return true;
    }
  }
  return false;
}

/** How a binding reads in a message: `os.path`, `np`, `Path`. */
export function displayName(b: ImportBinding): string {
  return b.kind === 'import' && b.name === b.imported.split('.')[0] ? b.imported : b.name;
}

/**
 * A fix that drops the `remove` bindings from a one-line import statement: the whole line when
 * nothing is left, else the statement rewritten with the remaining names. None when the statement
 * spans lines, shares its line with other code, or is the only statement of its block.
 */
export function importFix(lines: readonly string[], statement: Node, remove: readonly ImportBinding[]): Fix | undefined {
  const row = statement.startPosition.row;
  if (statement.endPosition.row !== row) return undefined;
  const line = lines[row] ?? '';
  const before = sliceBytes(line, 0, statement.startPosition.column);
  const after = sliceBytes(line, statement.endPosition.column);
  if (before.trim() !== '' || !(after.trim() === '' || after.trim().startsWith('#'))) return undefined;
  const removed = new Set(remove.map((b) => b.node.id));
  const kept = statement.childrenForFieldName('name').filter((n) => !removed.has(n.id));
  const fix = { line: row + 1, endLine: row + 1 };
  if (kept.length === 0) {
    const siblings = statement.parent?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
    if (statement.parent?.type === 'block' && siblings.length <= 1) return undefined;
    return { ...fix, replacement: '' };
  }
  const names = kept.map((n) => n.text).join(', ');
  const from = statement.type === 'future_import_statement' ? '__future__' : statement.childForFieldName('module_name')?.text;
  const head = statement.type === 'import_statement' ? 'import' : `from ${from ?? ''} import`;
  return { ...fix, replacement: `${before}${head} ${names}${after.trimEnd() ? after.trimEnd() : ''}` };
}

/** Groups bindings by their statement, in source order. */
export function byStatement(bindings: readonly ImportBinding[]): Array<[Node, ImportBinding[]]> {
  const groups = new Map<number, [Node, ImportBinding[]]>();
  for (const b of bindings) {
    const group = groups.get(b.statement.id);
    if (group) group[1].push(b);
    else groups.set(b.statement.id, [b.statement, [b]]);
  }
  return [...groups.values()].sort((a, b) => a[0].startIndex - b[0].startIndex);
}
