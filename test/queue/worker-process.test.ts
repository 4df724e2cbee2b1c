/**
 * Crash recovery and shutdown with real processes: a `npm run worker` process (dist/src/worker.js) is
 * SIGKILLed, or SIGTERMed, in the middle of a review; a second worker process takes the job over (the
 * stalled-job check, or the hand-back at shutdown), resumes the same check run and completes it. GitHub
 * is the fake on 127.0.0.1 (test/fake-github), serving a PR from a local git repository.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { BullMQQueue } from '../../src/queue/bullmq.js';
import { connectRedis } from '../../src/queue/redis.js';
import type { ReviewJob } from '../../src/types.js';
import { INSTALLATION_ID, waitFor } from '../fake-github/app-process.mjs';
import { pullRequestFromGit, startFakeGitHub, type FakeGitHub, type FakePullRequest } from '../fake-github/server.mjs';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';
import { describeWithRedis, startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const WORKER = fileURLToPath(new URL('../../dist/src/worker.js', import.meta.url));
const REVIEW_MS = 30_000;
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});

const FLAWED = 'export function run(code: string) {\n  return eval(code);\n}\n';

describeWithRedis('worker processes', () => {
  let redis: RedisServer;
  let fake: FakeGitHub;
  let repo: TempRepo;
  let queue: BullMQQueue;
  const children: ChildProcess[] = [];
  let output: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    repo = makeRepo();
    repo.write('README.md', '# service\n');
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'feature');
  });
  beforeEach(async () => {
    // Each test starts from an empty Redis: no job of an earlier test is picked up.
    const admin = connectRedis(redis.url);
    await admin.flushall();
    await admin.quit();
    fake = await startFakeGitHub();
    queue = new BullMQQueue({ connection: connectRedis(redis.url), ownsConnection: true, logger: pino({ level: 'silent' }) });
    output = [];
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await queue.close();
    await fake.close();
  });
  afterAll(async () => {
    repo?.remove();
    await redis?.stop();
  });

  function startWorker(name: string, env: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, [WORKER], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        APP_ID: '1',
        PRIVATE_KEY: privateKey,
        GHE_HOST: fake.host,
        GHE_PROTOCOL: 'http',
        REDIS_URL: redis.url,
        QUEUE_LOCK_MS: '2000',
        QUEUE_STALLED_INTERVAL_MS: '500',
        WATCHDOG: 'off',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => output.push(`[${name}] ${chunk.toString()}`));
    children.push(child);
    return child;
  }

  function push(number: number): FakePullRequest {
    repo.write(`src/run-${number}.ts`, FLAWED);
    repo.commitAll(`change ${number}`);
    const pr = pullRequestFromGit({ dir: repo.dir, base: 'main', head: 'HEAD', number });
    fake.addPullRequest(pr);
    return pr;
  }

  function jobOf(pr: FakePullRequest): ReviewJob {
    return { installationId: INSTALLATION_ID, owner: pr.owner, repo: pr.repo, pullNumber: pr.number, headSha: pr.headSha, trigger: 'pull_request', deliveryId: `d-${pr.number}` };
  }

  /** Waits until `pr`'s check run exists in progress, then holds GitHub's answers a moment (mid-review). */
  async function midReview(pr: FakePullRequest): Promise<void> {
    await waitFor(() => fake.checkRunsFor(pr.headSha).find((r) => r.status === 'in_progress'), REVIEW_MS, 'the check run in progress');
    fake.setLatency(1500);
  }

  /** Asserts the review ended once, on the one check run, with nothing GitHub would refuse. */
  async function expectCompletedOnce(pr: FakePullRequest): Promise<number> {
    const run = await waitFor(() => fake.checkRunsFor(pr.headSha).find((r) => r.status === 'completed'), REVIEW_MS, 'the completed check run');
    const completedAt = Date.now();
    expect(fake.checkRunsFor(pr.headSha)).toHaveLength(1);
    expect(run.conclusion).toBe('failure');
    expect(fake.state.rejected).toEqual([]);
    const key = `${pr.owner}/${pr.repo}#${pr.number}`;
    // One comment per flawed file (each PR of the shared branch adds one), none twice.
    const comments = fake.state.reviewComments.filter((c) => c.key === key && c.in_reply_to_id === undefined).map((c) => `${c.path}:${c.line}`);
    expect(comments.sort()).toEqual(pr.files.map((f) => `${f.filename}:2`).sort());
    expect(fake.state.issueComments.filter((c) => c.key === key)).toHaveLength(1);
    return completedAt;
  }

  test('a worker SIGKILLed mid-review: another picks the stalled job up and completes the same check run', async () => {
    const pr = push(1);
    try {
      const first = startWorker('first');
      await queue.enqueue(jobOf(pr));
      await midReview(pr);
      first.kill('SIGKILL');
      const killedAt = Date.now();
      await new Promise((resolve) => first.once('exit', resolve));
      fake.setLatency(0);
      startWorker('second');
      const completedAt = await expectCompletedOnce(pr);
      process.stdout.write(`SIGKILL recovery: check run completed ${completedAt - killedAt} ms after the kill\n`);
      expect(completedAt - killedAt).toBeLessThan(20_000);
    } catch (error) {
      process.stderr.write(output.join(''));
      process.stderr.write(fake.state.calls.map((c) => `${c.at} ${c.method} ${c.path}`).join('\n'));
      throw error;
    }
  }, 60_000);

  test('a worker SIGTERMed mid-review exits after its grace period, handing the review back to another', async () => {
    const pr = push(2);
    try {
      const first = startWorker('first', { SHUTDOWN_GRACE_MS: '300' });
      await queue.enqueue(jobOf(pr));
      await midReview(pr);
      const stoppedAt = Date.now();
      first.kill('SIGTERM');
      const code = await new Promise((resolve) => first.once('exit', (c) => resolve(c)));
      const exitMs = Date.now() - stoppedAt;
      expect(code).toBe(0);
      expect(output.join('')).toContain('review handed back to the queue');
      fake.setLatency(0);
      startWorker('second');
      const completedAt = await expectCompletedOnce(pr);
      process.stdout.write(`SIGTERM hand-back: exit ${exitMs} ms, check run completed ${completedAt - stoppedAt} ms after the signal\n`);
      expect(exitMs).toBeLessThan(5000);
    } catch (error) {
      process.stderr.write(output.join(''));
      process.stderr.write(fake.state.calls.map((c) => `${c.at} ${c.method} ${c.path}`).join('\n'));
      throw error;
    }
  }, 60_000);
});
