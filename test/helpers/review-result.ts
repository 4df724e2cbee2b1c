/**
 * Factories for the report stage's input: a realistic `ReviewResult` (several files, every
 * severity, a fix, a folded group, skipped files, a note, a changed config) with overrides.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_CONFIG, DEFAULT_IGNORES, type ResolvedConfig } from '../../src/config/defaults.js';
import { compareFindings } from '../../src/filter/sort.js';
import type { KeyedFinding, ReviewResult, ReviewStats } from '../../src/pipeline/types.js';
import { decideGate } from '../../src/report/gate.js';
import { SEVERITIES, type SeverityCounts } from '../../src/types.js';

export const REVIEWED_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

/** A deterministic 16-hex fingerprint for a rule, file and line. */
export function fingerprintOf(ruleId: string, file: string, line: number): string {
  return createHash('sha256').update(`${ruleId}\u0000${file}\u0000${line}`).digest('hex').slice(0, 16);
}

/** One keyed finding: a medium `swallowed-exception` in `src/app.ts:10`, with overrides. */
export function keyedFinding(overrides: Partial<KeyedFinding> = {}): KeyedFinding {
  const base: KeyedFinding = {
    ruleId: 'swallowed-exception',
    severity: 'medium',
    category: 'reliability',
    file: 'src/app.ts',
    line: 10,
    endLine: 10,
    message: 'Empty `catch` block hides the failure of `loadUser()`',
    recommendation: 'Handle the error, rethrow it with context, or log it.',
    fingerprint: '',
    commentable: true,
  };
  const finding = { ...base, ...overrides };
  return { ...finding, fingerprint: overrides.fingerprint ?? fingerprintOf(finding.ruleId, finding.file, finding.line) };
}

/** A configuration as a repository's file would resolve to, with overrides. */
export function resolvedConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    ...DEFAULT_CONFIG,
    paths: { ignore: [...DEFAULT_IGNORES, 'docs/**'] },
    rules: {
      'console-logging': { enabled: false, options: {} },
      'high-complexity': { enabled: true, options: { threshold: 20 } },
      'magic-number': { enabled: true, severity: 'low', options: {} },
    },
    source: '.github/pr-reviewer.yml',
    ...overrides,
  };
}

/** The findings of a realistic pull request, in the filter stage's order. */
export function realisticFindings(): KeyedFinding[] {
  const findings = [
    keyedFinding({
      ruleId: 'sql-injection', severity: 'critical', category: 'security', file: 'src/db/users.ts', line: 42, endLine: 42, column: 22,
      message: 'Query text built from a template literal interpolating `req.params.id`, passed to `db.query`',
      recommendation: "Pass values as bound parameters: `db.query('SELECT * FROM users WHERE id = $1', [id])`.",
      fix: { line: 42, endLine: 42, replacement: "  const rows = await db.query('SELECT * FROM users WHERE id = $1', [req.params.id]);" },
    }),
    keyedFinding({
      ruleId: 'tls-verification-disabled', severity: 'high', category: 'security', file: 'src/api/client.ts', line: 9, endLine: 9, column: 3,
      message: '`rejectUnauthorized: false` turns off certificate checks for every request of `agent`',
      recommendation: 'Remove the option; trust a private CA with `ca` instead.',
    }),
    keyedFinding({
      ruleId: 'missing-timeout', severity: 'high', category: 'reliability', file: 'src/api/client.ts', line: 17, endLine: 19, column: 10,
      message: '`fetch(url)` has no timeout or abort signal',
      recommendation: 'Pass `signal: AbortSignal.timeout(10_000)` so a stuck server cannot hold the request forever.',
    }),
    keyedFinding({
      ruleId: 'explicit-any', severity: 'medium', category: 'maintainability', file: 'src/api/types.ts', line: 4, endLine: 4, column: 12,
      message: '`string | any` in the type of `payload` (any `Array<T>` element is unchecked)',
      recommendation: 'Use `unknown` and narrow it,\nor name the real type.',
    }),
    keyedFinding({
      ruleId: 'swallowed-exception', severity: 'medium', category: 'reliability', file: 'app/worker.py', line: 55, endLine: 57, column: 5,
      message: '`except ValueError:` only passes: a bad job is dropped silently',
      recommendation: 'Log the error with the job id, or let it propagate.',
    }),
    keyedFinding({
      ruleId: 'missing-tests', severity: 'medium', category: 'testing', file: 'src/pricing.ts', line: 1, endLine: 1, commentable: false,
      message: '`src/pricing.ts` changed, but no test file for it changed or exists',
      recommendation: 'Add `test/pricing.test.ts` covering the new discount rules.',
    }),
    ...[12, 18, 25, 31].map((line, i) =>
      keyedFinding({
        ruleId: 'magic-number', severity: 'low', category: 'maintainability', file: 'src/pricing.ts', line, endLine: line, column: 20,
        message: `Unexplained number \`${[0.15, 250, 0.05, 1000][i]}\` in a price calculation`,
        recommendation: 'Name it (`const BULK_DISCOUNT = 0.15`) so its meaning and origin are clear.',
      }),
    ),
    keyedFinding({
      ruleId: 'unused-import', severity: 'low', category: 'maintainability', file: 'app/worker.py', line: 3, endLine: 3, column: 1,
      message: '`json` is imported but never used',
      recommendation: 'Remove the import.',
      fix: { line: 3, endLine: 3, replacement: '' },
    }),
  ];
  return findings.sort(compareFindings);
}

/** Counts per severity of `findings`. */
export function countsOf(findings: readonly KeyedFinding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/**
 * A realistic review result; `counts` and `gate` follow the (overridden) findings, stats and
 * config unless overridden themselves.
 */
export function reviewResult(overrides: Partial<ReviewResult> = {}): ReviewResult {
  const findings = overrides.findings ?? realisticFindings();
  const config = overrides.config ?? resolvedConfig();
  const stats: ReviewStats = overrides.stats ?? { filesChanged: 8, filesAnalyzed: 6, addedLines: 214, suppressed: 1 };
  const counts = overrides.counts ?? countsOf(findings);
  return {
    findings,
    notes: [{ file: 'src/legacy/report.ts', ruleId: 'high-complexity', message: 'detector failed: Maximum call stack size exceeded' }],
    skipped: [
      { path: 'assets/logo.png', reason: 'binary file' },
      { path: 'dist/bundle.min.js', reason: 'ignored by paths.ignore (vendored, generated or configured)' },
    ],
    goodPatterns: ['parameterized queries in `src/db/orders.ts`', 'timeouts on outbound HTTP calls in `src/api/billing.ts`'],
    headSha: REVIEWED_SHA,
    ...overrides,
    stats,
    counts,
    config,
    gate: overrides.gate ?? decideGate(counts, config.failOn, stats),
  };
}

/** `n` findings of one severity spread over files, for size-limit tests. */
export function manyFindings(n: number, severity: KeyedFinding['severity'] = 'low'): KeyedFinding[] {
  return Array.from({ length: n }, (_, i) =>
    keyedFinding({
      ruleId: 'magic-number',
      severity,
      category: 'maintainability',
      file: `src/generated/module-${String(Math.floor(i / 100)).padStart(3, '0')}.ts`,
      line: (i % 100) + 1,
      endLine: (i % 100) + 1,
      message: `Unexplained number \`${i}\` in \`computeTotal\` (a value that should have a name)`,
      recommendation: 'Name the constant so its meaning and origin are clear.',
    }),
  ).sort(compareFindings);
}
