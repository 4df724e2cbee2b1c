/**
 * SQLAlchemy model columns read from Python source for missing-index: for each class, its
 * `Column(...)` / `mapped_column(...)` attributes and which of them lead an index (`index=True`,
 * `unique=True`, `primary_key=True`, the first column of an `Index(...)`/`UniqueConstraint(...)` in
 * `__table_args__` or at module level). Text-based; strings and comments are masked out.
 */
import { codeMask } from './orm-references.js';

/** One mapped class. */
export interface SqlModel {
  name: string;
  columns: Set<string>;
  indexed: Set<string>;
  /** Columns declared with a `ForeignKey(...)`. */
  foreignKeys: Set<string>;
  /** Columns of type `Boolean`: two values, an index rarely helps. */
  booleans: Set<string>;
}

const CLASS = /^class[ \t]+([A-Za-z_]\w*)\s*(\([^)]*\))?\s*:/gm;
const COLUMN = /^[ \t]+([A-Za-z_]\w*)\s*(?::[^=\n]*)?=\s*(?:[\w.]*\.)?(Column|mapped_column)\s*\(/gm;
const INDEX = /\b(Index|UniqueConstraint|PrimaryKeyConstraint)\s*\(/g;
const MAX_ARGS = 2000;

/** The text between the parenthesis that opens at `open` and its match (bounded), code only. */
export function argumentsAt(text: string, open: number, mask: Uint8Array): string {
  let depth = 0;
  for (let i = open; i < text.length && i < open + MAX_ARGS; i++) {
    if (!mask[i]) continue;
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return '';
}

/** The first column an `Index("ix", "a", ...)` / `Index("ix", Model.a)` / `UniqueConstraint("a")` covers. */
function leadingColumn(args: string, constraint: string): string | undefined {
  const parts = args.split(',').map((p) => p.trim()).filter((p) => p && !/^\w+\s*=/.test(p));
  // `Index` takes its name first; constraints take columns first.
  const first = constraint === 'Index' ? parts[1] : parts[0];
  const m = first ? /^(?:['"](\w+)['"]|(?:\w+\.)?(?:c\.)?(\w+))$/.exec(first) : null;
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The mapped classes of a Python file's text, by class name. */
export function sqlModels(text: string): Map<string, SqlModel> {
  const models = new Map<string, SqlModel>();
  if (!/\b(Column|mapped_column)\s*\(/.test(text)) return models;
  const mask = codeMask(text);
  const classes = [...text.matchAll(CLASS)].filter((m) => mask[m.index ?? 0]);
  const moduleIndexes: Array<{ model: string; column: string }> = [];
  classes.forEach((match, i) => {
    const start = match.index ?? 0;
    const end = i + 1 < classes.length ? (classes[i + 1].index ?? text.length) : text.length;
    const body = text.slice(start, end);
    const model: SqlModel = { name: match[1], columns: new Set(), indexed: new Set(), foreignKeys: new Set(), booleans: new Set() };
    for (const column of body.matchAll(COLUMN)) {
      const at = start + (column.index ?? 0) + column[0].length - 1;
      if (!mask[at]) continue;
      const args = argumentsAt(text, at, mask);
      model.columns.add(column[1]);
      if (/\b(index|unique|primary_key)\s*=\s*True\b/.test(args)) model.indexed.add(column[1]);
      if (/\bForeignKey\s*\(/.test(args)) model.foreignKeys.add(column[1]);
      if (/^\s*(?:[\w.]*\.)?Boolean\b/.test(args) || /:\s*Mapped\[\s*bool\s*\]/.test(column[0])) model.booleans.add(column[1]);
    }
    for (const index of body.matchAll(INDEX)) {
      const at = start + (index.index ?? 0) + index[0].length - 1;
      if (!mask[at]) continue;
      const lead = leadingColumn(argumentsAt(text, at, mask), index[1]);
      if (lead) model.indexed.add(lead);
    }
    if (model.columns.size > 0) models.set(model.name, model);
  });
  // Module-level `Index("ix_user_email", User.email)`.
  for (const index of text.matchAll(/^Index\s*\(/gm)) {
    const at = (index.index ?? 0) + index[0].length - 1;
    const ref = /^\s*['"][^'"]*['"]\s*,\s*(\w+)\.(\w+)/.exec(argumentsAt(text, at, mask));
    if (ref) moduleIndexes.push({ model: ref[1], column: ref[2] });
  }
  for (const { model, column } of moduleIndexes) models.get(model)?.indexed.add(column);
  return models;
}
