import { planThreadUpdates, resolvedReply, RESOLVED_MARKER, type ReviewThread } from '../../src/report/threads.js';
import { keyedFinding, reviewResult } from '../helpers/review-result.js';

function thread(overrides: Partial<ReviewThread>): ReviewThread {
  return { id: 'T', isResolved: false, resolvedByApp: false, path: 'src/a.ts', firstCommentId: 1, fingerprints: ['aaaa'], ...overrides };
}

const present = keyedFinding({ fingerprint: 'aaaa', file: 'src/a.ts' });

describe('planThreadUpdates', () => {
  test('an open thread whose finding is gone is resolved; one whose finding is still found is not', () => {
    const gone = thread({ id: 'gone', fingerprints: ['bbbb'] });
    const still = thread({ id: 'still' });
    expect(planThreadUpdates([gone, still], reviewResult({ findings: [present] }))).toEqual({ resolve: [gone], reopen: [] });
  });

  test('a folded comment is resolved only when every one of its findings is gone', () => {
    const folded = thread({ fingerprints: ['aaaa', 'cccc'] });
    expect(planThreadUpdates([folded], reviewResult({ findings: [present] })).resolve).toEqual([]);
    expect(planThreadUpdates([folded], reviewResult({ findings: [] })).resolve).toEqual([folded]);
  });

  test('a thread on a file this run skipped or could not analyse is left alone', () => {
    const skipped = thread({ path: 'big.ts', fingerprints: ['x'] });
    const failed = thread({ path: 'broken.py', fingerprints: ['y'] });
    const result = reviewResult({ findings: [], skipped: [{ path: 'big.ts', reason: 'too large' }], notes: [{ file: 'broken.py', message: 'not analysed: syntax' }] });
    expect(planThreadUpdates([skipped, failed], result)).toEqual({ resolve: [], reopen: [] });
  });

  test('a finding back: the thread is reopened only if the app resolved it', () => {
    const byApp = thread({ id: 'app', isResolved: true, resolvedByApp: true });
    const byPerson = thread({ id: 'person', isResolved: true, resolvedByApp: false });
    expect(planThreadUpdates([byApp, byPerson], reviewResult({ findings: [present] }))).toEqual({ resolve: [], reopen: [byApp] });
  });

  test('an already resolved thread whose finding is gone is not resolved again', () => {
    expect(planThreadUpdates([thread({ isResolved: true, resolvedByApp: true, fingerprints: ['zzz'] })], reviewResult({ findings: [] }))).toEqual({ resolve: [], reopen: [] });
  });

  test('the reply names the short sha and carries the marker the next run recognises', () => {
    const reply = resolvedReply('0123456789abcdef0123456789abcdef01234567');
    expect(reply).toContain('0123456');
    expect(reply).toContain(RESOLVED_MARKER);
  });
});
