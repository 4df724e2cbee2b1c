/**
 * Text built from parts: f-strings, `%` formatting, `.format()`, `+` concatenation and
 * `"sep".join([...])`, with the values formatted in. Unlike `sql-build`, it does not ask whether
 * the text reads as SQL: callers judge the text and the values themselves.
 */
import type { PyNode as Node } from '../../define.js';
import { interpolations } from './constant.js';

export type StringBuildKind = 'f-string' | '%-format' | '.format()' | 'concatenation' | 'join';

export interface StringBuild {
  kind: StringBuildKind;
  /** Every value formatted into the text, constant or not. */
  values: Node[];
}

const isString = (n: Node | null): boolean => !!n && (n.type === 'string' || n.type === 'concatenated_string');

const MAX_OPERANDS = 100;

function stringParts(node: Node): Node[] {
  return node.type === 'string' ? [node] : node.namedChildren.filter((c): c is Node => c !== null && isString(c));
}

function unwrap(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0) as Node;
  return n;
}

/** Flattens `a + b + c` (iteratively: concatenations can be thousands of terms long). */
function operands(root: Node): Node[] | null {
  const out: Node[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const n = unwrap(node);
    if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
      const right = n.childForFieldName('right');
      const left = n.childForFieldName('left');
      if (right) stack.push(right);
      if (left) stack.push(left);
    } else out.push(n);
    if (out.length > MAX_OPERANDS) return null;
  }
  return out;
}

const named = (nodes: ReadonlyArray<Node | null>): Node[] => nodes.filter((c): c is Node => c !== null && c.type !== 'comment');

/** The values of `%` formatting's right side: `(a, b)`, `{"k": v}` or one value. */
function percentValues(right: Node): Node[] {
  const grouped = right.type === 'tuple' || right.type === 'parenthesized_expression' || right.type === 'dictionary';
  return named((grouped ? right.namedChildren : [right]).map((c) => (c?.type === 'pair' ? c.childForFieldName('value') : c)));
}

/** The values of a call's arguments, keyword and splat arguments included. */
function argumentValues(call: Node): Node[] {
  const args = named(call.childForFieldName('arguments')?.namedChildren ?? []);
  return named(args.map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a.type.endsWith('splat') ? a.namedChild(0) : a)));
}

/** How `expression` builds text from values, or null when it is not such a build (or builds nothing in). */
export function stringBuild(expression: Node): StringBuild | null {
  const node = unwrap(expression);
  if (isString(node)) {
    const values = stringParts(node).flatMap(interpolations);
    return values.length ? { kind: 'f-string', values } : null;
  }
  if (node.type === 'binary_operator') {
    const op = node.childForFieldName('operator')?.type;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (op === '%' && left && isString(left) && right) return { kind: '%-format', values: [...percentValues(right), ...stringParts(left).flatMap(interpolations)] };
    if (op !== '+') return null;
    const parts = operands(node);
    if (!parts || !parts.some(isString)) return null;
    const values = [...parts.filter((p) => !isString(p)), ...parts.filter((p) => isString(p)).flatMap((p) => stringParts(p).flatMap(interpolations))];
    return values.length ? { kind: 'concatenation', values } : null;
  }
  if (node.type !== 'call') return null;
  const fn = node.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : '';
  if (!receiver || !isString(receiver)) return null;
  if (method === 'format') {
    const values = argumentValues(node);
    return values.length ? { kind: '.format()', values } : null;
  }
  if (method !== 'join') return null;
  const list = unwrap(argumentValues(node)[0] ?? node);
  if (list.type !== 'list' && list.type !== 'tuple') return null;
  const items = named(list.namedChildren);
  const values = [...items.filter((i) => !isString(i)), ...items.filter((i) => isString(i)).flatMap((p) => stringParts(p).flatMap(interpolations))];
  return values.length ? { kind: 'join', values } : null;
}

/** How a build reads in a message. */
export const BUILD_WORDS: Readonly<Record<StringBuildKind, string>> = {
  'f-string': 'an f-string',
  '%-format': '`%` formatting',
  '.format()': '`.format()`',
  concatenation: 'string concatenation',
  join: '`join()`',
};
