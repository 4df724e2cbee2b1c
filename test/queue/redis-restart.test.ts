/**
 * What a Redis restart does to queued reviews, on a real redis-server: with append-only persistence
 * (how docs/docker-compose.yml runs it) the queued jobs survive and a worker started afterwards runs
 * each once; without persistence they are gone (the limit docs/operations.md states, left to the
 * watchdog).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { BullMQQueue } from '../../src/queue/bullmq.js';
import { startBullMQWorker, type BullMQWorkerHandle } from '../../src/queue/bullmq-worker.js';
import { connectRedis, type Redis } from '../../src/queue/redis.js';
import type { ReviewJob } from '../../src/types.js';
import { describeWithRedis, startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { until } from '../helpers/until.js';

const logger = pino({ level: 'silent' });

function job(pullNumber: number): ReviewJob {
  return { installationId: 1, owner: 'o', repo: 'r', pullNumber, headSha: String(pullNumber).repeat(40).slice(0, 40), trigger: 'pull_request', deliveryId: `d${pullNumber}` };
}

describeWithRedis('a Redis restart with reviews queued', () => {
  let dir: string;
  const servers: RedisServer[] = [];
  const connections: Redis[] = [];
  const queues: BullMQQueue[] = [];
  const workers: BullMQWorkerHandle[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pr-reviewer-redis-'));
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.close(100);
    for (const q of queues.splice(0)) await q.close();
    for (const c of connections.splice(0)) c.disconnect();
    for (const s of servers.splice(0)) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function server(options: { port?: number; persistent: boolean }): Promise<RedisServer> {
    const started = await startRedisServer({ ...(options.port ? { port: options.port } : {}), ...(options.persistent ? { appendOnlyDir: dir } : {}) });
    servers.push(started);
    return started;
  }

  function redis(url: string): Redis {
    const connection = connectRedis(url);
    connections.push(connection);
    return connection;
  }

  /** Queues three reviews with no worker running, restarts Redis on the same port, then starts a worker. */
  async function queueRestartAndDrain(persistent: boolean): Promise<{ ran: string[]; waitingAfterRestart: number }> {
    const first = await server({ persistent });
    const queueName = `restart-${process.pid}-${persistent ? 'aof' : 'none'}`;
    const q = new BullMQQueue({ connection: redis(first.url), logger, queueName });
    queues.push(q);
    for (const n of [1, 2, 3]) await q.enqueue(job(n));
    expect(await q.queue.getWaitingCount()).toBe(3);

    await first.stop();
    const second = await server({ port: first.port, persistent });
    // The web process's connection reconnects by itself to the restarted server.
    await until(async () => {
      try {
        await q.queue.getWaitingCount();
        return true;
      } catch {
        return false;
      }
    });
    const waitingAfterRestart = await q.queue.getWaitingCount();

    const ran: string[] = [];
    workers.push(startBullMQWorker({ connection: redis(second.url), worker: async (j) => void ran.push(j.deliveryId), logger, queueName, concurrency: 2, busyRetryMs: 50 }));
    if (waitingAfterRestart > 0) await until(() => ran.length >= waitingAfterRestart, 15_000);
    // Nothing runs twice, nothing late: the queue is empty and stays so.
    await new Promise((r) => setTimeout(r, 200));
    return { ran: ran.sort(), waitingAfterRestart };
  }

  test('with append-only persistence the queued reviews survive and each runs once', async () => {
    const { ran, waitingAfterRestart } = await queueRestartAndDrain(true);
    expect(waitingAfterRestart).toBe(3);
    expect(ran).toEqual(['d1', 'd2', 'd3']);
  }, 30_000);

  test('without persistence the queued reviews are lost (their check runs are left to the watchdog)', async () => {
    const { ran, waitingAfterRestart } = await queueRestartAndDrain(false);
    expect(waitingAfterRestart).toBe(0);
    expect(ran).toEqual([]);
  }, 30_000);
});
