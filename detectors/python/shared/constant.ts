/**
 * "Is this expression's value fixed by the code itself?" answered yes / no / unknown. `no` means a
 * value that varies at run time (a parameter, a call result, data read from an object); `unknown`
 * means we cannot tell (an imported name, a loop variable), and detectors stay silent on it.
 */
import type { PyNode as Node } from '../../define.js';
import type { ScopeModel } from './scopes.js';

export type Tri = 'yes' | 'no' | 'unknown';

/** `MAX_ROWS`, `_TABLE`: the naming convention of constants. */
export const CONSTANT_NAME = /^_*[A-Z][A-Z0-9_]*$/;

/** Builtins whose result is a number or bool whatever the argument: safe in any text. */
const NUMERIC_CALLS = new Set(['int', 'float', 'len', 'bool', 'abs', 'round', 'ord', 'hash', 'id', 'min', 'max', 'sum']);

const LITERALS = new Set(['integer', 'float', 'true', 'false', 'none', 'ellipsis', 'string_content', 'escape_sequence']);

/** Combines parts: any `no` wins, then any `unknown`, else `yes`. */
export function combine(parts: Iterable<Tri>): Tri {
  let result: Tri = 'yes';
  for (const p of parts) {
    if (p === 'no') return 'no';
    if (p === 'unknown') result = 'unknown';
  }
  return result;
}

/** The interpolated expressions of an f-string (empty for a plain string). */
export function interpolations(string: Node): Node[] {
  return string.namedChildren
    .filter((c): c is Node => c?.type === 'interpolation')
    .map((i) => i.childForFieldName('expression'))
    .filter((e): e is Node => e !== null);
}

const isSequenceLiteral = (n: Node | null): boolean =>
  !!n && ['string', 'concatenated_string', 'list', 'tuple'].includes(n.type);

/** One question's context: the model, the caller's override, binding hops and nesting so far. */
interface Judge {
  model: ScopeModel;
  override?: Override;
  /** Variables followed to their assignments (bounded: `x = x + 1` must not loop). */
  hops: number;
  /** Expression nesting (bounded: a 20 000-term concatenation must not exhaust the stack). */
  nesting: number;
}

/** Deeper than this, the answer is `unknown` rather than a stack overflow. */
const MAX_NESTING = 200;

function identifier(node: Node, j: Judge): Tri {
  const model = j.model;
  const name = node.text;
  const found = model.lookup(name, model.scopeOf(node));
  if (found === null || found === 'builtin') return CONSTANT_NAME.test(name) ? 'yes' : 'unknown';
  const bindings = found.bindings.get(name) ?? [];
  if (bindings.some((b) => b.kind === 'param')) return 'no';
  if (CONSTANT_NAME.test(name)) return 'yes';
  if (j.hops > 3 || bindings.length === 0) return 'unknown';
  if (!bindings.every((b) => (b.kind === 'assign' || b.kind === 'augassign' || b.kind === 'walrus') && b.value)) return 'unknown';
  return combine(bindings.map((b) => evaluate(b.value as Node, { ...j, hops: j.hops + 1 })));
}

function call(node: Node, j: Judge): Tri {
  const fn = node.childForFieldName('function');
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
  if (fn?.type === 'identifier' && NUMERIC_CALLS.has(fn.text)) return 'yes';
  if (fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'repr')) return combine(args.map((a) => evaluate(a, j)));
  // `compile("x = 1", ...)`: a code object is as constant as its source.
  if (fn?.type === 'identifier' && fn.text === 'compile' && args[0]) return evaluate(args[0], j);
  if (fn?.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text;
    const receiver = fn.childForFieldName('object');
    // `", ".join(["%s"] * n)`, `"{}".format(X)`, `"ab".upper()`: string methods keep constant-ness.
    if (receiver && (receiver.type === 'string' || method === 'join' || method === 'format')) {
      return combine([evaluate(receiver, j), ...args.map((a) => evaluate(a, j))]);
    }
  }
  return 'no';
}

/** A detector's own verdict on a sub-expression (e.g. "escaped: unknown"), or undefined to go on. */
export type Override = (node: Node) => Tri | undefined;

/** Whether `node`'s value is fixed by the code (literals, constants, arithmetic on them). */
export function isConstant(node: Node, model: ScopeModel, override?: Override): Tri {
  return evaluate(node, { model, ...(override ? { override } : {}), hops: 0, nesting: 0 });
}

function evaluate(node: Node, outer: Judge): Tri {
  if (LITERALS.has(node.type)) return 'yes';
  const judged = outer.override?.(node);
  if (judged) return judged;
  if (outer.nesting > MAX_NESTING) return 'unknown';
  const j = { ...outer, nesting: outer.nesting + 1 };
  switch (node.type) {
    case 'string':
      return combine(interpolations(node).map((e) => evaluate(e, j)));
    case 'identifier':
      return identifier(node, j);
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      // `"?" * len(ids)`, `["%s"] * n`: repeating a literal keeps it constant.
      if (node.childForFieldName('operator')?.type === '*' && (isSequenceLiteral(left) || isSequenceLiteral(right))) {
        return evaluate((isSequenceLiteral(left) ? left : right) as Node, j);
      }
      return combine([left, right].map((p) => (p ? evaluate(p, j) : 'unknown')));
    }
    case 'call':
      return call(node, j);
    case 'attribute':
      return CONSTANT_NAME.test(node.childForFieldName('attribute')?.text ?? '') ? 'yes' : 'no';
    case 'subscript':
      return evaluate(node.childForFieldName('value') as Node, j) === 'yes' ? 'yes' : 'no';
    case 'conditional_expression': {
      const [body, , alternative] = node.namedChildren;
      return combine([body, alternative].map((p) => (p ? evaluate(p, j) : 'unknown')));
    }
    case 'generator_expression':
    case 'list_comprehension':
    case 'set_comprehension': {
      const body = node.childForFieldName('body');
      return body ? evaluate(body, j) : 'unknown';
    }
    case 'concatenated_string':
    case 'parenthesized_expression':
    case 'tuple':
    case 'list':
    case 'set':
    case 'unary_operator':
    case 'interpolation':
      return combine(node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').map((c) => evaluate(c, j)));
    case 'await':
    case 'lambda':
      return 'no';
    default:
      return 'unknown';
  }
}
