/** The queue worker of the app: authenticates as the job's installation and runs the review. */
import type { Probot } from 'probot';
import type { Detector } from '../../detectors/define.js';
import type { Analyzer } from '../analysis/engine.js';
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
  return async (job) => {
    // Probot's own Octokit keeps the GHE base URL, retries and throttling; tokens never leave it.
    const octokit = await app.auth(job.installationId);
    await processReviewJob(job, { octokit, analyzer: deps.analyzer, registry: deps.registry, logger: app.log });
  };
}
