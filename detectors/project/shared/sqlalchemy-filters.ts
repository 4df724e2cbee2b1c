/**
 * The model fields SQLAlchemy queries of a Python file filter or sort on, for missing-index:
 * `.filter(Model.field == x)`, `.where(Model.field.in_(ids))`, `.order_by(Model.field.desc())`,
 * `session.query(Model).filter_by(field=x)`, `Model.query.filter_by(field=x)`. Text-based with
 * strings and comments masked out.
 */
import { codeMask } from './orm-references.js';
import { argumentsAt } from './sqlalchemy-columns.js';

/** One filtered or sorted field. */
export interface SqlFilter {
  model: string;
  field: string;
  kind: 'filter' | 'order_by';
  line: number;
  /** How a filter compares: `==`/`in_`/ranges/`startswith` narrow the rows through an index; `!=`/`not_in`/`is_not` keep most rows and `like`/`ilike`/`contains` patterns (often `%x%`) cannot use one. */
  narrows: boolean;
  /** Compared with another model's column (`A.x == B.id`): a join condition, not a filter on a value. */
  joined: boolean;
  /** Offset of the `def` the query sits in (0 at module level): filters of one model in one function form one query. */
  scope: number;
  /** For a sort: the statement reads only its first rows (`.limit(n)`, `.first()`, a slice, pagination). */
  limited: boolean;
}

/** The rest of the statement from `from`: up to a newline outside brackets opened after `from`, or a bracket closing one opened before. */
function statementRest(text: string, from: number, mask: Uint8Array): string {
  let depth = 0;
  let i = from;
  for (; i < text.length && i < from + 2000; i++) {
    if (!mask[i]) continue;
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) {
        // The chain may go on after the enclosing bracket (`(query\n.order_by(x)\n).first()`).
        const next = /^\s*\.\w+/.exec(text.slice(i + 1, i + 200));
        if (!next) break;
        depth = 0;
      }
    } else if (c === '\n' && depth <= 0 && text[i - 1] !== '\\' && !/^\s*\./.test(text.slice(i + 1, i + 200))) break;
  }
  return text.slice(from, i);
}

const CALL = /\.(filter|where|filter_by|order_by)\s*\(/g;
/** `Model.field` followed by a comparison or a column operator (`Model.field.in_(...)`). */
const COMPARED = /\b([A-Z]\w*)\.([a-z_]\w*)\s*(==|!=|<=|>=|<|>|\.(?:in_|not_in|notin_|like|ilike|between|is_|is_not|isnot|startswith|contains)\s*\()/g;
/** Operators that keep most rows or that a B-tree index cannot serve (`like('%x%')`, `contains`): they neither need nor bound an index. */
const WIDE = /^(!=|\.(not_in|notin_|is_not|isnot|like|ilike|contains)\b)/;
/** A column of another model right after the operator: `A.x == B.id`. */
const OTHER_COLUMN = /^\s*[A-Z]\w*\.[a-z_]\w*\b(?!\s*\()/;
const DEF = /^[ \t]*(?:async[ \t]+)?def[ \t]/gm;
const SORTED = /\b([A-Z]\w*)\.([a-z_]\w*)\b(?!\s*\()/g;
/** The model a `filter_by` applies to: `query(Model)` / `select(Model)` / `Model.query` just before it. */
const CHAIN_MODEL = /(?:\b(?:query|select)\s*\(\s*(?:\w+\.)*([A-Z]\w*)\s*\)|\b([A-Z]\w*)\.query\b)(?:[^;\n]|\n[ \t]*(?=\.)|\n[ \t]*$)*$/;
/** What makes a sorted query read only its first rows, where an index on the sort column pays. */
const LIMITED = /\.(limit|first|one_or_none|scalar|slice)\s*\(|paginat|\[\s*\d*\s*:\s*\d+\s*\]|\[\s*0\s*\]/;

/** Every filtered or sorted model field in `text`, with its line. */
export function sqlFilters(text: string): SqlFilter[] {
  if (!/\.(filter|where|filter_by|order_by)\s*\(/.test(text)) return [];
  const mask = codeMask(text);
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const defs = [...text.matchAll(DEF)].filter((m) => mask[m.index ?? 0]).map((m) => m.index ?? 0);
  const scopeAt = (pos: number): number => {
    let found = 0;
    for (const d of defs) {
      if (d > pos) break;
      found = d;
    }
    return found;
  };
  const out: SqlFilter[] = [];
  for (const call of text.matchAll(CALL)) {
    const open = (call.index ?? 0) + call[0].length - 1;
    if (!mask[call.index ?? 0]) continue;
    const args = argumentsAt(text, open, mask);
    const base = open + 1;
    if (call[1] === 'filter_by') {
      const chain = CHAIN_MODEL.exec(text.slice(Math.max(0, (call.index ?? 0) - 200), call.index ?? 0));
      const model = chain?.[1] ?? chain?.[2];
      if (!model) continue;
      for (const kw of args.matchAll(/(?:^|,)\s*([a-z_]\w*)\s*=(?!=)/g)) {
        out.push({ model, field: kw[1], kind: 'filter', line: lineAt(base + (kw.index ?? 0) + kw[0].indexOf(kw[1])), narrows: true, joined: false, scope: scopeAt(base), limited: false });
      }
      continue;
    }
    const pattern = call[1] === 'order_by' ? SORTED : COMPARED;
    const lineStart = text.lastIndexOf('\n', call.index ?? 0) + 1;
    const limited = call[1] === 'order_by' && LIMITED.test(text.slice(lineStart, call.index ?? 0) + statementRest(text, open, mask));
    for (const ref of args.matchAll(pattern)) {
      if (!mask[base + (ref.index ?? 0)]) continue;
      const sorted = call[1] === 'order_by';
      const op = sorted ? '' : (ref[3] ?? '');
      const after = args.slice((ref.index ?? 0) + ref[0].length);
      out.push({
        model: ref[1],
        field: ref[2],
        kind: sorted ? 'order_by' : 'filter',
        line: lineAt(base + (ref.index ?? 0)),
        narrows: !sorted && !WIDE.test(op),
        joined: !sorted && /^(==|!=|<=|>=|<|>)$/.test(op) && OTHER_COLUMN.test(after),
        scope: scopeAt(base),
        limited,
      });
    }
  }
  return out;
}
