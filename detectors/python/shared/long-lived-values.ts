/**
 * Values that live as long as the process or their object: module-level names and `self.x`
 * attributes, with every mention classified (see `collection-mentions.ts`) and the function each
 * mention runs in. Shared by unbounded-collection, unbounded-queue and global-mutable-state.
 */
import type { PyNode as Node } from '../../define.js';
import type { PyFile } from '../../define.js';
import { type Mention, classifyMention } from './collection-mentions.js';
import { type Scope, scopesOf } from './scopes.js';

export interface OwnedMention extends Mention {
  /** The `def` (or `lambda`) the mention runs in; null at module or class level (import time). */
  owner: Node | null;
}

export interface LongLived {
  /** `cache` for a module name, `self.cache` for an attribute. */
  key: string;
  /** The assigned value that creates it, and the assignment's target. */
  value: Node;
  target: Node;
  /** Every other mention, in source order (the creating assignment left out). */
  mentions: OwnedMention[];
}

function ownerOf(scope: Scope): Node | null {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.kind === 'function' || s.kind === 'lambda') return s.node;
    if (s.kind === 'module' || s.kind === 'class') return null;
  }
  return null;
}

/**
 * Module-level names bound exactly once, by a plain assignment whose value `accept`s, with their
 * mentions in every scope (a name rebound anywhere, `global` included, is left out).
 */
export function moduleValues(file: PyFile, accept: (value: Node) => boolean): LongLived[] {
  const model = scopesOf(file);
  const wanted = new Map<string, LongLived>();
  for (const [name, bindings] of model.module.bindings) {
    const only = bindings.length === 1 ? bindings[0] : undefined;
    if (!only || only.kind !== 'assign' || !only.value || !accept(only.value)) continue;
    wanted.set(name, { key: name, value: only.value, target: only.node, mentions: [] });
  }
  if (wanted.size === 0) return [];
  for (const use of model.uses) {
    const found = wanted.get(use.name);
    if (!found || use.kind !== 'load' || model.resolve(use) !== model.module) continue;
    found.mentions.push({ ...classifyMention(use.node), owner: ownerOf(use.scope) });
  }
  return [...wanted.values()];
}

/** A `self.x` mention seen during the traversal, with the `def` it is in. */
export interface AttributeMention {
  node: Node;
  owner: Node | null;
}

/** The `def` name of a mention's owner (`__init__`), the name a lambda is assigned to, or ''. */
export function ownerName(owner: Node | null): string {
  if (owner?.type !== 'lambda') return owner?.childForFieldName('name')?.text ?? '';
  const assignment = owner.parent;
  const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  return target?.type === 'identifier' ? target.text : '';
}

/** `self.x` mentions and plain `self.x = value` assignments collected during the traversal. */
export interface AttributeIndex {
  mentions: Map<string, AttributeMention[]>;
  assignments: Map<string, Array<{ target: Node; value: Node; owner: Node | null }>>;
}

/**
 * `self.x` attributes assigned exactly once in the file, in `__init__`, with a value that
 * `accept`s, and their other mentions classified (only those attributes pay for classification).
 */
export function instanceValues(index: AttributeIndex, accept: (value: Node) => boolean): LongLived[] {
  const out: LongLived[] = [];
  for (const [key, sets] of index.assignments) {
    if (sets.length !== 1 || ownerName(sets[0].owner) !== '__init__' || !accept(sets[0].value)) continue;
    const target = sets[0].target;
    const mentions = (index.mentions.get(key) ?? []).filter((m) => m.node.id !== target.id).map((m) => ({ ...classifyMention(m.node), owner: m.owner }));
    out.push({ key, value: sets[0].value, target, mentions });
  }
  return out;
}

/** `self.x` for an `attribute` node whose object is `self`, else null. */
const selfAttributeOf = (node: Node): string | null => {
  const object = node.childForFieldName('object');
  return object?.type === 'identifier' && object.text === 'self' ? `self.${node.childForFieldName('attribute')?.text ?? ''}` : null;
};

const selfAttribute = (node: Node | null): string | null => (node?.type === 'attribute' ? selfAttributeOf(node) : null);

/**
 * Collects `self.<name>` attribute nodes during the traversal: subscribe `function_definition`
 * (enter and exit), `attribute` and `assignment` to the returned handlers; `index` is complete at `end`.
 */
export function attributeCollector(): {
  index: AttributeIndex;
  enterDef: (def: Node) => void;
  leaveDef: () => void;
  attribute: (node: Node) => void;
  assignment: (node: Node) => void;
} {
  const index: AttributeIndex = { mentions: new Map(), assignments: new Map() };
  const defs: Array<Node | null> = [];
  const owner = (): Node | null => defs[defs.length - 1] ?? null;
  return {
    index,
    enterDef: (def) => {
      defs.push(def);
    },
    leaveDef: () => {
      defs.pop();
    },
    // Subscribed to `attribute` nodes only: the type need not be read again.
    attribute: (node) => {
      const key = selfAttributeOf(node);
      if (!key) return;
      const list = index.mentions.get(key);
      if (list) list.push({ node, owner: owner() });
      else index.mentions.set(key, [{ node, owner: owner() }]);
    },
    assignment: (node) => {
      const target = node.childForFieldName('left');
      const value = node.childForFieldName('right');
      const key = selfAttribute(target);
      if (!key || !target || !value) return;
      const list = index.assignments.get(key);
      if (list) list.push({ target, value, owner: owner() });
      else index.assignments.set(key, [{ target, value, owner: owner() }]);
    },
  };
}

/** Decorators and `register*()` helpers fill registries once, at import time. */
export function registersAtImport(owner: Node | null): boolean {
  if (!owner || owner.type !== 'function_definition') return false;
  const name = ownerName(owner);
  if (/^_*(register|add_\w*handler|add_\w*hook)/i.test(name)) return true;
  // A decorator returns the function or class it was given: `def route(fn): ROUTES[...] = fn; return fn`.
  let first = owner.childForFieldName('parameters')?.namedChild(0) ?? null;
  if (first?.type === 'default_parameter' || first?.type === 'typed_default_parameter') first = first.childForFieldName('name');
  else if (first?.type === 'typed_parameter') first = first.namedChild(0);
  const param = first?.type === 'identifier' ? first.text : undefined;
  return !!param && new RegExp(`\\breturn\\s+${param}\\s*$`, 'm').test(owner.childForFieldName('body')?.text ?? '');
}

/**
 * Names of functions the module calls at import time (`def_op("POP_TOP", 1)` at top level or in a
 * class body): what
 * they add happens once per process, not once per request.
 */
export function calledAtImport(file: PyFile): Set<string> {
  return file.memo('python/called-at-import', () => {
    const model = scopesOf(file);
    const out = new Set<string>();
    const defs = model.module.bindings;
    for (const use of model.uses) {
      // Class bodies run at import too: `side_effect = _delegating_property("side_effect")`.
      if ((use.scope.kind !== 'module' && use.scope.kind !== 'class') || out.has(use.name)) continue;
      // Only module-level functions matter; checking the name first spares a costly `parent`.
      if (!defs.get(use.name)?.some((b) => b.kind === 'def' || b.value?.type === 'lambda')) continue;
      const parent = use.node.parent;
      // `def_op(...)` at top level, or `@_define_event` on a module-level definition.
      if (parent?.type === 'decorator' || (parent?.type === 'call' && parent.childForFieldName('function')?.id === use.node.id)) out.add(use.name);
    }
    return out;
  });
}
