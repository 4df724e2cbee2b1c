/** What a local variable holds where it is read: its assignments in the same scope before the read. */
import type { PyNode as Node } from '../../define.js';
import type { ScopeModel } from './scopes.js';

export interface ReachingValue {
  /** The assigned expression. */
  value: Node;
  /** The identifier bound by the assignment (for "built on line N"). */
  node: Node;
}

/**
 * The values `identifier` may hold when `at` runs: the last plain assignment before `at` in the
 * same scope, and the `+=` after it. Empty when the name is bound in another scope, is a
 * parameter, or is bound in any way other than assignment before `at`.
 */
export function reachingValues(identifier: Node, at: Node, model: ScopeModel): ReachingValue[] {
  if (identifier.type !== 'identifier') return [];
  const scope = model.scopeOf(identifier);
  if (model.lookup(identifier.text, scope) !== scope) return [];
  const before = (scope.bindings.get(identifier.text) ?? [])
    .filter((b) => b.node.startIndex < at.startIndex)
    .sort((a, b) => a.node.startIndex - b.node.startIndex);
  if (before.some((b) => b.kind !== 'assign' && b.kind !== 'augassign' && b.kind !== 'walrus')) return [];
  const lastSet = before.reduce((i, b, j) => (b.kind === 'augassign' ? i : j), -1);
  return before
    .slice(Math.max(lastSet, 0))
    .filter((b) => b.value)
    .map((b) => ({ value: b.value as Node, node: b.node }));
}
