/**
 * What one mention of a collection does to it: `x[k] = v`, `x.append(...)`, `del x[k]`, `len(x)`,
 * a plain read, or an escape (passed to a call, returned, aliased) after which anything may happen.
 * Shared by unbounded-collection, unbounded-queue and global-mutable-state.
 */
import type { PyNode as Node } from '../../define.js';

export type MentionKind =
  /** `x[k] = v`, `x[k] += 1` */
  | 'setitem'
  /** `del x[k]`, `x[:] = []` */
  | 'delitem'
  /** `x.method(...)`; the method is in `method` */
  | 'call'
  /** `x.attr` read without a call (`q.maxlen`) */
  | 'attribute'
  /** `len(x)` */
  | 'size'
  /** `x = ...`, `del x`, `x += ...` (rebinds or resets the collection) */
  | 'rebind'
  /** `x[k]`, `k in x`, `for k in x`, `if x:`, `sorted(x)`: reads only */
  | 'read'
  /** `f(x)`, `return x`, `y = x`: the collection leaves our sight */
  | 'escape';

export interface Mention {
  kind: MentionKind;
  node: Node;
  method?: string;
  /** For `call`: the call node (`x.pop(0)` has its argument there). */
  call?: Node;
}

/** Builtins that only read their argument. */
const READING_CALLS = new Set(['sorted', 'list', 'tuple', 'set', 'frozenset', 'dict', 'iter', 'any', 'all', 'sum', 'min', 'max', 'enumerate', 'repr', 'str', 'bool', 'id', 'isinstance', 'reversed', 'zip', 'map', 'filter', 'print', 'hash', 'type']);
/** Parents under which the mention is only read. */
const READING_PARENTS = new Set(['comparison_operator', 'not_operator', 'boolean_operator', 'if_statement', 'elif_clause', 'while_statement', 'conditional_expression', 'assert_statement', 'for_statement', 'for_in_clause', 'list_splat', 'dictionary_splat', 'interpolation', 'format_expression']);

const same = (a: Node | null | undefined, b: Node): boolean => !!a && a.id === b.id;

function subscriptUse(subscript: Node): MentionKind {
  const outer = subscript.parent;
  const isTarget = (outer?.type === 'assignment' || outer?.type === 'augmented_assignment') && same(outer.childForFieldName('left'), subscript);
  const isSlice = subscript.childForFieldName('subscript')?.type === 'slice';
  if (isTarget) return isSlice ? 'delitem' : 'setitem';
  if (outer?.type === 'delete_statement' || (outer?.type === 'expression_list' && outer.parent?.type === 'delete_statement')) return 'delitem';
  return 'read';
}

/** Classifies the mention `node` (an identifier, or a `self.x` attribute) of a collection. */
export function classifyMention(node: Node): Mention {
  const parent = node.parent;
  if (!parent) return { kind: 'read', node };
  switch (parent.type) {
    case 'attribute': {
      if (!same(parent.childForFieldName('object'), node)) return { kind: 'read', node };
      const method = parent.childForFieldName('attribute')?.text ?? '';
      const call = parent.parent;
      if (call?.type === 'call' && same(call.childForFieldName('function'), parent)) return { kind: 'call', node, method, call };
      return { kind: 'attribute', node, method };
    }
    case 'subscript':
      return same(parent.childForFieldName('value'), node) ? { kind: subscriptUse(parent), node } : { kind: 'read', node };
    case 'assignment':
    case 'augmented_assignment':
      return same(parent.childForFieldName('left'), node) ? { kind: 'rebind', node } : { kind: 'escape', node };
    case 'delete_statement':
      return { kind: 'rebind', node };
    case 'argument_list': {
      const fn = parent.parent?.childForFieldName('function');
      if (fn?.type === 'identifier' && fn.text === 'len') return { kind: 'size', node };
      return fn?.type === 'identifier' && READING_CALLS.has(fn.text) ? { kind: 'read', node } : { kind: 'escape', node };
    }
    default:
      return READING_PARENTS.has(parent.type) ? { kind: 'read', node } : { kind: 'escape', node };
  }
}

/** A collection constructor: `{}`, `[]`, `set()`, `dict()`, `defaultdict(list)`, `OrderedDict()`, ... */
export function emptyCollection(value: Node | null): 'dict' | 'list' | 'set' | null {
  if (!value) return null;
  if (value.type === 'dictionary') return value.namedChildCount === 0 ? 'dict' : null;
  if (value.type === 'list') return value.namedChildCount === 0 ? 'list' : null;
  if (value.type !== 'call') return null;
  const fn = value.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : '';
  const args = value.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type !== 'comment') ?? [];
  if ((name === 'dict' || name === 'OrderedDict' || name === 'Counter') && args.length === 0) return 'dict';
  if (name === 'defaultdict' && args.length <= 1) return 'dict';
  if (name === 'set' && args.length === 0) return 'set';
  if (name === 'list' && args.length === 0) return 'list';
  return null;
}

/** Methods that add to a dict, set or list. */
export const ADDING = new Set(['append', 'add', 'setdefault', 'extend', 'insert', 'update', 'appendleft', 'extendleft']);
/** Methods that remove from (or empty) a dict, set or list. */
export const REMOVING = new Set(['pop', 'popitem', 'popleft', 'clear', 'remove', 'discard', 'difference_update', 'intersection_update', 'symmetric_difference_update']);
