/**
 * Faults against the real app process (`node dist/src/server.js`, and `dist/src/worker.js` with Redis)
 * and the fake GitHub on 127.0.0.1: 500s then success, a secondary rate limit with `retry-after`, the
 * process SIGKILLed mid-review, the Redis connections cut mid-review. Each ends with every check run
 * completed and no inline comment posted twice. Octokit's retry and throttling are as in production.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { duplicateInlineComments } from '../../scripts/lib/load-plan.mjs';
import { flawedSource } from '../../scripts/lib/load-run.mjs';
import {
  INSTALLATION_ID,
  pullRequestPayload,
  startAppProcess,
  startWorkerProcess,
  waitFor,
  type AppProcess,
  type WorkerProcess,
} from '../fake-github/app-process.mjs';
import { pullRequestFromGit, startFakeGitHub, type FakeCheckRun, type FakeGitHub, type FakePullRequest } from '../fake-github/server.mjs';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';
import { describeWithRedis, startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REVIEW_MS = 45_000;

let fake: FakeGitHub;
let repo: TempRepo;

beforeAll(() => {
  repo = makeRepo();
  repo.write('README.md', '# service\n');
  repo.write('src/db.ts', 'export const db = { query: async (sql: string) => sql };\n');
  repo.commitAll('base');
});

afterAll(() => repo?.remove());

/** A PR on its own branch adding `src/pr-N/search.ts` (a SQL injection and an `eval`), served by the fake. */
function openPullRequest(number: number): FakePullRequest {
  repo.git('checkout', '-q', '-B', `pr-${number}`, 'main');
  repo.write(`src/pr-${number}/search.ts`, flawedSource(1));
  repo.commitAll(`pr ${number}`);
  const pr = pullRequestFromGit({ dir: repo.dir, base: 'main', head: 'HEAD', number });
  fake.addPullRequest(pr);
  return pr;
}

const keyOf = (pr: FakePullRequest): string => `${pr.owner}/${pr.repo}#${pr.number}`;
const callsTo = (method: string, path: RegExp) => fake.state.calls.filter((c) => c.method === method && path.test(c.path));

function runWith(pr: FakePullRequest, status: string): Promise<FakeCheckRun> {
  return waitFor(() => fake.checkRunsFor(pr.headSha).find((r) => r.status === status), REVIEW_MS, `a check run ${status} on ${pr.headSha}`);
}

/** Prints each call to GitHub since `t0` and when it was made (the timings docs/operations.md quotes). */
function timeline(label: string, t0: number): void {
  const calls = fake.state.calls.filter((c) => c.at >= t0 && !c.path.startsWith('/app'));
  const last = calls.at(-1)?.at ?? t0;
  process.stdout.write(`${label}: ${calls.length} calls over ${((last - t0) / 1000).toFixed(1)} s: ${calls.map((c) => `${c.method} ${c.path.replace(/^\/repos\/[^/]+\/[^/]+/, '')} +${((c.at - t0) / 1000).toFixed(1)}`).join(', ')}\n`);
}

/** The run completed with the review's result (the output says why when it did not). */
function expectReviewed(run: FakeCheckRun): void {
  expect({ conclusion: run.conclusion, title: run.output?.title, summary: run.output?.summary }).toEqual({
    conclusion: 'failure',
    title: expect.stringContaining('2 critical'),
    summary: expect.any(String),
  });
}

/** Every check run completed, none refused, no inline comment twice, one summary on `pr`. */
function expectCleanEnd(pr: FakePullRequest): void {
  expect(fake.state.checkRuns.filter((r) => r.status !== 'completed')).toEqual([]);
  expect(fake.state.rejected).toEqual([]);
  expect(duplicateInlineComments(fake.state.reviewComments).duplicates).toBe(0);
  const inline = fake.state.reviewComments.filter((c) => c.key === keyOf(pr) && c.in_reply_to_id === undefined);
  expect(inline.map((c) => c.line).sort()).toEqual([4, 8]);
  expect(fake.state.issueComments.filter((c) => c.key === keyOf(pr))).toHaveLength(1);
}

describe('one app process, in-process queue', () => {
  let app: AppProcess;

  beforeAll(async () => {
    fake = await startFakeGitHub();
    app = await startAppProcess({ root, githubHost: fake.host, cwd: repo.dir });
  }, 30_000);
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  test('500 then success on the file list, a file, the check-run update and the summary: retried, completed, nothing twice', async () => {
    const pr = openPullRequest(11);
    const t0 = Date.now();
    fake.injectFault({ method: 'GET', path: /\/pulls\/11\/files$/, status: 500, times: 2 });
    fake.injectFault({ method: 'GET', path: /\/contents\/src(\/|%2F)pr-11(\/|%2F)search\.ts$/, status: 500, times: 1 });
    fake.injectFault({ method: 'PATCH', path: /\/check-runs\/\d+$/, status: 502, times: 1 });
    fake.injectFault({ method: 'POST', path: /\/issues\/11\/comments$/, status: 500, times: 1 });
    expect((await app.deliver('pull_request', pullRequestPayload(pr), 'fault-500')).status).toBeLessThan(300);

    const run = await runWith(pr, 'completed');
    expectReviewed(run);
    expect(fake.checkRunsFor(pr.headSha)).toHaveLength(1);
    expect(callsTo('GET', /\/pulls\/11\/files$/).length).toBe(3);
    expect(callsTo('GET', /\/contents\/src(\/|%2F)pr-11(\/|%2F)search\.ts$/).length).toBeGreaterThanOrEqual(2);
    expect(callsTo('PATCH', /\/check-runs\/\d+$/).length).toBeGreaterThanOrEqual(2);
    expect(callsTo('POST', /\/issues\/11\/comments$/)).toHaveLength(2);
    expectCleanEnd(pr);
    timeline('500 then success', t0);
  }, 60_000);

  test('403 secondary rate limit with retry-after: 1 on the review: waited out, the review posted once', async () => {
    const pr = openPullRequest(12);
    const t0 = Date.now();
    fake.injectFault({ method: 'POST', path: /\/pulls\/12\/reviews$/, status: 403, times: 1, retryAfter: 1 });
    expect((await app.deliver('pull_request', pullRequestPayload(pr), 'fault-403')).status).toBeLessThan(300);

    expectReviewed(await runWith(pr, 'completed'));
    const posts = callsTo('POST', /\/pulls\/12\/reviews$/);
    expect(posts).toHaveLength(2);
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(1000);
    expect(fake.state.reviews.filter((r) => r.key === keyOf(pr))).toHaveLength(1);
    expectCleanEnd(pr);
    timeline('403 secondary rate limit', t0);
  }, 60_000);
});

