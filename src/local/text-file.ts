/** Reads a file from disk for a whole-file review: binary and oversized files are refused with a reason. */
import { open } from 'node:fs/promises';

/** Same limit as the analysis engine: bigger files are bundles or generated code. */
export const MAX_TEXT_BYTES = 1_000_000;

/** Git's heuristic: a NUL byte in the first 8000 bytes makes a file binary. */
const BINARY_PROBE_BYTES = 8000;

/** A file's text and line count, or why it is not read. */
export type TextFile = { text: string; lineCount: number } | { skipped: string };

/** Number of lines, counting a last line without a terminator; "" has none. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return /(\r\n|\r|\n)$/.test(text) ? breaks : breaks + 1;
}

/** The set {1..count}: every line of a file counts as changed. */
export function allLines(count: number): Set<number> {
  return new Set(Array.from({ length: count }, (_, i) => i + 1));
}

/** Reads `absPath` as UTF-8 text, or says why it is skipped ("binary", "larger than ... bytes"). */
export async function readTextFile(absPath: string): Promise<TextFile> {
  const handle = await open(absPath, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_TEXT_BYTES) return { skipped: `larger than ${MAX_TEXT_BYTES} bytes` };
    const bytes = await handle.readFile();
    if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { skipped: 'binary' };
    const text = bytes.toString('utf8');
    return { text, lineCount: countLines(text) };
  } finally {
    await handle.close();
  }
}
