/**
 * Builds the `ScopeModel` of a module in one pass over its tree. An explicit work stack (not
 * recursion) keeps deep expressions (`a + b + ... + z` with thousands of terms) from overflowing.
 */
import type { PyNode as Node } from '../../define.js';
import { bindImports, classDefinition, comprehension, functionDefinition, lambda, typeAlias } from './scope-definitions.js';
import { type Binding, type BindingKind, type Scope, type ScopeKind, ScopeModel, type UseKind } from './scope-model.js';
import { collectSoftUses, noteStringMentions } from './scope-strings.js';
import { del, pattern, target } from './scope-targets.js';

/** How identifiers under a node are read: plain loads, annotation loads, targets, patterns, `del`. */
export type Mode = 'load' | 'annotation' | 'local-annotation' | 'typeish' | 'target' | 'pattern' | 'del';

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const DYNAMIC = new Set(['globals', 'locals', 'vars', 'eval', 'exec']);

/** Private name mangling: `__x` inside `class Foo` (at any depth) is `_Foo__x`. */
function mangle(name: string, scope: Scope): string {
  if (!name.startsWith('__') || name.endsWith('__')) return name;
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.kind !== 'class') continue;
    const owner = s.node.childForFieldName('name')?.text.replace(/^_+/, '') ?? '';
    return owner ? `_${owner}${name}` : name;
  }
  return name;
}

/** One module's builder; `run` drains the stack. */
export class ScopeBuilder {
  readonly model: ScopeModel;
  // The work stack as parallel arrays (no object per item: this runs for every node of the module).
  private readonly nodes: Node[] = [];
  private readonly scopes: Scope[] = [];
  private readonly modes: Mode[] = [];
  private readonly kinds: Array<BindingKind | undefined> = [];
  private readonly values: Array<Node | undefined> = [];
  /** Named children being queued, last first: `forEachNamedChildBackwards` nests, each call above the last. */
  private readonly pending: number[] = [];
  private pendingTop = 0;

  constructor(root: Node) {
    this.model = new ScopeModel(this.newScope('module', root, null), root.hasError);
  }

  newScope(kind: ScopeKind, node: Node, parent: Scope | null): Scope {
    const scope: Scope = { kind, node, parent, bindings: new Map(), globals: new Set(), nonlocals: new Set() };
    // The module scope is created before the model exists; the model's constructor registers it.
    this.model?.addScope(scope);
    return scope;
  }

  bind(raw: string, kind: BindingKind, node: Node, scope: Scope, value?: Node): Binding {
    const name = mangle(raw, scope);
    const binding: Binding = { name, kind, node, scope, ...(value ? { value } : {}) };
    const list = scope.bindings.get(name);
    if (list) list.push(binding);
    else scope.bindings.set(name, [binding]);
    return binding;
  }

  use(node: Node, scope: Scope, kind: UseKind): void {
    this.model.addUse({ name: mangle(node.text, scope), node, scope, kind });
  }

  /** Queues `node` (children are queued in reverse so they are processed in source order). */
  push(node: Node | null | undefined, scope: Scope, mode: Mode, kind?: BindingKind, value?: Node): void {
    if (!node) return;
    this.nodes.push(node);
    this.scopes.push(scope);
    this.modes.push(mode);
    this.kinds.push(kind || undefined);
    this.values.push(value || undefined);
  }

  pushChildren(node: Node, scope: Scope, mode: Mode, kind?: BindingKind): void {
    const tree = node.tree;
    const base = this.pendingTop;
    this.queueNamedChildren(node);
    for (let k = this.pendingTop - 1; k >= base; k--) this.push(tree.node(this.pending[k]), scope, mode, kind);
    this.pendingTop = base;
  }

  /** Calls `queue` on each named child, last first, so the stack yields them in source order. */
  pushEach(node: Node, queue: (child: Node) => void): void {
    const tree = node.tree;
    const base = this.pendingTop;
    this.queueNamedChildren(node);
    // `queue` may queue children of its own: they go above this call's, which stay put.
    const top = this.pendingTop;
    for (let k = top - 1; k >= base; k--) {
      queue(tree.node(this.pending[k]));
      this.pendingTop = top;
    }
    this.pendingTop = base;
  }

  /** Puts the indices of `node`'s named children on `pending` (no child list, no node objects). */
  private queueNamedChildren(node: Node): void {
    const { tree, id } = node;
    const ends = tree.subtreeEnds;
    const end = ends[id];
    for (let c = id + 1; c < end; c = ends[c]) {
      if (tree.isNamed(c)) {
        if (this.pendingTop < this.pending.length) this.pending[this.pendingTop] = c;
        else this.pending.push(c);
        this.pendingTop++;
      }
    }
  }

  run(): ScopeModel {
    const { nodes, scopes, modes, kinds, values } = this;
    while (nodes.length > 0) {
      const node = nodes.pop() as Node;
      const scope = scopes.pop() as Scope;
      const mode = modes.pop() as Mode;
      const kind = kinds.pop();
      const value = values.pop();
      if (mode === 'target') target(this, node, scope, kind ?? 'assign', value);
      else if (mode === 'pattern') pattern(this, node, scope);
      else if (mode === 'del') del(this, node, scope);
      else this.expression(node, scope, mode);
    }
    return this.model;
  }

