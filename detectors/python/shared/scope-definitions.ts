/**
 * The constructs that open scopes or bind in unusual ways: `def`, `class`, `lambda`,
 * comprehensions, PEP 695 type parameters, `type X = ...`, and imports.
 */
import type { PyNode as Node } from '../../define.js';
import type { ScopeBuilder } from './scope-builder.js';
import type { ImportBinding, Scope } from './scope-model.js';

/** PEP 695 `[T, *Ts, **P]`: an annotation scope binding the parameters, or `scope` when absent. */
function typeParameterScope(b: ScopeBuilder, owner: Node, list: Node | null, scope: Scope): Scope {
  if (!list) return scope;
  const inner = b.newScope('annotation', owner, scope);
  for (const t of list.namedChildren) {
    // `T`, `T: bound`, `*Ts`, `**P`: the first identifier binds, bounds and constraints load.
    const first = t?.namedChild(0);
    const core = first?.type === 'constrained_type' ? first.namedChild(0)?.namedChild(0) : first;
    const name = core?.type === 'splat_type' ? core.namedChild(0) : core;
    if (name?.type === 'identifier') b.bind(name.text, 'type-param', name, inner);
    if (first?.type === 'constrained_type') b.push(first.namedChild(1), inner, 'annotation');
  }
  return inner;
}

/** One parameter: the name binds in the function; defaults and annotations load outside it. */
function parameter(b: ScopeBuilder, p: Node, inner: Scope, outer: Scope): void {
  switch (p.type) {
    case 'identifier':
      b.bind(p.text, 'param', p, inner);
      return;
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
    case 'tuple_pattern':
      for (const c of p.namedChildren) if (c) parameter(b, c, inner, outer);
      return;
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = p.childForFieldName('name');
      if (name) parameter(b, name, inner, outer);
      b.push(p.childForFieldName('type'), outer, 'annotation');
      b.push(p.childForFieldName('value'), outer, 'load');
      return;
    }
    case 'typed_parameter': {
      const name = p.namedChild(0);
      if (name && name.type !== 'type') parameter(b, name, inner, outer);
      b.push(p.childForFieldName('type'), outer, 'annotation');
      return;
    }
    default:
      // `*`, `/` separators and comments bind nothing.
      return;
  }
}

function parameters(b: ScopeBuilder, list: Node | null, inner: Scope, outer: Scope): void {
  const params = list?.namedChildren ?? [];
  for (let i = params.length - 1; i >= 0; i--) {
    const p = params[i];
    if (p) parameter(b, p, inner, outer);
  }
}

/** `def`: the name binds outside; decorators, defaults and annotations run outside; the body inside. */
export function functionDefinition(b: ScopeBuilder, node: Node, scope: Scope): void {
  const name = node.childForFieldName('name');
  if (name) b.bind(name.text, 'def', name, scope);
  const outer = typeParameterScope(b, node, node.childForFieldName('type_parameters'), scope);
  const inner = b.newScope('function', node, outer);
  b.push(node.childForFieldName('body'), inner, 'load');
  b.push(node.childForFieldName('return_type'), outer, 'annotation');
  parameters(b, node.childForFieldName('parameters'), inner, outer);
}

/** `class`: the name binds outside; bases and keywords run outside; the body is a class scope. */
export function classDefinition(b: ScopeBuilder, node: Node, scope: Scope): void {
  const name = node.childForFieldName('name');
  if (name) b.bind(name.text, 'class', name, scope);
  const outer = typeParameterScope(b, node, node.childForFieldName('type_parameters'), scope);
  b.push(node.childForFieldName('body'), b.newScope('class', node, outer), 'load');
  b.push(node.childForFieldName('superclasses'), outer, 'load');
}

export function lambda(b: ScopeBuilder, node: Node, scope: Scope): void {
  const inner = b.newScope('lambda', node, scope);
  b.push(node.childForFieldName('body'), inner, 'load');
  parameters(b, node.childForFieldName('parameters'), inner, scope);
}

/** The first iterable runs in the enclosing scope; targets, conditions and the body inside. */
export function comprehension(b: ScopeBuilder, node: Node, scope: Scope): void {
  const inner = b.newScope('comprehension', node, scope);
  const first = node.namedChildren.find((c) => c?.type === 'for_in_clause');
  b.pushEach(node, (c) => {
    if (c.type !== 'for_in_clause') return b.push(c, inner, 'load');
    const left = c.childForFieldName('left');
    b.pushEach(c, (part) => {
      if (part.id === left?.id) b.push(part, inner, 'target', 'for');
      else b.push(part, c.id === first?.id ? scope : inner, 'load');
    });
  });
}

/** `type X[T] = ...`: `X` binds here; the value is lazily evaluated where `T` is visible. */
export function typeAlias(b: ScopeBuilder, node: Node, scope: Scope): void {
  const left = node.childForFieldName('left')?.namedChild(0);
  const name = left?.type === 'generic_type' ? left.namedChild(0) : left;
  if (name?.type === 'identifier') b.bind(name.text, 'type-alias', name, scope);
  const params = left?.type === 'generic_type' ? left.namedChildren.find((c) => c?.type === 'type_parameter') ?? null : null;
  b.push(node.childForFieldName('right'), typeParameterScope(b, node, params, scope), 'annotation');
}

const spaced = (text: string): string => text.replace(/\s+/g, '');

/** `import a.b` binds `a`; `import a.b as c` binds `c`; `from m import x as y` binds `y`. */
export function bindImports(b: ScopeBuilder, node: Node, scope: Scope): void {
  const model = b.model;
  const from = node.type === 'import_statement' ? null : node.type === 'future_import_statement' ? '__future__' : spaced(node.childForFieldName('module_name')?.text ?? '');
  if (node.namedChildren.some((c) => c?.type === 'wildcard_import')) model.starImport = true;
  for (const n of node.childrenForFieldName('name')) {
    const dotted = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
    const alias = n.type === 'aliased_import' ? n.childForFieldName('alias') : null;
    if (!dotted) continue;
    const path = spaced(dotted.text);
    const name = alias?.text ?? (from === null ? path.split('.')[0] : path);
    const kind = from === null ? 'import' : from === '__future__' ? 'future-import' : 'from-import';
    const binding = b.bind(name, kind, n, scope) as ImportBinding;
    Object.assign(binding, { statement: node, module: from ?? path, imported: path, reexport: alias?.text === path });
    model.imports.push(binding);
  }
}
