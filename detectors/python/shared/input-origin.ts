/**
 * "Does this value come from outside the function?" answered yes / no / unknown, for injection
 * rules that must only speak on a clear yes. `yes`: a parameter of the enclosing function (not
 * `self`/`cls`), data read from one (`request.args["q"]`, `body.text`), `input()`, or a local
 * variable or string built from those. `no`: constants and values quoted or converted to numbers.
 * Everything else (globals, call results, attributes of `self`) is `unknown`.
 */
import type { PyNode as Node } from '../../define.js';
import { type Tri, isConstant } from './constant.js';
import { calleeName } from './call-target.js';
import type { Binding, ScopeModel } from './scopes.js';

/** How a caller refines the answer: which parameters count, which values are neutralised. */
export interface OriginPolicy {
  /** Whether a parameter binding counts as outside input (default: every one but `self`/`cls`). */
  acceptsParameter?: (binding: Binding) => boolean;
  /** A caller's own verdict on a sub-expression (`shlex.quote(x)` → `no`), or undefined to go on. */
  judge?: (node: Node) => Tri | undefined;
}

/** String methods whose result carries their receiver's content. */
const PASS_THROUGH_METHODS = new Set([
  'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'casefold', 'replace', 'format', 'join', 'get', 'getlist',
  'decode', 'encode', 'split', 'removeprefix', 'removesuffix', 'get_json', 'json', 'getvalue', 'text',
]);
/** Builtins that turn any value into a number or bool: nothing left to inject. */
const NUMERIC = new Set(['int', 'float', 'len', 'bool', 'abs', 'round', 'ord', 'hash', 'id', 'min', 'max', 'sum']);
const MAX_HOPS = 3;
const MAX_DEPTH = 60;

interface Walk {
  model: ScopeModel;
  policy: OriginPolicy;
  hops: number;
  depth: number;
}

function combineYes(parts: Tri[]): Tri {
  if (parts.includes('yes')) return 'yes';
  return parts.every((p) => p === 'no') ? 'no' : 'unknown';
}

const defaultParameter = (b: Binding): boolean => b.name !== 'self' && b.name !== 'cls';

function identifier(node: Node, w: Walk): Tri {
  const found = w.model.lookup(node.text, w.model.scopeOf(node));
  if (found === null || found === 'builtin') return isConstant(node, w.model) === 'yes' ? 'no' : 'unknown';
  const bindings = found.bindings.get(node.text) ?? [];
  const param = bindings.find((b) => b.kind === 'param');
  if (param) return (w.policy.acceptsParameter ?? defaultParameter)(param) ? 'yes' : 'unknown';
  if (w.hops >= MAX_HOPS || bindings.length === 0) return 'unknown';
  if (!bindings.every((b) => (b.kind === 'assign' || b.kind === 'augassign' || b.kind === 'walrus') && b.value)) return 'unknown';
  return combineYes(bindings.map((b) => origin(b.value as Node, { ...w, hops: w.hops + 1 })));
}

/** The identifier at the head of `a.b[c].d`, or null. */
function headOf(node: Node): Node | null {
  let n: Node | null = node;
  while (n && (n.type === 'attribute' || n.type === 'subscript')) n = n.type === 'attribute' ? n.childForFieldName('object') : n.childForFieldName('value');
  return n?.type === 'identifier' ? n : null;
}

function call(node: Node, w: Walk): Tri {
  const fn = node.childForFieldName('function');
  const name = calleeName(fn);
  if (fn?.type === 'identifier') {
    if (NUMERIC.has(name)) return 'no';
    if (name === 'input' && w.model.lookup(name, w.model.scopeOf(fn)) === 'builtin') return 'yes';
    if (name === 'str') return combineYes(args(node).map((a) => origin(a, w)));
    return 'unknown';
  }
  if (fn?.type === 'attribute' && PASS_THROUGH_METHODS.has(name)) {
    const receiver = fn.childForFieldName('object');
    const parts = [receiver ? origin(receiver, w) : 'unknown', ...(name === 'format' || name === 'join' ? args(node).map((a) => origin(a, w)) : [])];
    return combineYes(parts as Tri[]);
  }
  return 'unknown';
}

const args = (node: Node): Node[] =>
  (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment').map((a) => (a.type === 'keyword_argument' ? (a.childForFieldName('value') as Node) : a));

function origin(node: Node, outer: Walk): Tri {
  const judged = outer.policy.judge?.(node);
  if (judged) return judged;
  if (outer.depth > MAX_DEPTH) return 'unknown';
  const w = { ...outer, depth: outer.depth + 1 };
  switch (node.type) {
    case 'identifier':
      return identifier(node, w);
    case 'attribute':
    case 'subscript': {
      const head = headOf(node);
      return head ? identifier(head, w) : 'unknown';
    }
    case 'call':
      return call(node, w);
    case 'string':
      return combineYes(node.namedChildren.filter((c): c is Node => c?.type === 'interpolation').map((i) => (i.childForFieldName('expression') ? origin(i.childForFieldName('expression') as Node, w) : 'unknown')));
    case 'binary_operator': {
      const parts = [node.childForFieldName('left'), node.childForFieldName('right')].filter((p): p is Node => p !== null);
      return combineYes(parts.map((p) => origin(p, w)));
    }
    case 'conditional_expression': {
      const [body, , alternative] = node.namedChildren;
      return combineYes([body, alternative].map((p) => (p ? origin(p, w) : 'unknown')));
    }
    case 'parenthesized_expression':
    case 'concatenated_string':
    case 'tuple':
    case 'list':
      return combineYes(node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').map((c) => origin(c, w)));
    case 'await':
      return 'unknown';
    default:
      return isConstant(node, w.model) === 'yes' ? 'no' : 'unknown';
  }
}

/** Whether `node`'s value comes from outside the function (see the module comment). */
export function inputOrigin(node: Node, model: ScopeModel, policy: OriginPolicy = {}): Tri {
  return origin(node, { model, policy, hops: 0, depth: 0 });
}
