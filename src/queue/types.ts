/** The queue between intake (webhooks) and work (reviews): in-process by default, BullMQ with Redis. */
import type { ReviewJob } from '../types.js';

/** What the queue knows about the current attempt of a job; absent means a single, final attempt. */
export interface JobAttempt {
  /** False when the queue retries the job after a transient failure (5xx, network, rate limit). */
  final: boolean;
  /** The check run an earlier attempt (or a worker that died) created: resumed, not created again. */
  checkRunId?: number;
  /** The job was started before (a retry, or its worker died): an in-progress run may be left to resume. */
  resumed?: boolean;
  /** Stores the check run id with the job so a retry or another worker completes that same run. */
  rememberCheckRun(id: number): Promise<void>;
}

/**
 * Does one job. A rejection with `RetryableReviewError` asks a retrying queue to run it again later;
 * any other rejection is logged by the queue, never rethrown to the webhook.
 */
export type ReviewWorker = (job: ReviewJob, attempt?: JobAttempt) => Promise<void>;

/** Told when a queued job is dropped for a newer head of the same pull request. */
export type SupersededHandler = (superseded: ReviewJob, by: ReviewJob) => Promise<void>;

/** Accepts review jobs; implementations decide where and when they run. */
export interface ReviewQueue {
  /** Queues `job`; returns once it is accepted, not when it has run. */
  enqueue(job: ReviewJob): Promise<void> | void;
  /**
   * Stops accepting jobs and resolves when the accepted ones are done or handed back, waiting at
   * most `graceMs` for work in flight.
   */
  close(graceMs?: number): Promise<void>;
}

/** A job offered to a queue that is shutting down: the webhook is answered 503, not silently dropped. */
export class QueueClosedError extends Error {
  override name = 'QueueClosedError';
  /** The HTTP status the webhook is answered with (the webhooks middleware uses it). */
  readonly status = 503;
}

/** The key that serialises jobs: one active job per pull request. */
export function pullRequestKey(job: Pick<ReviewJob, 'owner' | 'repo' | 'pullNumber'>): string {
  return `${job.owner}/${job.repo}#${job.pullNumber}`;
}
