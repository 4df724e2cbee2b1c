/** Small facts about `function_definition` nodes shared by the metric detectors. */
import type { PyNode as Node } from '../../define.js';

/** The function's name (`<anonymous>` only on a broken tree). */
export function functionName(def: Node): string {
  return def.childForFieldName('name')?.text ?? '<anonymous>';
}

/** `__init__`, `__eq__`: Python's protocol methods. */
export function isDunder(name: string): boolean {
  return /^__\w+__$/.test(name);
}

/**
 * Per-file prefix sums of lines that hold code (not blank, not comment-only), so the code lines of
 * any span cost O(1): `codeLines(a, b)` counts rows `a..b` inclusive (0-based).
 */
export function codeLineCounter(lines: readonly string[]): (from: number, to: number) => number {
  const prefix = new Uint32Array(lines.length + 1);
  for (let i = 0; i < lines.length; i += 1) {
    const t = lines[i].trim();
    prefix[i + 1] = prefix[i] + (t !== '' && !t.startsWith('#') ? 1 : 0);
  }
  return (from, to) => {
    const a = Math.max(0, Math.min(from, lines.length));
    const b = Math.max(a, Math.min(to + 1, lines.length));
    return prefix[b] - prefix[a];
  };
}

/** The docstring statement of a function or class body, if its first statement is a string. */
export function docstringOf(def: Node): Node | null {
  const body = def.childForFieldName('body');
  const first = body?.firstNamedChild;
  if (first?.type !== 'expression_statement') return null;
  const e = first.firstNamedChild;
  return e && (e.type === 'string' || e.type === 'concatenated_string') ? first : null;
}
