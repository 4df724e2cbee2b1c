/**
 * The consumer side of the Redis queue (`npm run worker`): runs review jobs with retries on transient
 * failures; a job whose worker died (SIGKILL, lost machine) is found by BullMQ's stalled-job check
 * and run again by another worker, which resumes the same check run from the job's data.
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { reviewOf, type QueuedReview } from './bullmq.js';
import { pullRequestLock } from './pr-lock.js';
import { QUEUE_NAME, type Redis } from './redis.js';
import { RetryableReviewError } from './retry.js';
import { pullRequestKey, type JobAttempt, type ReviewWorker } from './types.js';

/** Limits and timings of one worker process. */
export interface BullMQWorkerOptions {
  connection: Redis;
  worker: ReviewWorker;
  logger: Logger;
  queueName?: string;
  /** Jobs this process runs at once. Default 2. */
  concurrency?: number;
  /** A job whose lock is not renewed for this long is stalled (its worker died). Default 30 s. */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. Default 30 s. */
  stalledIntervalMs?: number;
  /** Stalls a job survives before it fails. Default 2. */
  maxStalledCount?: number;
  /** How long a job waits before trying again when another review of its PR is running. Default 2 s. */
  busyRetryMs?: number;
}

/** A running worker; `close` finishes or hands back the jobs in flight. */
export interface BullMQWorkerHandle {
  readonly worker: Worker<QueuedReview>;
  /**
   * Stops taking jobs and waits up to `graceMs` for the running ones; the unfinished ones are moved
   * back to the wait list at once for another worker (which resumes their check runs).
   */
  close(graceMs?: number): Promise<void>;
}

/** True when no retry is left after this attempt of `job`. */
export function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

function fieldsOf(job: Job<QueuedReview> | undefined): Record<string, unknown> {
  if (!job) return {};
  return { jobId: job.id, repo: `${job.data.owner}/${job.data.repo}`, pr: job.data.pullNumber, headSha: job.data.headSha, attemptsMade: job.attemptsMade };
}

/** Rejects when `signal` aborts; never settles without one. */
function cancelled(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new Error('handed back at shutdown')), { once: true });
  });
}

/** The attempt the review worker is told about: final or not, and the check run to resume. */
function attemptOf(job: Job<QueuedReview>): JobAttempt {
  return {
    final: isFinalAttempt(job),
    resumed: job.attemptsStarted > 1 || job.attemptsMade > 0 || job.stalledCounter > 0,
    ...(job.data.checkRunId !== undefined ? { checkRunId: job.data.checkRunId } : {}),
    rememberCheckRun: async (checkRunId) => {
      await job.updateData({ ...job.data, checkRunId });
    },
  };
}

/** Starts a worker process's consumer of the review queue. */
export function startBullMQWorker(options: BullMQWorkerOptions): BullMQWorkerHandle {
  const { logger } = options;
  const running = new Map<string, { job: Job<QueuedReview>; token: string | undefined }>();

  const queueName = options.queueName ?? QUEUE_NAME;
  const lockMs = options.lockDurationMs ?? 30_000;

  async function process(job: Job<QueuedReview>, token?: string, signal?: AbortSignal): Promise<void> {
    const key = job.id ?? '';
    const lock = pullRequestLock(options.connection, `bull:${queueName}:pr:${pullRequestKey(job.data)}`, key, lockMs);
    if (!(await lock.acquire())) {
      // Another review of this PR is running: one at a time, so results never cross.
      await job.moveToDelayed(Date.now() + (options.busyRetryMs ?? 2000), token);
      throw new DelayedError();
    }
    const renewal = setInterval(() => void lock.renew().catch(() => undefined), Math.max(100, Math.floor(lockMs / 3)));
    running.set(key, { job, token });
    try {
      // A job handed back at shutdown is cancelled: the worker stops waiting for it (it runs elsewhere).
      await Promise.race([options.worker(reviewOf(job.data), attemptOf(job)), cancelled(signal)]);
    } catch (error) {
      if (error instanceof RetryableReviewError && !isFinalAttempt(job)) throw error;
      // A bug or a refusal: running it again would fail the same way (and write to GitHub again).
      throw new UnrecoverableError(describeError(error));
    } finally {
      clearInterval(renewal);
      running.delete(key);
      await lock.release().catch((error: unknown) => logger.warn({ ...fieldsOf(job), err: error }, 'pull request lock not released'));
    }
  }

  const worker = new Worker<QueuedReview>(queueName, process, {
    connection: options.connection,
    concurrency: options.concurrency ?? 2,
    lockDuration: lockMs,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
  });
  worker.on('failed', (job, error) => logger.warn({ ...fieldsOf(job), err: error }, 'review job attempt failed'));
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'stalled review job moved back to the queue'));
  worker.on('error', (error) => logger.error({ err: error }, 'queue worker error'));

  async function handBack(): Promise<void> {
    for (const { job, token } of running.values()) {
      try {
        await job.moveToWait(token);
        logger.warn(fieldsOf(job), 'review handed back to the queue');
      } catch (error) {
        // Its lock expires anyway: the stalled-job check of another worker picks it up.
        logger.warn({ ...fieldsOf(job), err: error }, 'review not handed back: left to the stalled-job check');
      }
    }
    // Lets `worker.close()` finish: the processors stop waiting for the reviews handed back.
    worker.cancelAllJobs('handed back at shutdown');
  }

  return {
    worker,
    async close(graceMs = 25_000) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), graceMs)));
      const closing = worker.close();
      const outcome = await Promise.race([closing.then(() => 'closed' as const), expired]);
      clearTimeout(timer);
      if (outcome === 'expired') {
        await handBack();
        await closing.catch((error: unknown) => logger.warn({ err: error }, 'queue worker closed with an error'));
      }
    },
  };
}
