/**
 * Good practice seen in the changed code, as the best human reviews point it out: detectors report
 * sightings (a query with bound parameters, a call with a timeout ...), and the summary lists each
 * kind seen on the PR's changed lines — unless a finding of the opposite rule is reported in the
 * same review (no praise for timeouts next to a missing one).
 */
import type { KeyedFinding } from '../pipeline/types.js';

export const GOOD_PATTERN_KINDS = [
  'parameterized-query',
  'network-timeout',
  'typed-signature',
  'structured-logging',
  'error-context',
  'tests-alongside',
] as const;

export type GoodPatternKind = (typeof GOOD_PATTERN_KINDS)[number];

/** One place a detector saw a good pattern. */
export interface GoodPatternSighting {
  pattern: GoodPatternKind;
  file: string;
  line: number;
}

/** How the summary names each kind, and the rule whose finding in the same review cancels it. */
export const GOOD_PATTERNS: Readonly<Record<GoodPatternKind, { label: string; cancelledBy?: string }>> = Object.freeze({
  'parameterized-query': { label: 'Parameterized queries', cancelledBy: 'sql-injection' },
  'network-timeout': { label: 'Timeouts on network calls', cancelledBy: 'missing-timeout' },
  'typed-signature': { label: 'Typed function signatures', cancelledBy: 'missing-type-hints' },
  'structured-logging': { label: 'Structured logging', cancelledBy: 'console-logging' },
  'error-context': { label: 'Errors handled with context', cancelledBy: 'swallowed-exception' },
  'tests-alongside': { label: 'Tests added alongside the changed source', cancelledBy: 'missing-tests' },
});

/** At most this many places are named per kind. */
const MAX_PLACES = 3;

/**
 * One line per kind seen on a changed line, in a fixed order:
 * "Parameterized queries (3): `src/db.ts:12`, `app/q.py:40`, `app/q.py:58`".
 */
export function summarizeGoodPatterns(
  sightings: readonly GoodPatternSighting[],
  reported: readonly KeyedFinding[],
  isChanged: (file: string, line: number) => boolean,
): string[] {
  const cancelled = new Set(reported.map((f) => f.ruleId));
  const lines: string[] = [];
  for (const kind of GOOD_PATTERN_KINDS) {
    const { label, cancelledBy } = GOOD_PATTERNS[kind];
    if (cancelledBy && cancelled.has(cancelledBy)) continue;
    const places = [...new Set(sightings.filter((s) => s.pattern === kind && isChanged(s.file, s.line)).map((s) => `${s.file}:${s.line}`))].sort();
    if (places.length === 0) continue;
    const named = places.slice(0, MAX_PLACES).map((p) => `\`${p}\``).join(', ');
    const more = places.length > MAX_PLACES ? ` and ${places.length - MAX_PLACES} more` : '';
    lines.push(`${label} (${places.length}): ${named}${more}`);
  }
  return lines;
}
