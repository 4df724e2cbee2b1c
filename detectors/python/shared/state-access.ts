/**
 * How Python code touches a piece of state, syntactically: is a read a *check* (it decides a branch
 * or is kept in a local), is a node the target of an assignment or the receiver of an attribute,
 * call or subscript, does a write clear the state rather than claim it. Ancestor looks only.
 */
import type { PyNode as Node } from '../../define.js';
import { unparenthesized } from './call-target.js';

/** Nodes a check passes through on its way to the condition (`not`, `is None`, `and`). */
const CHECK_PASS = new Set(['parenthesized_expression', 'not_operator', 'comparison_operator', 'boolean_operator']);
const CLEARING = new Set(['none', 'false']);


/** The statement a check decides, the assignment that keeps it, or null when the value is not a check. */
export function checkGuard(node: Node): Node | null {
  return checkGuardFrom(node, node.parent);
}

/** `checkGuard` for a caller that already has `node.parent` (each `parent` read builds a node). */
export function checkGuardFrom(node: Node, nodeParent: Node | null): Node | null {
  let child = node;
  let parent = nodeParent;
  while (parent && CHECK_PASS.has(parent.type)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return null;
  if (parent.type === 'if_statement' || parent.type === 'elif_clause' || parent.type === 'while_statement') {
    return parent.childForFieldName('condition')?.id === child.id ? parent : null;
  }
  if (parent.type === 'conditional_expression') return parent.namedChild(1)?.id === child.id ? parent : null;
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === child.id && parent.childForFieldName('left')?.type === 'identifier') return parent;
  return null;
}

/** True when `node` is the receiver of a further attribute, call or subscript (`self.cache` in `self.cache.get(k)`). */
export function isReceiver(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'attribute') return parent.childForFieldName('object')?.id === node.id;
  if (parent.type === 'call') return parent.childForFieldName('function')?.id === node.id;
  if (parent.type === 'subscript') return parent.childForFieldName('value')?.id === node.id;
  return false;
}

/** The assignment `node` is the target of (`x = ...`, `x += ...`), or null. */
export function assignedBy(node: Node): Node | null {
  const parent = node.parent;
  if (parent?.type !== 'assignment' && parent?.type !== 'augmented_assignment') return null;
  return parent.childForFieldName('left')?.id === node.id ? parent : null;
}

/** `None`, `False`, `0`, `""`: a write that clears state (teardown), not one that claims it. */
export function isClearing(value: Node | null): boolean {
  const v = unparenthesized(value);
  if (!v) return false;
  return CLEARING.has(v.type) || (v.type === 'integer' && v.text === '0') || v.text === '""' || v.text === "''";
}
