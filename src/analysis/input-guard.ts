/**
 * Cheap checks run before parsing, so hostile input costs a linear scan, not a parser's stack: the
 * TypeScript parser recurses per nesting level and overflows the stack near 1,000 levels.
 */

/** Bracket nesting deeper than this is not parsed (real code stays far below; generated data does not). */
export const MAX_NESTING_DEPTH = 256;

/** The deepest bracket nesting of `text`, counting past `limit` no further (strings are not skipped). */
export function bracketDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  // A switch on the char code: this runs over every byte of every file, so no Set lookups here.
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x28: // (
      case 0x5b: // [
      case 0x7b: // {
        depth++;
        if (depth > deepest) {
          deepest = depth;
          if (deepest > limit) return deepest;
        }
        break;
      case 0x29: // )
      case 0x5d: // ]
      case 0x7d: // }
        if (depth > 0) depth--;
        break;
      default:
        break;
    }
  }
  return deepest;
}

/** Why `text` is not parsed at all (binary content, absurd nesting), or undefined. */
export function unparseableReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'binary content (NUL bytes)';
  if (bracketDepth(text, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) return `nesting deeper than ${MAX_NESTING_DEPTH} levels`;
  return undefined;
}
