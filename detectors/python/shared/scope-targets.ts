/** Binding targets: assignment/`for`/`with`/`except` targets, `match` patterns and `del`. */
import type { PyNode as Node } from '../../define.js';
import type { ScopeBuilder } from './scope-builder.js';
import type { BindingKind, Scope } from './scope-model.js';

/** Assignment, `for`, `with`, `except` targets: names bind; attribute/subscript parts load. */
export function target(b: ScopeBuilder, node: Node, scope: Scope, kind: BindingKind, value: Node | undefined): void {
  switch (node.type) {
    case 'identifier':
      b.bind(node.text, kind, node, scope, value);
      return;
    case 'attribute':
    case 'subscript':
      return b.push(node, scope, 'load');
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
    case 'parenthesized_expression':
    case 'list_splat_pattern':
    case 'list_splat':
    case 'as_pattern_target':
      return b.pushChildren(node, scope, 'target', kind);
    case 'comment':
      return;
    default:
      return b.push(node, scope, 'load');
  }
}

/** `match` patterns: bare names capture (bind); dotted names and class names load. */
export function pattern(b: ScopeBuilder, node: Node, scope: Scope): void {
  switch (node.type) {
    case 'identifier':
      b.bind(node.text, 'match', node, scope);
      return;
    case 'dotted_name':
      if (node.namedChildCount === 1) return pattern(b, node.namedChild(0) as Node, scope);
      return b.push(node.namedChild(0), scope, 'load');
    case 'class_pattern':
      return b.pushEach(node, (c) => b.push(c, scope, c.id === node.namedChild(0)?.id ? 'load' : 'pattern'));
    case 'keyword_pattern':
      return b.pushEach(node, (c) => {
        if (c.id !== node.namedChild(0)?.id) b.push(c, scope, 'pattern');
      });
    case 'dict_pattern':
      for (let i = node.childCount - 1; i >= 0; i--) {
        const c = node.child(i);
        if (c?.isNamed) b.push(c, scope, node.fieldNameForChild(i) === 'key' ? 'load' : 'pattern');
      }
      return;
    case 'string':
    case 'concatenated_string':
    case 'complex_pattern':
    case 'integer':
    case 'float':
    case 'comment':
      return;
    default:
      return b.pushChildren(node, scope, 'pattern');
  }
}

/** `del` targets: names are used, and (like assignments) made local to a function. */
export function del(b: ScopeBuilder, node: Node, scope: Scope): void {
  if (node.type === 'identifier') {
    // `del x` needs `x` bound and, like an assignment, makes it local to a function.
    b.use(node, scope, 'del');
    b.bind(node.text, 'del', node, scope);
    return;
  }
  if (['expression_list', 'tuple', 'list', 'parenthesized_expression', 'pattern_list'].includes(node.type)) {
    return b.pushChildren(node, scope, 'del');
  }
  b.push(node, scope, 'load');
}
