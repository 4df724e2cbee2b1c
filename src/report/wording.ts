/** Small, deterministic phrases shared by the renderers: counts, plurals, per-severity totals. */
import { SEVERITIES, type SeverityCounts } from '../types.js';

/** `n` with a comma every three digits (locale-independent), e.g. 12,345. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 file", "3 files": `plural` defaults to `singular` + "s". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** Sum of all severities. */
export function totalOf(counts: SeverityCounts): number {
  return SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
}

/** Non-zero counts, severest first: "2 high, 1 medium"; "" when there are none. */
export function countsPhrase(counts: SeverityCounts): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${formatCount(counts[s])} ${s}`)
    .join(', ');
}

/** Counts of `findings` per severity. */
export function countSeverities(findings: ReadonlyArray<{ severity: keyof SeverityCounts }>): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
