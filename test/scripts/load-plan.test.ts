/** The pure half of `npm run load`: the delivery plan and what is counted from the fake GitHub's record. */
import {
  checkRunOutcomes,
  deliveryMix,
  duplicateInlineComments,
  invariantFailures,
  machineLine,
  percentile,
  planDeliveries,
  summariesPerPr,
} from '../../scripts/lib/load-plan.mjs';

test('the full plan: 200 deliveries over 50 PRs, every PR opened first, pushes in later phases', () => {
  const plan = planDeliveries({ deliveries: 200, prs: 50 });
  const all = plan.phases.flat(2);
  expect(all).toHaveLength(200);
  expect(plan.mix).toEqual({ opened: 50, supersede: 45, duplicate: 45, redeliver: 38, reopen: 22 });
  expect(all.filter((e) => e.kind === 'opened')).toHaveLength(50);
  expect(plan.phases[0].flat().every((e) => e.action === 'opened')).toBe(true);
  // A duplicate or redelivery repeats an id sent before or in the same burst.
  const ids = new Set(all.filter((e) => e.kind === 'opened' || e.kind === 'supersede').map((e) => e.id));
  expect(all.filter((e) => e.kind === 'duplicate' || e.kind === 'redelivery').every((e) => ids.has(e.id))).toBe(true);
  expect(plan.phases.flat().every((burst) => burst.length <= 25)).toBe(true);
  // Same seed, same plan.
  expect(planDeliveries({ deliveries: 200, prs: 50 })).toEqual(plan);
});

test('the mix needs one delivery per PR at least', () => {
  expect(deliveryMix(40, 10)).toEqual({ opened: 10, supersede: 9, duplicate: 9, redeliver: 8, reopen: 4 });
  expect(() => deliveryMix(5, 10)).toThrow(RangeError);
});

test('percentiles by nearest rank', () => {
  expect(percentile([], 99)).toBe(0);
  expect(percentile([5, 1, 3], 50)).toBe(3);
  expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99);
});

test('duplicates are markers repeated on one PR, replies and other PRs aside', () => {
  const marker = (fp: string) => `text <!-- pr-reviewer:finding:${fp} -->`;
  const comments = [
    { id: 1, key: 'o/r#1', body: marker('a') },
    { id: 2, key: 'o/r#1', body: marker('a') },
    { id: 3, key: 'o/r#2', body: marker('a') },
    { id: 4, key: 'o/r#1', body: marker('a'), in_reply_to_id: 1 },
  ];
  expect(duplicateInlineComments(comments)).toEqual({ duplicates: 1, byPr: { 'o/r#1': 1 } });
});

test('summaries per PR, check-run outcomes and the machine line', () => {
  const summaries = summariesPerPr([{ key: 'o/r#1', body: '<!-- pr-reviewer:summary -->' }], ['o/r#1', 'o/r#2']);
  expect(summaries).toMatchObject({ min: 0, max: 1 });
  const outcomes = checkRunOutcomes([
    { status: 'completed', conclusion: 'failure' },
    { status: 'completed', conclusion: 'neutral', output: { title: 'Not reviewed', summary: 'superseded by abc' } },
    { status: 'in_progress' },
  ]);
  expect(outcomes).toEqual({ created: 3, reviews: 1, superseded: 1, neutral: 0, stuck: 1 });
  const figures = { deliveries: 3, reviews: 1, stuck: 1, duplicates: 0, summaries, p99AckMs: 12.4, peakRssMb: 200 };
  expect(machineLine(figures)).toBe('load: deliveries=3 reviews=1 stuck=1 duplicates=0 summaries_per_pr=0..1 p99_ack_ms=12 peak_rss_mb=200');
  expect(invariantFailures({ ...figures, unreviewed: [], badAcks: 0, rejected: 0, drained: true })).toEqual([
    '1 check run(s) left in_progress',
    'summary comments per PR between 0 and 1, not exactly 1',
  ]);
});
