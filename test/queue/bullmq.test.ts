/**
 * The Redis queue against a real redis-server on 127.0.0.1: duplicate collapse, superseding, retries
 * with backoff on transient failures only, the check run carried across attempts, graceful hand-back.
 */
import { pino } from 'pino';
import { BullMQQueue, jobIdFor } from '../../src/queue/bullmq.js';
import { startBullMQWorker, type BullMQWorkerHandle } from '../../src/queue/bullmq-worker.js';
import { connectRedis, type Redis } from '../../src/queue/redis.js';
import { RetryableReviewError } from '../../src/queue/retry.js';
import type { JobAttempt, ReviewWorker } from '../../src/queue/types.js';
import type { ReviewJob } from '../../src/types.js';
import { describeWithRedis, startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { until } from '../helpers/until.js';

const logger = pino({ level: 'silent' });

function job(overrides: Partial<ReviewJob> = {}): ReviewJob {
  return { installationId: 1, owner: 'o', repo: 'r', pullNumber: 1, headSha: 'a'.repeat(40), trigger: 'pull_request', deliveryId: 'd1', ...overrides };
}

describeWithRedis('BullMQQueue on a real Redis', () => {
  let server: RedisServer;
  let connections: Redis[] = [];
  let queues: BullMQQueue[] = [];
  let workers: BullMQWorkerHandle[] = [];
  let n = 0;

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.close(100);
    for (const q of queues.splice(0)) await q.close();
    for (const c of connections.splice(0)) await c.quit().catch(() => undefined);
  });
  afterAll(async () => {
    await server?.stop();
  });

  function redis(): Redis {
    const connection = connectRedis(server.url);
    connections.push(connection);
    return connection;
  }

  /** A queue (and its name, fresh per test) with fast retries. */
  function queue(options: { attempts?: number; superseded?: Array<[ReviewJob, ReviewJob]> } = {}) {
    const queueName = `test-${process.pid}-${++n}`;
    const q = new BullMQQueue({
      connection: redis(),
      logger,
      queueName,
      attempts: options.attempts ?? 4,
      backoffMs: 50,
      onSuperseded: async (old, by) => void options.superseded?.push([old, by]),
    });
    queues.push(q);
    return { q, queueName };
  }

  function worker(queueName: string, review: ReviewWorker, extra: { lockDurationMs?: number; stalledIntervalMs?: number } = {}): BullMQWorkerHandle {
    const handle = startBullMQWorker({ connection: redis(), worker: review, logger, queueName, concurrency: 2, busyRetryMs: 50, ...extra });
    workers.push(handle);
    return handle;
  }

  test('the job id is derived from repository, PR and head sha', () => {
    expect(jobIdFor(job())).toBe(`o/r#1@${'a'.repeat(40)}`);
  });

  test('duplicate deliveries of one head collapse into one job; a redelivered id is dropped', async () => {
    const { q } = queue();
    await q.enqueue(job({ deliveryId: 'd1' }));
    await q.enqueue(job({ deliveryId: 'd2', trigger: 'comment' }));
    await q.enqueue(job({ deliveryId: 'd1' }));
    const waiting = await q.queue.getWaiting();
    expect(waiting.map((j) => [j.id, j.data.deliveryId])).toEqual([[jobIdFor(job()), 'd1']]);
  });

  test('a newer head supersedes the queued older job, whose check is completed as superseded', async () => {
    const superseded: Array<[ReviewJob, ReviewJob]> = [];
    const { q } = queue({ superseded });
    await q.enqueue(job({ headSha: 'old', deliveryId: 'd1' }));
    await q.enqueue(job({ pullNumber: 2, deliveryId: 'd2' }));
    await q.enqueue(job({ headSha: 'new', deliveryId: 'd3' }));
    const waiting = await q.queue.getWaiting();
    expect(waiting.map((j) => j.data.headSha).sort()).toEqual(['a'.repeat(40), 'new']);
    await q.settled();
    expect(superseded.map(([old, by]) => [old.headSha, by.headSha])).toEqual([['old', 'new']]);
  });

  test('superseding does not hold the webhook: enqueue returns before the old check run is completed', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const completed: string[] = [];
    const q = new BullMQQueue({
      connection: redis(),
      logger,
      queueName: `test-${process.pid}-${++n}`,
      onSuperseded: async (old) => {
        await gate;
        completed.push(old.headSha);
      },
    });
    queues.push(q);
    await q.enqueue(job({ headSha: 'old', deliveryId: 'e1' }));
    await q.enqueue(job({ headSha: 'new', deliveryId: 'e2' }));
    expect(completed).toEqual([]);
    release();
    await q.settled();
    expect(completed).toEqual(['old']);
  });

  test('a worker runs the job once; a finished head can be queued again (a /review re-run)', async () => {
    const { q, queueName } = queue();
    const ran: string[] = [];
    worker(queueName, async (j) => void ran.push(j.deliveryId));
    await q.enqueue(job({ deliveryId: 'd1' }));
    await until(() => ran.length === 1);
    await q.enqueue(job({ deliveryId: 'd2', trigger: 'comment' }));
    await until(() => ran.length === 2);
    expect(ran).toEqual(['d1', 'd2']);
  });

  test('transient failures are retried with exponential backoff; the check run id is carried over', async () => {
    const { q, queueName } = queue({ attempts: 4 });
    const attempts: Array<{ at: number; final: boolean; checkRunId?: number }> = [];
    worker(queueName, async (_j, attempt?: JobAttempt) => {
      attempts.push({ at: Date.now(), final: attempt?.final ?? true, ...(attempt?.checkRunId !== undefined ? { checkRunId: attempt.checkRunId } : {}) });
      if (attempts.length === 1) await attempt?.rememberCheckRun(7001);
      if (attempts.length < 3) throw new RetryableReviewError('HTTP 502');
    });
    await q.enqueue(job());
    await until(() => attempts.length === 3);
    expect(attempts.map((a) => [a.final, a.checkRunId])).toEqual([[false, undefined], [false, 7001], [false, 7001]]);
    const gaps = [attempts[1].at - attempts[0].at, attempts[2].at - attempts[1].at];
    // 50 ms, then 100 ms (plus scheduling).
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
  });

  test('the last attempt is marked final; a non-transient failure is not retried', async () => {
    const { q, queueName } = queue({ attempts: 2 });
    const finals: Array<[number, boolean]> = [];
    worker(queueName, async (j, attempt) => {
      finals.push([j.pullNumber, attempt?.final ?? true]);
      if (j.pullNumber === 1) throw new RetryableReviewError('HTTP 503');
      throw new Error('HTTP 422 refused');
    });
    await q.enqueue(job({ pullNumber: 1, deliveryId: 'a' }));
    await q.enqueue(job({ pullNumber: 2, deliveryId: 'b' }));
    await until(async () => (await q.queue.getFailedCount()) === 2);
    expect(finals.sort()).toEqual([[1, false], [1, true], [2, false]]);
  });

  test('one review per pull request at a time across workers; other PRs run alongside', async () => {
    const { q, queueName } = queue();
    const active = new Map<number, number>();
    let overlap = 0;
    const log: string[] = [];
    const review: ReviewWorker = async (j) => {
      const now = (active.get(j.pullNumber) ?? 0) + 1;
      active.set(j.pullNumber, now);
      if (now > 1) overlap++;
      log.push(`start ${j.pullNumber}@${j.headSha}`);
      await new Promise((r) => setTimeout(r, 150));
      log.push(`end ${j.pullNumber}@${j.headSha}`);
      active.set(j.pullNumber, now - 1);
    };
    worker(queueName, review);
    worker(queueName, review);
    await q.enqueue(job({ headSha: 'one', deliveryId: 'a' }));
    await until(() => log.length === 1);
    await q.enqueue(job({ headSha: 'two', deliveryId: 'b' }));
    await q.enqueue(job({ pullNumber: 2, headSha: 'x', deliveryId: 'c' }));
    await until(() => log.filter((l) => l.startsWith('end')).length === 3);
    expect(overlap).toBe(0);
    expect(log.indexOf('start 1@two')).toBeGreaterThan(log.indexOf('end 1@one'));
    expect(log.indexOf('start 2@x')).toBeLessThan(log.indexOf('end 1@one'));
  });

  test('a dropped Redis connection is survived: jobs queued after it still run', async () => {
    const { q, queueName } = queue();
    const ran: string[] = [];
    worker(queueName, async (j) => void ran.push(j.deliveryId));
    await q.enqueue(job({ deliveryId: 'before' }));
    await until(() => ran.length === 1);
    // Every client connection is cut at once (workers' blocking ones included); ioredis reconnects.
    await redis().call('CLIENT', 'KILL', 'TYPE', 'normal');
    await q.enqueue(job({ pullNumber: 2, deliveryId: 'after' }));
    await until(() => ran.length === 2, 15_000);
    expect(ran).toEqual(['before', 'after']);
  });

  test('close() hands a review that outlives the grace period back to the queue for another worker', async () => {
    const { q, queueName } = queue();
    const first = worker(queueName, async (_j, attempt) => {
      await attempt?.rememberCheckRun(7001);
      await new Promise(() => {}); // never finishes
    });
    await q.enqueue(job());
    await until(async () => (await q.queue.getActiveCount()) === 1);
    const started = Date.now();
    await first.close(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await q.queue.getWaitingCount()).toBe(1);
    const resumed: Array<number | undefined> = [];
    worker(queueName, async (_j, attempt) => void resumed.push(attempt?.checkRunId));
    await until(() => resumed.length === 1);
    expect(resumed).toEqual([7001]);
  });
});
