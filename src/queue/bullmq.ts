/**
 * The Redis-backed queue (with `REDIS_URL`): the web process only enqueues; `npm run worker`
 * processes run the jobs (see `bullmq-worker.ts`). The job id is derived from (repo, PR, head sha),
 * so duplicate deliveries collapse into one job; a newer head removes the PR's queued older job.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { Logger } from '../logger.js';
import type { ReviewJob } from '../types.js';
import { QUEUE_NAME, type Redis } from './redis.js';
import { QueueClosedError, pullRequestKey, type ReviewQueue, type SupersededHandler } from './types.js';

/** A queued job: the review plus the check run an earlier attempt created. */
export interface QueuedReview extends ReviewJob {
  checkRunId?: number;
}

/** Retry policy and names of the Redis queue. */
export interface BullMQQueueOptions {
  /** A connection made with `connectRedis`; closed by `close()` only when `ownsConnection`. */
  connection: Redis;
  ownsConnection?: boolean;
  logger: Logger;
  queueName?: string;
  /** Attempts per job (first run included); transient failures are retried. Default 5. */
  attempts?: number;
  /** First retry delay; doubled at each retry. Default 5 s (5, 10, 20, 40 s). */
  backoffMs?: number;
  /** How long a delivery id is remembered to drop redeliveries. Default one day. */
  deliveryTtlSeconds?: number;
  onSuperseded?: SupersededHandler;
}

/** The job id of a review: repository, pull request and head sha (BullMQ ids may not contain `:`). */
export function jobIdFor(job: Pick<ReviewJob, 'owner' | 'repo' | 'pullNumber' | 'headSha'>): string {
  return `${pullRequestKey(job)}@${job.headSha}`;
}

function jobFields(job: ReviewJob): Record<string, unknown> {
  return { deliveryId: job.deliveryId, repo: `${job.owner}/${job.repo}`, pr: job.pullNumber, headSha: job.headSha, trigger: job.trigger };
}

/** The review fields of `data`, in a fixed shape (job data may carry more). */
export function reviewOf(data: QueuedReview): ReviewJob {
  const { installationId, owner, repo, pullNumber, headSha, trigger, deliveryId } = data;
  return { installationId, owner, repo, pullNumber, headSha, trigger, deliveryId };
}

/** A `ReviewQueue` on BullMQ; `queue` is exposed for workers, tests and operations. */
export class BullMQQueue implements ReviewQueue {
  readonly queue: Queue<QueuedReview>;
  readonly #redis: Redis;
  readonly #options: BullMQQueueOptions;
  readonly #prefix: string;
  #closed = false;
  readonly #completing = new Set<Promise<void>>();

  constructor(options: BullMQQueueOptions) {
    this.#options = options;
    this.#redis = options.connection;
    const name = options.queueName ?? QUEUE_NAME;
    this.queue = new Queue<QueuedReview>(name, { connection: options.connection });
    this.#prefix = `bull:${name}`;
  }

  /** The options every job is added with: retries with exponential backoff; finished jobs removed. */
  jobOptions(job: ReviewJob): JobsOptions {
    return {
      jobId: jobIdFor(job),
      attempts: this.#options.attempts ?? 5,
      backoff: { type: 'exponential', delay: this.#options.backoffMs ?? 5000 },
      // Removed once finished, so a later `/review` or re-run of the same head queues a new job.
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
    };
  }

  /** Queues `job` unless its delivery was seen; collapses duplicates; supersedes an older queued head. */
  async enqueue(job: ReviewJob): Promise<void> {
    const { logger } = this.#options;
    if (this.#closed) {
      logger.warn(jobFields(job), 'job refused: queue closed');
      throw new QueueClosedError('shutting down: the review was not queued');
    }
    const key = pullRequestKey(job);
    const ttl = this.#options.deliveryTtlSeconds ?? 24 * 3600;
    // Keyed by PR too: one check_suite delivery may name several pull requests.
    const fresh = await this.#redis.set(`${this.#prefix}:delivery:${job.deliveryId}:${key}`, '1', 'EX', ttl, 'NX');
    if (fresh === null) {
      logger.info(jobFields(job), 'duplicate delivery ignored');
      return;
    }
    const id = jobIdFor(job);
    await this.#clearFailed(id);
    const previous = await this.#redis.set(`${this.#prefix}:latest:${key}`, id, 'EX', ttl, 'GET');
    const added = await this.queue.add('review', job, this.jobOptions(job));
    if (added.id !== id || added.data.deliveryId !== job.deliveryId) logger.info(jobFields(job), 'job already queued: duplicate collapsed');
    if (previous !== null && previous !== id) await this.#supersede(previous, job);
  }

  /** A failed job of the same id would swallow the new one: a re-run must run. */
  async #clearFailed(id: string): Promise<void> {
    const existing = await this.queue.getJob(id);
    if (existing && (await existing.isFailed())) await existing.remove();
  }

  /** Removes the PR's older job if it is still waiting (a started one sees the new head itself). */
  async #supersede(previousId: string, by: ReviewJob): Promise<void> {
    const old = await this.queue.getJob(previousId);
    if (!old) return;
    const state = await old.getState();
    if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') return;
    try {
      await old.remove();
    } catch (error) {
      // It started in between: its own head check completes it as superseded.
      this.#options.logger.info({ ...jobFields(by), err: error }, 'superseded job already started');
      return;
    }
    const superseded = reviewOf(old.data);
    this.#options.logger.info({ ...jobFields(by), replacedSha: superseded.headSha }, 'queued job superseded');
    // Not awaited: the webhook is answered now, while the (throttled) GitHub write completes the old
    // head's check run in the background; `close` waits for it.
    const completing = (this.#options.onSuperseded?.(superseded, by) ?? Promise.resolve()).catch((error: unknown) =>
      this.#options.logger.warn({ ...jobFields(superseded), err: error }, 'superseded check run not completed'),
    );
    this.#completing.add(completing);
    void completing.finally(() => this.#completing.delete(completing));
  }

  /** Resolves once the superseded check runs being completed in the background are done. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#completing]);
  }

  /** Refuses new jobs and closes the connection; queued jobs stay in Redis for the workers. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.settled();
    await this.queue.close();
    if (this.#options.ownsConnection) await this.#redis.quit().catch(() => undefined);
  }
}
