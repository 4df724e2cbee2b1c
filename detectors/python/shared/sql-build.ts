/**
 * Recognises SQL text built by formatting: f-strings, `%`, `.format()` and `+` over a literal
 * that reads as SQL, and reports which interpolated values vary at run time.
 */
import type { PyNode as Node } from '../../define.js';
import { type Tri, interpolations, isConstant } from './constant.js';
import type { ScopeModel } from './scopes.js';

/** Words that only SQL text (not a log line or a shell command) combines with an interpolation. */
const SQL = /^\s*\(?\s*(select\b[\s\S]*\bfrom\b|insert\s+(or\s+\w+\s+)?into\b|update\b[\s\S]*\bset\b|delete\s+from\b|replace\s+into\b|merge\s+into\b|(create|drop|alter|truncate)\s+(table|index|view|database|schema)\b|with\b[\s\S]*\bas\s*\(|pragma\b)|\b(where|values|order\s+by|group\s+by|having|limit|offset|inner\s+join|left\s+join)\b/i;

/** Names that usually hold SQL identifiers or fragments assembled elsewhere: we cannot judge them. */
const IDENTIFIER_HINT = /table|column|(^|_)cols?$|field|schema|database|db_?name|order|sort|direction|placeholder|clause|condition|filters?$|sql|query|fragment|where|operator/i;

/** Calls whose value is a date, a time or a UUID: no quote can come out of them (`now = datetime.utcnow()`). */
const TIME_VALUE = /^((datetime\.)?(datetime|date)\.(now|utcnow|today)|time\.(time|monotonic)|(uuid\.)?uuid[1-5])$/;

export type BuildKind = 'f-string' | '%-format' | '.format()' | 'concatenation';

export interface SqlBuild {
  kind: BuildKind;
  /** The values formatted into the text that vary at run time. */
  values: Node[];
}

/** The literal text of a string node, interpolations left out. */
export function literalText(node: Node): string {
  if (node.type === 'concatenated_string') return node.namedChildren.map((c) => (c ? literalText(c) : '')).join('');
  if (node.type !== 'string') return '';
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c?.text ?? '').join(' ');
}

/** Whether literal text reads as SQL. */
export const looksLikeSql = (text: string): boolean => SQL.test(text);

/** Values passed through an escaping or quoting helper: the author took care, we cannot judge it. */
const ESCAPED = /escape|quote|sanitize|identifier|literal|mogrify|placeholders?|^replace$/i;

function lastName(node: Node | null): string {
  if (node?.type === 'attribute') return node.childForFieldName('attribute')?.text ?? '';
  return node?.type === 'identifier' ? node.text : '';
}

/** Identifier-ish names and escaped values (at any depth) are left alone: we cannot judge them. */
function judge(value: Node): Tri | undefined {
  if (IDENTIFIER_HINT.test(lastName(value))) return 'unknown';
  if (value.type !== 'call') return undefined;
  const fn = value.childForFieldName('function');
  // `self._regexp_operator(conn)`, `quote_ident(name)`: a helper that returns SQL text or escapes.
  if (ESCAPED.test(lastName(fn)) || IDENTIFIER_HINT.test(lastName(fn))) return 'unknown';
  if (TIME_VALUE.test(fn?.text ?? '')) return 'yes';
  return undefined;
}

/** yes/no/unknown for one formatted value. */
function classify(value: Node, model: ScopeModel): Tri {
  return isConstant(value, model, judge);
}

const isString = (n: Node | null): boolean => !!n && (n.type === 'string' || n.type === 'concatenated_string');
const strings = (nodes: Array<Node | null>): Node[] => nodes.filter((n): n is Node => isString(n));

function varying(values: Node[], model: ScopeModel): Node[] {
  return values.filter((v) => classify(v, model) === 'no');
}

const MAX_OPERANDS = 100;

/** Flattens `a + b + c` into its operands (iteratively: concatenations can be thousands long). */
function operands(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) stack.push(node.namedChild(0) as Node);
    else if (node.type === 'binary_operator' && node.childForFieldName('operator')?.type === '+') {
      const right = node.childForFieldName('right');
      const left = node.childForFieldName('left');
      if (right) stack.push(right);
      if (left) stack.push(left);
    } else out.push(node);
  }
  return out;
}

/**
 * The SQL build `node` is, when it formats run-time values into SQL-looking text. `isSql` skips the
 * "reads as SQL" test (a `q += f" AND x = {v}"` onto a variable already holding SQL).
 */
export function sqlBuild(expression: Node, model: ScopeModel, isSql = false): SqlBuild | null {
  const looksLikeSql = (text: string): boolean => isSql || SQL.test(text);
  let node = expression;
  while (node.type === 'parenthesized_expression' && node.namedChildCount === 1) node = node.namedChild(0) as Node;
  if (isString(node)) {
    const values = varying((node.type === 'string' ? [node] : strings(node.namedChildren)).flatMap(interpolations), model);
    return values.length && looksLikeSql(literalText(node)) ? { kind: 'f-string', values } : null;
  }
  if (node.type === 'binary_operator') {
    const op = node.childForFieldName('operator')?.type;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (op === '%' && left && right && isString(left) && looksLikeSql(literalText(left))) {
      const grouped = right.type === 'tuple' || right.type === 'parenthesized_expression' || right.type === 'dictionary';
      const parts = (grouped ? right.namedChildren : [right])
        .map((c) => (c?.type === 'pair' ? c.childForFieldName('value') : c))
        .filter((c): c is Node => c !== null && c.type !== 'comment');
      const values = varying(parts, model);
      return values.length ? { kind: '%-format', values } : null;
    }
    if (op === '+') {
      const parts = operands(node);
      // Generated text thousands of terms long is not a hand-built query: stay silent, stay fast.
      if (parts.length > MAX_OPERANDS) return null;
      const text = strings(parts).map(literalText).join(' ');
      const inner = strings(parts).flatMap(interpolations);
      const values = varying([...parts.filter((p) => !isString(p)), ...inner], model);
      return values.length && looksLikeSql(text) ? { kind: 'concatenation', values } : null;
    }
    return null;
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (fn?.childForFieldName('attribute')?.text !== 'format' || !receiver || !isString(receiver) || !looksLikeSql(literalText(receiver))) return null;
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
    // `key=value` and `*args`/`**kwargs` contribute their value expressions.
    const values = args.map((a) => (a.type === 'keyword_argument' || a.type.endsWith('_splat') ? a.childForFieldName('value') ?? a.namedChild(0) : a));
    const found = varying(values.filter((v): v is Node => v !== null), model);
    return found.length ? { kind: '.format()', values: found } : null;
  }
  return null;
}
