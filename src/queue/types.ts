/** The queue between intake (webhooks) and work (reviews); in-process today, BullMQ later. */
import type { ReviewJob } from '../types.js';

/** Does one job; a rejection is logged by the queue, never rethrown to the webhook. */
export type ReviewWorker = (job: ReviewJob) => Promise<void>;

/** Accepts review jobs; implementations decide where and when they run. */
export interface ReviewQueue {
  /** Queues `job`; returns once it is accepted, not when it has run. */
  enqueue(job: ReviewJob): Promise<void> | void;
  /** Stops accepting jobs and resolves when the accepted ones are done. */
  close(): Promise<void>;
}

/** The key that serialises jobs: one active job per pull request. */
export function pullRequestKey(job: Pick<ReviewJob, 'owner' | 'repo' | 'pullNumber'>): string {
  return `${job.owner}/${job.repo}#${job.pullNumber}`;
}
