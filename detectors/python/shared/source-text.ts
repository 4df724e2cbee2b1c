/** Text helpers for fixes: tree-sitter columns are UTF-8 byte offsets, JavaScript strings are UTF-16. */

/** The part of `line` between UTF-8 byte columns `from` and `to`. */
export function sliceBytes(line: string, from: number, to?: number): string {
  return Buffer.from(line, 'utf8').subarray(from, to).toString('utf8');
}

/** `line` with the bytes from `from` to `to` replaced by `text`. */
export function replaceBytes(line: string, from: number, to: number, text: string): string {
  return `${sliceBytes(line, 0, from)}${text}${sliceBytes(line, to)}`;
}