  private expression(node: Node, scope: Scope, mode: Mode): void {
    const type = node.type;
    switch (type) {
      case 'identifier':
        return this.use(node, scope, mode === 'annotation' || mode === 'local-annotation' ? mode : 'load');
      case 'attribute':
        return this.push(node.childForFieldName('object'), scope, mode);
      case 'keyword_argument':
        return this.push(node.childForFieldName('value'), scope, mode);
      case 'comment':
        return;
      case 'string':
        if (mode !== 'load' && !node.namedChildren.some((c) => c?.type === 'interpolation')) {
          collectSoftUses(node, this.model.softUses);
          return;
        }
        return this.pushChildren(node, scope, 'load');
      case 'type':
        return this.pushChildren(node, scope, mode === 'local-annotation' ? mode : 'annotation');
      case 'member_type':
        return this.push(node.namedChildren.find((c) => c?.type === 'type'), scope, mode);
      case 'subscript':
        this.push(node.childForFieldName('value'), scope, mode);
        for (const index of node.childrenForFieldName('subscript')) this.push(index, scope, mode === 'load' ? 'typeish' : mode);
        return;
      case 'dotted_name':
        return this.push(node.namedChild(0), scope, mode);
      case 'lambda':
        return lambda(this, node, scope);
      case 'named_expression': {
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name) this.bind(name.text, 'walrus', name, target, value ?? undefined);
        return this.push(value, scope, mode);
      }
      case 'function_definition':
        return functionDefinition(this, node, scope);
      case 'class_definition':
        return classDefinition(this, node, scope);
      case 'assignment':
      case 'augmented_assignment':
        return this.assignment(node, scope);
      case 'for_statement': {
        const left = node.childForFieldName('left');
        return this.pushEach(node, (c) => this.push(c, scope, c.id === left?.id ? 'target' : 'load', 'for'));
      }
      case 'with_item':
      case 'except_clause':
      case 'as_pattern':
        return this.aliased(node, scope);
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        return bindImports(this, node, scope);
      case 'global_statement':
      case 'nonlocal_statement': {
        const names = node.type === 'global_statement' ? scope.globals : scope.nonlocals;
        for (const c of node.namedChildren) if (c?.type === 'identifier') names.add(mangle(c.text, scope));
        return;
      }
      case 'delete_statement':
        return this.pushChildren(node, scope, 'del');
      case 'case_clause':
        return this.pushEach(node, (c) => this.push(c, scope, c.type === 'case_pattern' ? 'pattern' : 'load'));
      case 'type_alias_statement':
        return typeAlias(this, node, scope);
      case 'print_statement':
      case 'exec_statement':
        this.model.python2 = true;
        return this.pushChildren(node, scope, 'load');
      case 'call':
        this.noteCall(node, scope);
        return this.pushChildren(node, scope, mode === 'typeish' ? 'load' : mode);
      default:
        if (COMPREHENSIONS.has(type)) return comprehension(this, node, scope);
        return this.pushChildren(node, scope, mode);
    }
  }

  private noteCall(node: Node, scope: Scope): void {
    const fn = node.childForFieldName('function');
    if (fn?.type === 'identifier' && (DYNAMIC.has(fn.text) || (fn.text === 'dir' && (node.childForFieldName('arguments')?.namedChildCount ?? 0) === 0))) {
      this.model.dynamicCalls.add(fn.text);
      // `globals()` anywhere, or `exec`/`locals()`/`vars()` at module level, can write module names.
      if (fn.text === 'globals' || (scope.kind === 'module' && fn.text !== 'eval' && fn.text !== 'dir')) this.model.writesNamespace = true;
    }
    noteStringMentions(node, this.model.softUses);
  }

  /** `with x as y`, `except E as e`, and stray `as` patterns: the alias binds, the rest loads. */
  private aliased(node: Node, scope: Scope): void {
    if (node.type === 'except_clause' && node.children.some((c) => c?.type === ',')) this.model.python2 = true;
    const kind: BindingKind = node.type === 'except_clause' ? 'except' : 'with';
    this.pushEach(node, (c) => {
      if (c.type === 'as_pattern' && node.type !== 'as_pattern') this.aliased(c, scope);
      else if (c.type === 'as_pattern_target') this.pushChildren(c, scope, 'target', kind);
      else this.push(c, scope, 'load');
    });
  }

  private assignment(node: Node, scope: Scope): void {
    const left = node.childForFieldName('left');
    let value = node.childForFieldName('right');
    const type = node.childForFieldName('type');
    this.push(value, scope, 'load');
    // Annotations of function locals are never evaluated (PEP 526).
    const local = scope.kind === 'function' || scope.kind === 'lambda' || scope.kind === 'comprehension';
    this.push(type, scope, local ? 'local-annotation' : 'annotation');
    while (value?.type === 'assignment') value = value.childForFieldName('right');
    if (!left) return;
    if (left.type === 'identifier' && left.text === '__all__') collectSoftUses(value, this.model.softUses, true);
    if (node.type === 'augmented_assignment') {
      if (left.type === 'identifier') {
        this.use(left, scope, 'load');
        this.bind(left.text, 'augassign', left, scope, value ?? undefined);
      } else this.push(left, scope, 'load');
      return;
    }
    this.push(left, scope, 'target', value || !type ? 'assign' : 'annotation-only', value ?? undefined);
  }
}
