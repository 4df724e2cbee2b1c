import { renderText } from '../../src/report/format-text.js';
import { reviewResult } from '../helpers/review-result.js';
import { expectGolden } from './golden.js';

describe('renderText', () => {
  it('renders the realistic review as in the golden file', () => {
    expectGolden('text.golden.txt', renderText(reviewResult()));
  });

  it('prints a check mark, the gate and no file blocks when there is nothing to report', () => {
    const text = renderText(reviewResult({ findings: [], notes: [], skipped: [], stats: { filesChanged: 4, filesAnalyzed: 4, addedLines: 80, suppressed: 0 } }));
    expect(text).toBe('✔ 0 findings in 4 of 4 changed files · rating 10.0/10 (Excellent)\n✅ Passed: No findings in 4 files\n');
  });

  it('keeps each finding on one line', () => {
    const text = renderText(reviewResult());
    expect(text).toContain('  4:12  medium  `string | any` in the type of `payload` (any `Array<T>` element is unchecked)  explicit-any');
    expect(text.split('\n').every((line) => !line.includes('\r'))).toBe(true);
  });
});
