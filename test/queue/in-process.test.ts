import { pino } from 'pino';
import { InProcessQueue } from '../../src/queue/in-process.js';
import { DeliveryLog } from '../../src/queue/delivery-log.js';
import type { ReviewJob } from '../../src/types.js';

const logger = pino({ level: 'silent' });

function job(overrides: Partial<ReviewJob> = {}): ReviewJob {
  return { installationId: 1, owner: 'o', repo: 'r', pullNumber: 1, headSha: 'a'.repeat(40), trigger: 'pull_request', deliveryId: 'd1', ...overrides };
}

/** A worker whose jobs finish only when the test releases them. */
function gatedWorker() {
  const started: ReviewJob[] = [];
  const finished: ReviewJob[] = [];
  const releases: Array<() => void> = [];
  let running = 0;
  let maxRunning = 0;
  const worker = async (j: ReviewJob) => {
    started.push(j);
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise<void>((resolve) => releases.push(resolve));
    running--;
    finished.push(j);
  };
  const releaseAll = async () => {
    // Releasing lets queued jobs start, which push new releases: loop until the queue is idle.
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setImmediate(r));
      releases.splice(0).forEach((r) => r());
    }
  };
  return { worker, started, finished, releaseAll, get maxRunning() { return maxRunning; }, get running() { return running; } };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('InProcessQueue', () => {
  test('runs at most `concurrency` jobs at once', async () => {
    const w = gatedWorker();
    const queue = new InProcessQueue({ worker: w.worker, logger, concurrency: 2 });
    for (let n = 1; n <= 5; n++) queue.enqueue(job({ pullNumber: n, deliveryId: `d${n}` }));
    await tick();
    expect(w.started.map((j) => j.pullNumber)).toEqual([1, 2]);
    const drained = queue.drain();
    await w.releaseAll();
    await drained;
    expect(w.maxRunning).toBe(2);
    expect(w.finished.map((j) => j.pullNumber).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test('defaults its concurrency to the number of CPUs', () => {
    const queue = new InProcessQueue({ worker: async () => {}, logger });
    expect(queue.concurrency).toBeGreaterThanOrEqual(1);
  });

  test('serialises jobs of one pull request, while other PRs proceed', async () => {
    const w = gatedWorker();
    const queue = new InProcessQueue({ worker: w.worker, logger, concurrency: 4 });
    queue.enqueue(job({ headSha: 'a', deliveryId: 'd1' }));
    await tick();
    queue.enqueue(job({ headSha: 'b', deliveryId: 'd2' }));
    queue.enqueue(job({ pullNumber: 2, deliveryId: 'd3' }));
    await tick();
    // PR 1's second job waits for its first; PR 2 starts at once.
    expect(w.started.map((j) => `${j.pullNumber}@${j.headSha}`)).toEqual(['1@a', `2@${'a'.repeat(40)}`]);
    const drained = queue.drain();
    await w.releaseAll();
    await drained;
    expect(w.started.map((j) => `${j.pullNumber}@${j.headSha}`)).toEqual(['1@a', `2@${'a'.repeat(40)}`, '1@b']);
  });

  test('a newer head sha supersedes a queued older job of the same PR', async () => {
    const w = gatedWorker();
    const queue = new InProcessQueue({ worker: w.worker, logger, concurrency: 1 });
    queue.enqueue(job({ pullNumber: 9, headSha: 'x', deliveryId: 'busy' }));
    await tick();
    queue.enqueue(job({ headSha: 'old', deliveryId: 'd1' }));
    queue.enqueue(job({ headSha: 'new', deliveryId: 'd2' }));
    expect(queue.size).toBe(2);
    const drained = queue.drain();
    await w.releaseAll();
    await drained;
    expect(w.started.map((j) => j.headSha)).toEqual(['x', 'new']);
  });

  test("the superseded job's check is completed via onSuperseded, naming the newer head", async () => {
    const w = gatedWorker();
    const superseded: Array<[string, string]> = [];
    const queue = new InProcessQueue({ worker: w.worker, logger, concurrency: 1, onSuperseded: async (old, by) => void superseded.push([old.headSha, by.headSha]) });
    queue.enqueue(job({ pullNumber: 9, headSha: 'x', deliveryId: 'busy' }));
    await tick();
    queue.enqueue(job({ headSha: 'old', deliveryId: 'd1' }));
    queue.enqueue(job({ headSha: 'old', deliveryId: 'd1b' }));
    queue.enqueue(job({ headSha: 'new', deliveryId: 'd2' }));
    expect(superseded).toEqual([['old', 'new']]);
    const drained = queue.drain();
    await w.releaseAll();
    await drained;
  });

  test('close(grace) stops waiting after the grace period for a review that never ends', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
    const queue = new InProcessQueue({ worker: () => new Promise<void>(() => {}), logger: log, concurrency: 1 });
    queue.enqueue(job());
    await tick();
    const started = Date.now();
    await queue.close(50);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('shutdown grace expired: unfinished reviews left to the watchdog');
  });

  test('a delivery id is processed once', async () => {
    const w = gatedWorker();
    const queue = new InProcessQueue({ worker: w.worker, logger, concurrency: 2 });
    queue.enqueue(job({ deliveryId: 'same' }));
    const drained = queue.drain();
    await w.releaseAll();
    await drained;
    queue.enqueue(job({ deliveryId: 'same' }));
    queue.enqueue(job({ deliveryId: 'same', headSha: 'b' }));
    await queue.drain();
    expect(w.started).toHaveLength(1);
  });

  test('one delivery naming several PRs queues each of them', async () => {
    const ran: number[] = [];
    const queue = new InProcessQueue({ worker: async (j) => { ran.push(j.pullNumber); }, logger, concurrency: 1 });
    queue.enqueue(job({ pullNumber: 1, deliveryId: 'suite' }));
    queue.enqueue(job({ pullNumber: 2, deliveryId: 'suite' }));
    await queue.drain();
    expect(ran).toEqual([1, 2]);
  });

  test('a failing job is logged and does not stop the queue', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
    const ran: number[] = [];
    const queue = new InProcessQueue({
      worker: async (j) => {
        if (j.pullNumber === 1) throw new Error('boom');
        ran.push(j.pullNumber);
      },
      logger: log,
      concurrency: 1,
    });
    queue.enqueue(job({ pullNumber: 1, deliveryId: 'a' }));
    queue.enqueue(job({ pullNumber: 2, deliveryId: 'b' }));
    await queue.drain();
    expect(ran).toEqual([2]);
    const failure = lines.map((l) => JSON.parse(l) as { msg: string; pr?: number; err?: { message: string } }).find((l) => l.msg === 'review job failed');
    expect(failure).toMatchObject({ pr: 1, err: { message: 'boom' } });
  });

  test('close() waits for accepted jobs and refuses new ones', async () => {
    const w = gatedWorker();
    const queue = new InProcessQueue({ worker: w.worker, logger, concurrency: 1 });
    queue.enqueue(job({ pullNumber: 1, deliveryId: 'a' }));
    queue.enqueue(job({ pullNumber: 2, deliveryId: 'b' }));
    let closed = false;
    const closing = queue.close().then(() => { closed = true; });
    // Refused loudly: the webhook is answered 503 instead of being dropped silently.
    expect(() => queue.enqueue(job({ pullNumber: 3, deliveryId: 'c' }))).toThrow(expect.objectContaining({ name: 'QueueClosedError', status: 503 }));
    await tick();
    expect(closed).toBe(false);
    await w.releaseAll();
    await closing;
    expect(w.finished.map((j) => j.pullNumber)).toEqual([1, 2]);
  });

  test('enqueue returns before the worker starts', () => {
    const w = gatedWorker();
    const queue = new InProcessQueue({ worker: w.worker, logger, concurrency: 1 });
    queue.enqueue(job());
    expect(w.started).toHaveLength(0);
  });
});

describe('DeliveryLog', () => {
  test('remembers the last N keys only', () => {
    const log = new DeliveryLog(2);
    expect(log.add('a')).toBe(true);
    expect(log.add('a')).toBe(false);
    log.add('b');
    log.add('c');
    expect(log.size).toBe(2);
    expect(log.add('a')).toBe(true); // forgotten, so accepted again
    expect(log.add('c')).toBe(false);
  });
});
