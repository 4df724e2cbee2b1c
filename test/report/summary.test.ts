import { SUMMARY_MARKER, renderSummary } from '../../src/report/summary.js';
import { keyedFinding, manyFindings, realisticFindings, resolvedConfig, reviewResult } from '../helpers/review-result.js';
import { expectGolden } from './golden.js';

/** GitHub rejects an issue comment body longer than this. */
const GITHUB_COMMENT_LIMIT = 65_536;

describe('renderSummary', () => {
  it('renders the realistic review as in the golden file', () => {
    expectGolden('summary.golden.md', renderSummary(reviewResult(), { posted: 7, summaryOnly: 1 }));
  });

  it('is deterministic: the same result renders byte-identical text, whatever the input order', () => {
    const result = reviewResult();
    const shuffled = reviewResult({ findings: [...realisticFindings()].reverse() });
    expect(renderSummary(shuffled, { posted: 7, summaryOnly: 1 })).toBe(renderSummary(result, { posted: 7, summaryOnly: 1 }));
  });

  it('starts with the marker and lists sections Critical → Low, omitting empty ones', () => {
    const text = renderSummary(reviewResult({ findings: realisticFindings().filter((f) => f.severity !== 'high') }), { posted: 0, summaryOnly: 0 });
    expect(text.startsWith(`${SUMMARY_MARKER}\n`)).toBe(true);
    const critical = text.indexOf('### 🔴 Critical (1)');
    const medium = text.indexOf('### 🟡 Medium (3)');
    const low = text.indexOf('### 🔵 Low (5)');
    expect(critical).toBeGreaterThan(0);
    expect(medium).toBeGreaterThan(critical);
    expect(low).toBeGreaterThan(medium);
    expect(text).not.toContain('High (');
  });

  it('escapes pipes and line breaks inside table cells', () => {
    const text = renderSummary(reviewResult({ findings: [keyedFinding({ message: 'a | b and `x | y`', recommendation: 'first\nsecond' })] }), { posted: 1, summaryOnly: 0 });
    expect(text).toContain('| `src/app.ts:10` | `swallowed-exception` | a \\| b and `x \\| y` | first<br>second |');
  });

  it('shows a review that analysed nothing as neutral and not rated', () => {
    const text = renderSummary(
      reviewResult({ findings: [], notes: [], stats: { filesChanged: 2, filesAnalyzed: 0, addedLines: 0, suppressed: 0 } }),
      { posted: 0, summaryOnly: 0 },
    );
    expect(text).toContain('## ⚪ Neutral: Nothing analysed: 2 files skipped');
    expect(text).toContain('**Rating:** not rated (nothing analysed)');
    expect(text).toContain('### Not analysed\n\n- `assets/logo.png`: binary file');
    expect(text).not.toContain('No findings on the changed lines');
  });

  it('shows only the settings changed from the defaults', () => {
    const text = renderSummary(reviewResult({ config: resolvedConfig({ rules: {}, paths: { ignore: resolvedConfig().paths.ignore.filter((g) => g !== 'docs/**') } }) }), { posted: 0, summaryOnly: 0 });
    expect(text).toContain('- Ignored paths beyond the defaults: none\n- Rules changed: none');
  });

  describe('GitHub comment size limit', () => {
    it('keeps 5,000 low findings under the limit and says they are not listed', () => {
      const findings = [...realisticFindings().filter((f) => f.severity !== 'low'), ...manyFindings(5000)];
      const text = renderSummary(reviewResult({ findings }), { posted: 25, summaryOnly: 4981 });
      expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(text).toContain('### 🔵 Low (5,000)\n\n… 5,000 low findings not listed: over GitHub\'s comment size limit; run `pr-reviewer diff` locally for all.');
      // The severer findings are still listed in full.
      expect(text).toContain('`src/db/users.ts:42`');
      expect(text).toContain('`app/worker.py:55`');
      expect(text).toContain('<summary>Effective configuration</summary>');
    });

    it('lists as many critical findings as fit when even they are too many, and counts the rest', () => {
      const findings = [...manyFindings(5000, 'critical'), ...manyFindings(300, 'medium')];
      const text = renderSummary(reviewResult({ findings }), { posted: 25, summaryOnly: 5275 });
      expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      const listed = text.split('\n').filter((line) => line.startsWith('| `src/generated/')).length;
      expect(listed).toBeGreaterThan(100);
      expect(text).toContain(`… ${(5000 - listed).toLocaleString('en-US')} more critical findings not listed: over GitHub's comment size limit`);
      expect(text).toContain('### 🟡 Medium (300)\n\n… 300 medium findings not listed');
    });

    it('bounds a huge list of files not analysed and says how many it left out', () => {
      const skipped = Array.from({ length: 5000 }, (_, i) => ({ path: `vendor/lib-${i}/index.js`, reason: 'ignored by paths.ignore (vendored, generated or configured)' }));
      const text = renderSummary(reviewResult({ skipped }), { posted: 7, summaryOnly: 1 });
      expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(text).toMatch(/- … and [\d,]+ more files or notes: over GitHub's comment size limit/);
      expect(text).toContain('`src/db/users.ts:42`');
    });
  });
});
