/**
 * Stable finding identity: rule id, path, the flagged line's text with white space folded, and the
 * occurrence of that triple in the file. Line numbers are left out so a shift keeps the identity.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';

function normalise(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ');
}

/** Fingerprints of `findings` (same order); `linesOf` gives a file's source lines. */
export function fingerprintFindings(
  findings: readonly Finding[],
  linesOf: (path: string) => readonly string[],
): string[] {
  const seen = new Map<string, number>();
  const order = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => a.finding.file.localeCompare(b.finding.file) || a.finding.line - b.finding.line || (a.finding.column ?? 0) - (b.finding.column ?? 0) || a.index - b.index);
  const result: string[] = new Array<string>(findings.length);
  for (const { finding, index } of order) {
    const base = `${finding.ruleId}\u0000${finding.file}\u0000${normalise(linesOf(finding.file)[finding.line - 1])}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    result[index] = createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 16);
  }
  return result;
}