describe('the app process SIGKILLed mid-review (in-process queue)', () => {
  let victim: AppProcess | undefined;
  let restarted: AppProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterAll(async () => {
    await victim?.stop();
    await restarted?.stop();
    await fake?.close();
  });

  test('the check run stays in_progress; on the next start the watchdog completes it once stale, and a redelivery reviews the PR', async () => {
    victim = await startAppProcess({ root, githubHost: fake.host, cwd: repo.dir });
    const pr = openPullRequest(13);
    const payload = pullRequestPayload(pr);
    expect((await victim.deliver('pull_request', payload, 'fault-kill')).status).toBeLessThan(300);
    const run = await runWith(pr, 'in_progress');
    // Slow GitHub down so the kill lands mid-review, then kill without warning.
    fake.setLatency(2000);
    victim.child.kill('SIGKILL');
    await new Promise((resolve) => victim?.child.once('exit', resolve));
    fake.setLatency(0);

    // The in-process queue lived in the killed process: nothing finishes the run.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(run.status).toBe('in_progress');
    expect(fake.state.reviews).toEqual([]);

    // Time passes beyond the watchdog's staleness limit (twice the longest review: 20 minutes).
    run.started_at = new Date(Date.now() - 30 * 60_000).toISOString();
    const restartedAt = Date.now();
    restarted = await startAppProcess({ root, githubHost: fake.host, cwd: repo.dir });
    const swept = await waitFor(() => (run.status === 'completed' ? run : undefined), 20_000, 'the watchdog to complete the stale run');
    process.stdout.write(`SIGKILL, in-process queue: the restarted app's watchdog completed the stale run ${Date.now() - restartedAt} ms after the restart began\n`);
    expect(swept.conclusion).toBe('neutral');
    expect(swept.output?.title).toBe('Review did not finish');

    // The delivery log died with the process too: GitHub's redelivery (same id) is reviewed afresh.
    expect((await restarted.deliver('pull_request', payload, 'fault-kill')).status).toBeLessThan(300);
    await waitFor(() => fake.checkRunsFor(pr.headSha).find((r) => r.status === 'completed' && r.conclusion === 'failure'), REVIEW_MS, 'the review after the redelivery');
    expect(fake.checkRunsFor(pr.headSha)).toHaveLength(2);
    expectCleanEnd(pr);
  }, 90_000);
});

describeWithRedis('Redis connections cut mid-review (1 web process, 1 worker process)', () => {
  let redis: RedisServer;
  let app: AppProcess;
  let worker: WorkerProcess;

  /** Closes every normal client connection (web, worker, blocking); returns how many were closed. */
  function killClients(): number {
    return Number(execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(redis.port), 'CLIENT', 'KILL', 'TYPE', 'normal'], { encoding: 'utf8' }).trim());
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    fake = await startFakeGitHub();
    app = await startAppProcess({ root, githubHost: fake.host, cwd: repo.dir, env: { REDIS_URL: redis.url } });
    worker = await startWorkerProcess({ root, githubHost: fake.host, redisUrl: redis.url, cwd: repo.dir, env: { WATCHDOG: 'off', LOG_LEVEL: 'info' } });
  }, 40_000);
  afterAll(async () => {
    await app?.stop();
    await worker?.stop();
    await fake?.close();
    await redis?.stop();
  });

  test('connections killed three times during a review, then right before a delivery: both reviews complete, nothing twice', async () => {
    try {
      const pr = openPullRequest(14);
      expect((await app.deliver('pull_request', pullRequestPayload(pr), 'fault-redis-1')).status).toBeLessThan(300);
      await runWith(pr, 'in_progress');
      fake.setLatency(300);
      const killed: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        killed.push(killClients());
        await new Promise((resolve) => setTimeout(resolve, 700));
      }
      fake.setLatency(0);
      // The web process, the worker and its blocking connection each had connections to lose.
      expect(killed[0]).toBeGreaterThanOrEqual(3);
      expectReviewed(await runWith(pr, 'completed'));
      expectCleanEnd(pr);

      const next = openPullRequest(15);
      killClients();
      const ack = await app.deliver('pull_request', pullRequestPayload(next, 'opened', INSTALLATION_ID), 'fault-redis-2');
      expect(ack.status).toBeLessThan(300);
      expectReviewed(await runWith(next, 'completed'));
      expect(fake.checkRunsFor(next.headSha)).toHaveLength(1);
      expect(fake.checkRunsFor(pr.headSha)).toHaveLength(1);
      expectCleanEnd(next);
      process.stdout.write(`Redis CLIENT KILL: ${killed.join(', ')} connections closed; both reviews completed\n`);
    } catch (error) {
      process.stderr.write(`--- web ---\n${app.log()}\n--- worker ---\n${worker.log()}\n`);
      throw error;
    }
  }, 90_000);
});
