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
}

const CALL = /\.(filter|where|filter_by|order_by)\s*\(/g;
/** `Model.field` followed by a comparison or a column operator (`Model.field.in_(...)`). */
const COMPARED = /\b([A-Z]\w*)\.([a-z_]\w*)\s*(?:==|!=|<=|>=|<|>|\.(?:in_|not_in|like|ilike|between|is_|is_not|isnot|startswith|contains)\s*\()/g;
const SORTED = /\b([A-Z]\w*)\.([a-z_]\w*)\b(?!\s*\()/g;
/** The model a `filter_by` applies to: `query(Model)` / `select(Model)` / `Model.query` just before it. */
const CHAIN_MODEL = /(?:\b(?:query|select)\s*\(\s*([A-Z]\w*)\s*\)|\b([A-Z]\w*)\.query\b)[^;\n]*$/;

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
        out.push({ model, field: kw[1], kind: 'filter', line: lineAt(base + (kw.index ?? 0) + kw[0].indexOf(kw[1])) });
      }
      continue;
    }
    const pattern = call[1] === 'order_by' ? SORTED : COMPARED;
    for (const ref of args.matchAll(pattern)) {
      if (!mask[base + (ref.index ?? 0)]) continue;
      out.push({ model: ref[1], field: ref[2], kind: call[1] === 'order_by' ? 'order_by' : 'filter', line: lineAt(base + (ref.index ?? 0)) });
    }
  }
  return out;
}
