/**
 * Which values outlive a call in Python: instance and class attributes (`self.cache`, `cls.registry`)
 * and module-level variables (`_sessions = {}`, a `global` rebound from a function).
 */
import type { PyNode as Node } from '../../define.js';
import type { ScopeModel } from './scopes.js';

/** Binding kinds of a plain variable (not an import, `def` or `class`). */
const VARIABLE_KINDS = new Set(['assign', 'augassign', 'annotation-only', 'global']);

/** True when identifier `id` refers to a module-level variable of this file, from wherever it is used. */
export function isModuleVariable(id: Node, model: ScopeModel): boolean {
  const found = model.lookup(id.text, model.scopeOf(id));
  if (found !== model.module) return false;
  const bindings = found.bindings.get(id.text) ?? [];
  return bindings.length > 0 && bindings.every((b) => VARIABLE_KINDS.has(b.kind));
}

/**
 * The text of `node` when it denotes state that outlives the call: `self.cache`, `self._state.items`,
 * `cls.registry`, a module-level `_sessions` (or an attribute of one); null otherwise.
 */
export function sharedStateName(node: Node | null, model: ScopeModel): string | null {
  if (!node) return null;
  let root: Node | null = node;
  while (root?.type === 'attribute') root = root.childForFieldName('object');
  if (root?.type !== 'identifier') return null;
  if (root.id === node.id) return isModuleVariable(root, model) ? node.text : null;
  if (root.text === 'self' || root.text === 'cls') return node.text.replace(/\s+/g, '');
  return isModuleVariable(root, model) ? node.text.replace(/\s+/g, '') : null;
}
