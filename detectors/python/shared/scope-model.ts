/**
 * The binding model of a Python module: scopes, what binds where, every name use, and Python's
 * lookup rules (LEGB, class scopes invisible from nested functions, `global`/`nonlocal`).
 */
import type { PyNode as Node } from '../../define.js';
import { CLASS_IMPLICIT, PY_BUILTINS } from './builtins.js';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension' | 'annotation';

export type BindingKind =
  | 'import' | 'from-import' | 'future-import'
  | 'assign' | 'augassign' | 'annotation-only' | 'param' | 'def' | 'class' | 'for' | 'with' | 'except'
  | 'walrus' | 'match' | 'type-param' | 'type-alias' | 'global' | 'del';

export interface Scope {
  kind: ScopeKind;
  /** The node that opens the scope (`module`, `function_definition`, a comprehension, ...). */
  node: Node;
  parent: Scope | null;
  bindings: Map<string, Binding[]>;
  globals: Set<string>;
  nonlocals: Set<string>;
}

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The identifier that binds (for imports: the dotted name or aliased import). */
  node: Node;
  /** The assigned value for `name = value`, `name += value`, `name := value`. */
  value?: Node;
  scope: Scope;
}

export interface ImportBinding extends Binding {
  kind: 'import' | 'from-import' | 'future-import';
  statement: Node;
  /** `a.b` for `import a.b`; the `from` part (`..pkg`) for a from-import. */
  module: string;
  /** The imported name of a from-import (`x` in `from m import x as y`); equals `module` otherwise. */
  imported: string;
  /** `import x as x` / `from m import x as x`: the explicit re-export idiom. */
  reexport: boolean;
}

/** `local-annotation`: `x: T = ...` in a function, never evaluated at run time (PEP 526). */
export type UseKind = 'load' | 'annotation' | 'local-annotation' | 'del';

export interface Use {
  name: string;
  node: Node;
  scope: Scope;
  kind: UseKind;
}

/** What a whole-module lookup found: a scope, a builtin, or nothing. */
export type Resolution = Scope | 'builtin' | null;

/** The finished model of one module. */
export class ScopeModel {
  readonly scopes: Scope[] = [];
  readonly uses: Use[] = [];
  readonly imports: ImportBinding[] = [];
  /** Names mentioned in string annotations, type comments, `__all__` and `cast()` strings. */
  readonly softUses = new Set<string>();
  /** Builtins called that make the namespace dynamic (`globals`, `locals`, `vars`, `eval`, `exec`, `dir`). */
  readonly dynamicCalls = new Set<string>();
  starImport = false;
  /** The module writes its own namespace at run time (`globals()`, module-level `exec`, `sys.modules[__name__]`). */
  writesNamespace = false;
  /** `print x`, `exec code`, `except E, e:`: Python 2 source. */
  python2 = false;
  private readonly byNode = new Map<number, Scope>();
  /** The scope of every identifier read, by node id: `scopeOf` answers without walking up. */
  private readonly useScopes = new Map<number, Scope>();
  private usedIndex: Map<Scope, Set<string>> | undefined;

  constructor(readonly module: Scope, readonly hasErrors: boolean) {
    this.addScope(module);
  }

  addScope(scope: Scope): void {
    this.scopes.push(scope);
    if (scope.kind !== 'annotation') this.byNode.set(scope.node.id, scope);
  }

  /** The scope a name is looked up from at `from`, by Python's rules, or a builtin, or nothing. */
  lookup(name: string, from: Scope): Resolution {
    for (let s: Scope | null = from; s; s = enclosing(s)) {
      if (s.kind === 'module') {
        if (s.bindings.has(name)) return s;
        break;
      }
      if (s.globals.has(name)) return this.module.bindings.has(name) ? this.module : builtinOrNull(name);
      if (s.nonlocals.has(name)) continue;
      if (s.bindings.has(name) || isImplicit(s, name)) return s;
    }
    return builtinOrNull(name);
  }

  resolve(use: Use): Resolution {
    return this.lookup(use.name, use.scope);
  }

  /** True when some use (or a string mention) of the binding's name reaches its scope. */
  isUsed(binding: Binding): boolean {
    if (this.softUses.has(binding.name)) return true;
    this.usedIndex ??= this.indexUses();
    return this.usedIndex.get(binding.scope)?.has(binding.name) ?? false;
  }

  /** True when `name` is bound anywhere in the module, in any scope. */
  boundAnywhere(name: string): boolean {
    return this.scopes.some((s) => s.bindings.has(name));
  }

  addUse(use: Use): void {
    this.uses.push(use);
    this.useScopes.set(use.node.id, use.scope);
  }

  /** The scope code at `node` runs in (decorators, defaults and bases belong to the outer scope). */
  scopeOf(node: Node): Scope {
    const known = this.useScopes.get(node.id);
    if (known) return known;
    let child: Node = node;
    for (let a = node.parent; a; child = a, a = a.parent) {
      const scope = this.byNode.get(a.id);
      if (!scope || scope.kind === 'module') continue;
      if (scope.kind === 'comprehension') {
        const first = a.namedChildren.find((c) => c?.type === 'for_in_clause');
        const right = first?.childForFieldName('right');
        const outer = first?.id === child.id && right && node.startIndex >= right.startIndex && node.endIndex <= right.endIndex;
        if (!outer) return scope;
      } else if (a.childForFieldName('body')?.id === child.id) {
        return scope;
      }
    }
    return this.module;
  }

  private indexUses(): Map<Scope, Set<string>> {
    const index = new Map<Scope, Set<string>>();
    const add = (scope: Scope, name: string): void => {
      const names = index.get(scope);
      if (names) names.add(name);
      else index.set(scope, new Set([name]));
    };
    for (const use of this.uses) {
      const found = this.resolve(use);
      if (found === null || found === 'builtin') continue;
      add(found, use.name);
      // `policy = policy.default` in a class body: before the class binds the name, the read falls
      // back to the module's binding (class bodies look names up in their namespace, then globals).
      if (found.kind === 'class' && found === use.scope && this.module.bindings.has(use.name) && readBeforeBound(use, found)) add(this.module, use.name);
    }
    return index;
  }
}

/** True when `use` runs before the first binding of its name in the class body `scope` (or in its value). */
function readBeforeBound(use: Use, scope: Scope): boolean {
  const first = scope.bindings.get(use.name)?.reduce((a, b) => (b.node.startIndex < a.node.startIndex ? b : a));
  if (!first) return false;
  const at = use.node.startIndex;
  return at <= first.node.startIndex || (first.value !== undefined && at >= first.value.startIndex && at < first.value.endIndex);
}

/** The next scope a lookup continues in: class bodies are skipped except by annotation scopes. */
export function enclosing(scope: Scope): Scope | null {
  let p = scope.parent;
  while (p && p.kind === 'class' && scope.kind !== 'annotation') p = p.parent;
  return p;
}

function isImplicit(scope: Scope, name: string): boolean {
  if (scope.kind === 'class') return CLASS_IMPLICIT.has(name);
  if (name !== '__class__') return false;
  // `__class__` is the implicit cell of every function defined (at any depth) in a class body.
  for (let p = scope.parent; p; p = p.parent) if (p.kind === 'class') return true;
  return false;
}

function builtinOrNull(name: string): Resolution {
  return PY_BUILTINS.has(name) ? 'builtin' : null;
}
