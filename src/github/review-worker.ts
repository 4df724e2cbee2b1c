/** The queue worker of the app: authenticates as the job's installation and runs the review. */
import type { Probot } from 'probot';
import type { Detector } from '../../detectors/define.js';
import type { Analyzer } from '../analysis/engine.js';
import { describeError } from '../errors.js';
import { RetryableReviewError, isTransient } from '../queue/retry.js';
import type { ReviewWorker } from '../queue/types.js';
import { processReviewJob } from './review-job.js';

/** The analysis shared by every job of the process. */
export interface ReviewWorkerDeps {
  /** One long-lived analyzer: parsers are loaded once per process. */
  analyzer: Analyzer;
  registry: readonly Detector[];
}

/** A worker that reviews each job with an installation Octokit from `app.auth`. */
export function createReviewWorker(app: Probot, deps: ReviewWorkerDeps): ReviewWorker {
  return async (job, attempt) => {
    // Probot's own Octokit keeps the GHE base URL, retries and throttling; tokens never leave it.
    let octokit: Awaited<ReturnType<Probot['auth']>>;
    try {
      octokit = await app.auth(job.installationId);
    } catch (error) {
      // Without a token no check run can be written: a retrying queue tries again, else it is logged.
      if (attempt && !attempt.final && isTransient(error)) throw new RetryableReviewError(describeError(error), { cause: error });
      throw error;
    }
    await processReviewJob(job, { octokit, analyzer: deps.analyzer, registry: deps.registry, logger: app.log, ...(attempt ? { attempt } : {}) });
  };
}
