import { CHECK_RUN_TEXT_LIMIT, annotationLevel, batchAnnotations, renderCheckRun } from '../../src/report/check-run.js';
import { keyedFinding, manyFindings, reviewResult } from '../helpers/review-result.js';
import { expectGolden } from './golden.js';

describe('renderCheckRun', () => {
  it('renders the realistic review as in the golden file', () => {
    expectGolden('check-run.golden.json', `${JSON.stringify(renderCheckRun(reviewResult()), null, 2)}\n`);
  });

  it('annotates every finding with its level, rule, message and recommendation', () => {
    const result = reviewResult();
    const { annotations, title } = renderCheckRun(result);
    expect(title).toBe(result.gate.title);
    expect(annotations).toHaveLength(result.findings.length);
    expect(annotations[0]).toEqual({
      path: 'src/db/users.ts',
      start_line: 42,
      end_line: 42,
      annotation_level: 'failure',
      title: 'sql-injection',
      message: 'Query text built from a template literal interpolating `req.params.id`, passed to `db.query`',
      raw_details: "Pass values as bound parameters: `db.query('SELECT * FROM users WHERE id = $1', [id])`.",
    });
    expect(annotations.find((a) => a.title === 'missing-timeout')).toMatchObject({ start_line: 17, end_line: 19 });
  });

  it('maps critical/high to failure, medium to warning, low to notice', () => {
    expect(['critical', 'high', 'medium', 'low'].map((s) => annotationLevel(s as 'low'))).toEqual(['failure', 'failure', 'warning', 'notice']);
  });

  it('keeps summary and text within 65,535 characters and says what the text left out', () => {
    const long = 'x'.repeat(400);
    const findings = manyFindings(3000).map((f) => ({ ...f, message: `${f.message} ${long}` }));
    const output = renderCheckRun(reviewResult({ findings }));
    expect(output.summary.length).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    expect(output.text.length).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    const shown = output.text.split('\n').filter((line) => line.startsWith('- `src/generated/')).length;
    expect(shown).toBeGreaterThan(50);
    expect(shown).toBeLessThan(3000);
    expect(output.text).toContain(`… truncated: ${(3000 - shown).toLocaleString('en-US')} more findings and the rest not shown (GitHub caps this text at 65,535 characters)`);
    expect(output.annotations).toHaveLength(3000);
  });

  it('says so when nothing was analysed or nothing was found', () => {
    const empty = renderCheckRun(reviewResult({ findings: [], notes: [], skipped: [], stats: { filesChanged: 0, filesAnalyzed: 0, addedLines: 0, suppressed: 0 } }));
    expect(empty.text).toBe('Nothing was analysed.');
    expect(empty.summary).toContain('**⚪ Neutral: Nothing analysed: no changed files**');
    const clean = renderCheckRun(reviewResult({ findings: [], notes: [], skipped: [] }));
    expect(clean.text).toBe('No findings on the changed lines.');
  });

  it('keeps a one-line annotation range when endLine is before line', () => {
    const [annotation] = renderCheckRun(reviewResult({ findings: [keyedFinding({ line: 8, endLine: 3 })] })).annotations;
    expect(annotation).toMatchObject({ start_line: 8, end_line: 8 });
  });
});

describe('batchAnnotations', () => {
  it('splits 120 annotations into 50, 50 and 20', () => {
    const { annotations } = renderCheckRun(reviewResult({ findings: manyFindings(120) }));
    const batches = batchAnnotations(annotations);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(annotations);
  });

  it('returns no batch for no annotations and honours a smaller size', () => {
    expect(batchAnnotations([])).toEqual([]);
    expect(batchAnnotations([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
