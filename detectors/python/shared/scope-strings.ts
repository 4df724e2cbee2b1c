/**
 * Names mentioned in strings and comments that still refer to bindings: string annotations
 * (`x: "Foo"`), `cast("Foo", v)`, `TypeVar("T", bound="Foo")`, `__all__` entries and `# type:`
 * comments. A plain token scan: good enough to know an import is used, never used to report.
 */
import type { PyNode as Node } from '../../define.js';

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
const TYPE_CALLS = new Set(['cast', 'TypeVar', 'ForwardRef', 'NewType', 'TypeAliasType', 'ParamSpec', 'TypeVarTuple']);
/** Long strings are prose (docstrings, messages), not type expressions. */
const MAX_SCANNED = 2000;

function scanString(node: Node, into: Set<string>): void {
  for (const part of node.namedChildren) {
    if (part?.type !== 'string_content') continue;
    const text = part.text;
    if (text.length > MAX_SCANNED) continue;
    for (const m of text.matchAll(IDENTIFIER)) into.add(m[0]);
  }
}

/** Adds the identifiers of every string literal in `node` (itself included) to `into`. */
export function collectSoftUses(node: Node | null | undefined, into: Set<string>, deep = false): void {
  if (!node) return;
  if (node.type === 'string') return scanString(node, into);
  if (!deep && node.type !== 'concatenated_string') return;
  for (const s of node.descendantsOfType('string')) if (s) scanString(s, into);
}

/** `cast("Foo", x)`, `TypeVar("T", bound="Foo")`, `__all__.extend([...])`: their strings name bindings. */
export function noteStringMentions(call: Node, into: Set<string>): void {
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  const owner = fn?.type === 'attribute' ? fn.childForFieldName('object')?.text : undefined;
  if ((name && TYPE_CALLS.has(name)) || owner === '__all__') {
    collectSoftUses(call.childForFieldName('arguments'), into, true);
  }
}

/** `# type: (int) -> Foo` comments (PEP 484) name types too. */
export function collectTypeComments(text: string, into: Set<string>): void {
  if (!text.includes('type:')) return;
  for (const m of text.matchAll(/#\s*type:\s*([^\n#]*)/g)) {
    const body = m[1];
    if (/^ignore\b/.test(body)) continue;
    for (const t of body.matchAll(IDENTIFIER)) into.add(t[0]);
  }
}
