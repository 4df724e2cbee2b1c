/**
 * The default queue: jobs run in this process with bounded concurrency, one at a time per pull
 * request; a newer head sha replaces a queued older job of the same PR; a delivery runs once.
 */
import { availableParallelism } from 'node:os';
import type { Logger } from '../logger.js';
import type { ReviewJob } from '../types.js';
import { DeliveryLog } from './delivery-log.js';
import { QueueClosedError, pullRequestKey, type ReviewQueue, type ReviewWorker, type SupersededHandler } from './types.js';

/** How many delivery keys are remembered to drop redeliveries. */
export const REMEMBERED_DELIVERIES = 10_000;

/** The worker and limits of an in-process queue. */
export interface InProcessQueueOptions {
  worker: ReviewWorker;
  logger: Logger;
  /** Jobs running at once; defaults to the number of CPUs. */
  concurrency?: number;
  rememberedDeliveries?: number;
  /** Completes the check of a queued job a newer head replaced (e.g. `neutral` "superseded by <sha>"). */
  onSuperseded?: SupersededHandler;
}

function jobFields(job: ReviewJob): Record<string, unknown> {
  return { deliveryId: job.deliveryId, repo: `${job.owner}/${job.repo}`, pr: job.pullNumber, headSha: job.headSha, trigger: job.trigger };
}

/** An in-memory `ReviewQueue`; `drain()` lets tests and shutdown wait for the work to finish. */
export class InProcessQueue implements ReviewQueue {
  readonly concurrency: number;
  readonly #worker: ReviewWorker;
  readonly #logger: Logger;
  readonly #deliveries: DeliveryLog;
  readonly #onSuperseded: SupersededHandler | undefined;
  /** Jobs not started yet, one per PR, in arrival order (a replacement keeps its PR's place). */
  readonly #waiting = new Map<string, ReviewJob>();
  /** PR keys with a running job. */
  readonly #active = new Set<string>();
  #idleWaiters: Array<() => void> = [];
  #closed = false;

  constructor(options: InProcessQueueOptions) {
    this.concurrency = options.concurrency ?? availableParallelism();
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.#worker = options.worker;
    this.#logger = options.logger;
    this.#deliveries = new DeliveryLog(options.rememberedDeliveries ?? REMEMBERED_DELIVERIES);
    this.#onSuperseded = options.onSuperseded;
  }

  /** Accepts `job` unless it is a duplicate delivery; throws `QueueClosedError` once closing. */
  enqueue(job: ReviewJob): void {
    const key = pullRequestKey(job);
    if (this.#closed) {
      this.#logger.warn(jobFields(job), 'job refused: queue closed');
      throw new QueueClosedError('shutting down: the review was not queued');
    }
    // Keyed by PR too: one check_suite delivery may name several pull requests.
    if (!this.#deliveries.add(`${job.deliveryId}\u0000${key}`)) {
      this.#logger.info(jobFields(job), 'duplicate delivery ignored');
      return;
    }
    const queued = this.#waiting.get(key);
    if (queued && queued.headSha !== job.headSha) {
      this.#logger.info({ ...jobFields(job), replacedSha: queued.headSha }, 'queued job superseded');
      this.#notifySuperseded(queued, job);
    }
    this.#waiting.set(key, job);
    this.#pump();
  }

  /** Jobs waiting plus jobs running. */
  get size(): number {
    return this.#waiting.size + this.#active.size;
  }

  /** Resolves when no job is waiting or running. */
  drain(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Refuses new jobs, lets the accepted ones finish, and resolves when they have, or after `graceMs`
   * with the jobs still unfinished (their check runs are then left to the watchdog).
   */
  async close(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.#closed = true;
    if (!Number.isFinite(graceMs)) return this.drain();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), graceMs)));
    const outcome = await Promise.race([this.drain().then(() => 'drained' as const), expired]);
    clearTimeout(timer);
    if (outcome === 'expired') {
      this.#logger.warn({ running: [...this.#active], waiting: [...this.#waiting.keys()], graceMs }, 'shutdown grace expired: unfinished reviews left to the watchdog');
    }
  }

  #notifySuperseded(superseded: ReviewJob, by: ReviewJob): void {
    if (!this.#onSuperseded) return;
    // Not awaited: `enqueue` answers the webhook at once; the write is logged when it fails.
    void this.#onSuperseded(superseded, by).catch((error: unknown) =>
      this.#logger.warn({ ...jobFields(superseded), err: error }, 'superseded check run not completed'),
    );
  }

  #pump(): void {
    for (const [key, job] of this.#waiting) {
      if (this.#active.size >= this.concurrency) return;
      if (this.#active.has(key)) continue;
      this.#waiting.delete(key);
      this.#start(key, job);
    }
  }

  #start(key: string, job: ReviewJob): void {
    this.#active.add(key);
    const started = performance.now();
    // The worker runs on a later tick so `enqueue` returns before any work starts.
    void Promise.resolve()
      .then(() => this.#worker(job))
      .catch((error: unknown) => this.#logger.error({ ...jobFields(job), err: error }, 'review job failed'))
      .finally(() => {
        this.#active.delete(key);
        this.#logger.debug({ ...jobFields(job), ms: Math.round(performance.now() - started) }, 'job finished');
        this.#pump();
        if (this.size === 0) this.#notifyIdle();
      });
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
