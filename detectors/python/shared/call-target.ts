/**
 * What a call calls and with which arguments: the dotted name a function resolves to through the
 * module's imports (`sp.run` → `subprocess.run`), its positional and keyword arguments.
 */
import type { PyNode as Node } from '../../define.js';
import type { ImportBinding, ScopeModel } from './scopes.js';

/** The last name of a callee: `run` for `subprocess.run`, `f` for `f`, '' otherwise. */
export function calleeName(fn: Node | null): string {
  const type = fn?.type;
  if (type === 'attribute') return fn?.childForFieldName('attribute')?.text ?? '';
  return type === 'identifier' ? (fn?.text ?? '') : '';
}

/** The dotted path an import binding stands for: `os` for `import os.path`, `os.path` for `from os import path`. */
function importedPath(b: ImportBinding): string {
  if (b.kind === 'from-import') return `${b.module}.${b.imported}`;
  return b.node.type === 'aliased_import' ? b.imported : b.name;
}

/**
 * The dotted name `node` (an identifier or attribute chain) refers to when its head is an import
 * of the module (`requests.get`, `subprocess.Popen`), or null when the head is anything else: a
 * local variable, a parameter, a name both imported and reassigned.
 */
export function importedName(node: Node | null, model: ScopeModel): string | null {
  const parts: string[] = [];
  let head = node;
  while (head?.type === 'attribute') {
    parts.unshift(head.childForFieldName('attribute')?.text ?? '');
    head = head.childForFieldName('object');
  }
  if (head?.type !== 'identifier') return null;
  const name = head.text;
  const found = model.lookup(name, model.scopeOf(head));
  if (found === null || found === 'builtin') return null;
  const bindings = found.bindings.get(name) ?? [];
  // `requests = FakeSession()` next to the import: we cannot tell which one runs.
  if (bindings.some((b) => b.kind !== 'import' && b.kind !== 'from-import')) return null;
  const binding = model.imports.find((b) => b.scope === found && b.name === name);
  return binding ? [importedPath(binding), ...parts].join('.') : null;
}

/** The arguments of a call, comments left out. */
export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
  /** The keyword argument nodes themselves (for fixes that remove one). */
  keywordNodes: Map<string, Node>;
  /** `*args` or `**kwargs` passed: any keyword may be among them. */
  splat: boolean;
  list: Node | null;
}

/** Splits a call's arguments into positional ones, keywords and splats. */
export function callArguments(call: Node): CallArguments {
  const list = call.childForFieldName('arguments');
  const out: CallArguments = { positional: [], keywords: new Map(), keywordNodes: new Map(), splat: false, list };
  if (list?.type !== 'argument_list') return out;
  for (const a of list.namedChildren) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text ?? '';
      const value = a.childForFieldName('value');
      if (value) out.keywords.set(name, value);
      out.keywordNodes.set(name, a);
    } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') out.splat = true;
    else out.positional.push(a);
  }
  return out;
}

/** Strips redundant parentheses: `(x)` → `x`. */
export function unparenthesized(node: Node | null): Node | null {
  let n = node;
  while (n?.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0);
  return n;
}

/** True for the literal `True` / `False` (after parentheses). */
export function isBoolLiteral(node: Node | null, value: boolean): boolean {
  return unparenthesized(node)?.type === (value ? 'true' : 'false');
}

/** The text of a plain string literal (no interpolation), or null. */
export function stringLiteral(node: Node | null): string | null {
  const n = unparenthesized(node);
  if (!n) return null;
  if (n.type === 'concatenated_string') {
    const parts = n.namedChildren.map((c) => stringLiteral(c));
    return parts.every((p) => p !== null) ? parts.join('') : null;
  }
  if (n.type !== 'string' || n.namedChildren.some((c) => c?.type === 'interpolation')) return null;
  return n.namedChildren.filter((c) => c?.type === 'string_content' || c?.type === 'escape_sequence').map((c) => c?.text ?? '').join('');
}

/** `"abc…"` for messages: code shortened to one line of at most `max` characters. */
export function shorten(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
