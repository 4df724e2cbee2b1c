import { renderJson } from '../../src/report/format-json.js';
import { renderSarif } from '../../src/report/format-sarif.js';
import { renderText } from '../../src/report/format-text.js';
import { renderForCli } from '../../src/report/format.js';
import { SUMMARY_MARKER, renderSummary } from '../../src/report/summary.js';
import { reviewResult } from '../helpers/review-result.js';

describe('renderForCli', () => {
  const result = reviewResult();

  it('dispatches text, json and sarif to their renderers', () => {
    expect(renderForCli('text', result, [])).toBe(renderText(result));
    expect(renderForCli('json', result, [])).toBe(renderJson(result));
    expect(renderForCli('sarif', result, [], { version: '1.2.3' })).toBe(renderSarif(result, [], { version: '1.2.3' }));
  });

  it('prints markdown as the summary a first review would post', () => {
    const markdown = renderForCli('markdown', result, []);
    expect(markdown.startsWith(SUMMARY_MARKER)).toBe(true);
    // The realistic result makes 7 inline comments; the missing-tests finding is on no commentable line.
    expect(markdown).toBe(renderSummary(result, { posted: 7, summaryOnly: 1 }));
  });
});
