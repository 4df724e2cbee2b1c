/**
 * Ids derived from other ids where a fresh one is needed: `Order.objects.count() + 1`,
 * `session.query(func.max(Ticket.id)).scalar() + 1`, `SELECT MAX(id)` fetched and incremented, kept
 * as an `id`/`pk`/`*_id`/`*_number`. Two concurrent requests read the same count or maximum and hand
 * out the same id. The value is followed through assignments of locals of the same function.
 */
import type { PyNode as Node } from '../../define.js';
import type { ScopeModel } from './scopes.js';

/** A count or maximum read from a database: a query's `.count()`, `func.max`, Django `Max`/`Count`, SQL `MAX(`/`COUNT(`, the last row by id. */
export const STORE_READ = /\.count\(\s*\)|\bfunc\.(max|count)\s*\(|\b(Max|Count)\(\s*['"]|\b(MAX|COUNT)\s*\(|\.latest\(|order_by\(\s*['"]-|\.desc\(\)/;
/** Keywords, keys, attributes and locals that hold an identifier or a number that must be unique. */
const ID_NAME = /^(id|pk|uid|number|seq|sequence|serial)$|_(id|pk|number|no|num|seq|serial)$|^(next|new)_(id|pk|number|no|num|seq|serial)$/;

/** A `+ 1` kept as an id, whose other side is derived from a count or maximum read from a database. */
export interface FreshIdSite {
  sum: Node;
  /** The keyword, key or name the result is kept under. */
  name: string;
}

/** The other side of `x + 1` / `1 + x`, or null. */
function plusOne(node: Node): Node | null {
  if (node.childForFieldName('operator')?.text !== '+') return null;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (right?.type === 'integer' && right.text === '1') return left;
  return left?.type === 'integer' && left.text === '1' ? right : null;
}

/** The text of `expr` with the values assigned to the locals of `fn` it names (a few steps). */
function derivationText(expr: Node, fn: Node, model: ScopeModel, depth = 0): string {
  let text = expr.text;
  if (depth >= 3) return text;
  const names = expr.type === 'identifier' ? [expr] : expr.descendantsOfType('identifier');
  for (const id of names) {
    const scope = model.lookup(id.text, model.scopeOf(id));
    if (scope === null || scope === 'builtin' || scope.node.id !== fn.id) continue;
    for (const b of scope.bindings.get(id.text) ?? []) {
      const value = b.value ?? unpackedFrom(b.node);
      if (value && value.startIndex < id.startIndex) text += ` ${derivationText(value, fn, model, depth + 1)}`;
    }
  }
  return text;
}

/** The right side of the assignment that unpacks into `target` (`(n,) = row`, `a, b = pair`), or null. */
function unpackedFrom(target: Node): Node | null {
  for (let a = target.parent; a; a = a.parent) {
    if (a.type === 'assignment') return a.childForFieldName('right');
    if (a.type !== 'pattern_list' && a.type !== 'tuple_pattern' && a.type !== 'list_pattern' && a.type !== 'parenthesized_expression') return null;
  }
  return null;
}

/** The name the value of `node` is kept under when it looks like an id: `id=...`, `{"number": ...}`, `obj.pk = ...`, `next_id = ...`. */
function keptAs(node: Node): string | null {
  let e = node;
  while (e.parent?.type === 'parenthesized_expression' || (e.parent?.type === 'argument_list' && isConversion(e.parent.parent))) e = e.parent.type === 'argument_list' ? (e.parent.parent as Node) : e.parent;
  const p = e.parent;
  let name: string | null = null;
  if (p?.type === 'keyword_argument') name = p.childForFieldName('name')?.text ?? null;
  else if (p?.type === 'pair' && p.childForFieldName('value')?.id === e.id) {
    const key = p.childForFieldName('key');
    name = key?.type === 'string' ? key.text.replace(/^[rbuf]*['"]+|['"]+$/gi, '') : null;
  } else if (p?.type === 'assignment' && p.childForFieldName('right')?.id === e.id) {
    const left = p.childForFieldName('left');
    name = left?.type === 'identifier' ? left.text : left?.type === 'attribute' ? (left.childForFieldName('attribute')?.text ?? null) : null;
  }
  return name !== null && ID_NAME.test(name) ? name : null;
}

/** `str(n + 1)`, `int(...)`: the id passes through unchanged. */
function isConversion(call: Node | null): boolean {
  if (call?.type !== 'call') return false;
  const fn = call.childForFieldName('function');
  return fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'int');
}

/** The fresh-id site `node` (a `binary_operator`) is in function `fn`, or null. */
export function freshIdSite(node: Node, fn: Node, model: ScopeModel): FreshIdSite | null {
  const base = plusOne(node);
  if (!base) return null;
  const name = keptAs(node);
  if (!name) return null;
  return STORE_READ.test(derivationText(base, fn, model)) ? { sum: node, name } : null;
}
