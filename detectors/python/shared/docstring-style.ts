/**
 * The style of a Python docstring, for inconsistent-docstring: its quotes (`"""` or `'''`) and its
 * section format (Google `Args:`, NumPy `Parameters\n----------`, reST `:param x:`, epytext
 * `@param`), or null where a docstring shows no such sign (a one-liner fits any format).
 */
import type { PyNode as Node } from '../../define.js';

export type QuoteStyle = '"""' | "'''";
export type FormatStyle = 'Google' | 'NumPy' | 'reST' | 'epytext';

export interface DocstringStyle {
  quotes: QuoteStyle | null;
  format: FormatStyle | null;
}

const NUMPY = /^[ \t]*(Parameters|Returns|Yields|Raises|See Also|Notes|Examples|Attributes|Other Parameters|Methods|Warns|References)[ \t]*\r?\n[ \t]*-{3,}[ \t]*$/m;
const GOOGLE = /^[ \t]*(Args|Arguments|Returns|Yields|Raises|Keyword Args|Keyword Arguments|Kwargs)[ \t]*:[ \t]*\r?\n[ \t]+\S/m;
const REST = /^[ \t]*:(param|parameter|arg|argument|key|keyword|type|returns?|rtype|raises?|except|exception|ivar|cvar|var|vartype)\b[^:\n]*:/m;
const EPYTEXT = /^[ \t]*@(param|type|return|returns|rtype|raise|raises|ivar|cvar|var|keyword)\b/m;

/** The quotes a string literal opens with, after its prefix (`r"""` → `"""`); null for single quotes. */
export function quoteStyle(text: string): QuoteStyle | null {
  const body = text.replace(/^[rRuUbBfF]+/, '');
  if (body.startsWith('"""')) return '"""';
  return body.startsWith("'''") ? "'''" : null;
}

/** The section format a docstring's text uses, or null when it shows none. */
export function formatStyle(text: string): FormatStyle | null {
  if (NUMPY.test(text)) return 'NumPy';
  if (REST.test(text)) return 'reST';
  if (GOOGLE.test(text)) return 'Google';
  return EPYTEXT.test(text) ? 'epytext' : null;
}

/** The style of a docstring's string node (a plain `string`; concatenations have none). */
export function docstringStyle(string: Node): DocstringStyle {
  if (string.type !== 'string') return { quotes: null, format: null };
  return { quotes: quoteStyle(string.text), format: formatStyle(string.text) };
}

/**
 * The majority value of `values` when it is clear: at least `minimum` of them, at least twice as many
 * as all the others together, and at least one other; otherwise null.
 */
export function clearMajority<T>(values: readonly T[], minimum = 3): T | null {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  const others = values.length - bestCount;
  return best !== null && bestCount >= minimum && others > 0 && bestCount >= 2 * others ? best : null;
}
