/**
 * The quick load run (`npm run load -- --quick`) as a test: 40 signed deliveries over 10 PRs in bursts
 * (duplicates, redeliveries, superseding pushes, reopenings) against the real app process and the fake
 * GitHub on 127.0.0.1, with Octokit's throttling as in production: with the in-process queue, and with
 * Redis and two worker processes.
 */
import { fileURLToPath } from 'node:url';
import { describeLoad, runLoad, type LoadResult } from '../../scripts/lib/load-run.mjs';
import { describeWithRedis } from '../helpers/redis-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const QUICK = { deliveries: 40, prs: 10, installations: 5, timeoutMs: 75_000 };

/** The invariants of `npm run load`, each asserted on its own so a failure names it. */
function expectHeld(result: LoadResult): void {
  process.stdout.write(`${describeLoad(result)}\n`);
  if (result.logTail) process.stderr.write(result.logTail);
  expect(result.failures).toEqual([]);
  expect(result.drained).toBe(true);
  expect(result.stuck).toBe(0);
  expect(result.duplicates).toBe(0);
  expect(result.summaries).toMatchObject({ min: 1, max: 1 });
  expect(result.unreviewed).toEqual([]);
  expect(result.badAcks).toBe(0);
  expect(result.rejected).toBe(0);
  // Superseding pushes replace queued older heads: fewer reviews than heads pushed.
  expect(result.checkRuns.superseded).toBeGreaterThan(0);
}

test('quick load, in-process queue: nothing stuck, no duplicate comment, one summary per PR', async () => {
  const result = await runLoad({ root, mode: 'in-process', ...QUICK });
  expectHeld(result);
  // GitHub gives up on a webhook after 10 s; the intake answers long before.
  expect(result.p99AckMs).toBeLessThan(2000);
}, 110_000);

describeWithRedis('quick load with Redis', () => {
  test('1 web + 2 worker processes: nothing stuck, no duplicate comment, one summary per PR', async () => {
    const result = await runLoad({ root, mode: 'redis', workers: 2, ...QUICK });
    expectHeld(result);
    // Superseding pushes wait for a throttled GitHub write before the answer (docs/operations.md).
    expect(result.p99AckMs).toBeLessThan(8000);
  }, 110_000);
});
