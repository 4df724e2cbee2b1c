/** Runs one queued `ReviewJob` against GitHub: reads the PR, wires source, config and publisher. */
import type { ProbotOctokit } from 'probot';
import type { Detector } from '../../detectors/define.js';
import type { Analyzer } from '../analysis/engine.js';
import type { ResolvedConfig } from '../config/defaults.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Abort } from '../pipeline/publisher.js';
import { runReview } from '../pipeline/run-review.js';
import type { ReviewResult } from '../pipeline/types.js';
import { RetryableReviewError, isTransient } from '../queue/retry.js';
import type { JobAttempt } from '../queue/types.js';
import type { ReviewJob } from '../types.js';
import { toApiError } from './api-error.js';
import { findInProgressCheckRun } from './check-run.js';
import { createConfigLoader } from './config-loader.js';
import { createGitHubPublisher } from './publisher.js';
import { createGitHubSource } from './source.js';

/** What a job needs besides itself: an installation Octokit and the analysis. */
export interface ReviewJobDeps {
  /** An Octokit authenticated as the job's installation. */
  octokit: ProbotOctokit;
  analyzer: Analyzer;
  registry: readonly Detector[];
  logger: Logger;
  /** The queue's attempt; without one the job runs once and every failure completes the check. */
  attempt?: JobAttempt;
}

/** The fields of `pulls.get` the job needs. */
interface PullRequestState {
  draft?: boolean;
  changed_files: number;
  head: { sha: string };
  base: { ref: string; sha?: string };
}

/** Why a job is not reviewed under `config`: superseded by a newer head, or a draft. */
export function skipReasonFor(job: ReviewJob, pr: PullRequestState, config: ResolvedConfig): string | undefined {
  if (pr.head.sha !== job.headSha) return `superseded by ${pr.head.sha}`;
  if (pr.draft === true && !config.reviewDrafts) return 'Draft pull request: not reviewed';
  return undefined;
}

/**
 * The attempt, with the check run to resume: the stored one, or for a job started before without one
 * (its worker died between creating the run and storing the id) the head's in-progress run.
 */
async function withLeftCheckRun(job: ReviewJob, deps: ReviewJobDeps): Promise<JobAttempt | undefined> {
  const { attempt } = deps;
  if (!attempt?.resumed || attempt.checkRunId !== undefined) return attempt;
  try {
    const left = await findInProgressCheckRun({ octokit: deps.octokit, owner: job.owner, repo: job.repo, headSha: job.headSha });
    return left === undefined ? attempt : { ...attempt, checkRunId: left };
  } catch (error) {
    // Only a lookup: without it a new run is created and the old one is left to the watchdog.
    deps.logger.warn({ err: error, headSha: job.headSha }, 'in-progress check run not looked up');
    return attempt;
  }
}

/** True when `reason` ends an attempt the queue will retry: the check run stays in progress. */
function deferred(reason: Abort, attempt: JobAttempt | undefined): boolean {
  return attempt !== undefined && !attempt.final && reason.error !== undefined && isTransient(reason.error);
}

/**
 * Reviews one pull request at the job's head sha; the check run always ends completed, except when a
 * transient failure is handed back to a retrying queue (it then rejects with `RetryableReviewError`
 * and the next attempt resumes the same check run).
 */
export async function processReviewJob(job: ReviewJob, deps: ReviewJobDeps): Promise<ReviewResult | undefined> {
  const { owner, repo, pullNumber, headSha } = job;
  const { octokit } = deps;
  const attempt = await withLeftCheckRun(job, deps);
  const logger = deps.logger.child({
    deliveryId: job.deliveryId,
    repo: `${owner}/${repo}`,
    pr: pullNumber,
    headSha,
    installationId: job.installationId,
  });
  let source: ReturnType<typeof createGitHubSource> | undefined;
  let retryFor: unknown;
  const github = createGitHubPublisher({
    octokit,
    owner,
    repo,
    pullNumber,
    headSha,
    logger,
    commentableLines: () => source?.commentableLines() ?? new Map(),
    ...(attempt?.checkRunId !== undefined ? { resumeCheckRunId: attempt.checkRunId } : {}),
    ...(attempt ? { onCheckRunCreated: (id: number) => attempt.rememberCheckRun(id) } : {}),
  });
  const publisher = {
    ...github,
    async abort(reason: Abort): Promise<void> {
      if (deferred(reason, attempt)) retryFor = reason.error;
      else await github.abort(reason);
    },
  };
  let result: ReviewResult | undefined;
  try {
    result = await reviewPullRequest(job, { ...deps, logger, ...(attempt ? { attempt } : {}) }, publisher, (created) => (source = created));
  } finally {
    // Never leave the check run in progress, even if aborting failed (unless a retry will finish it).
    if (retryFor === undefined) await github.settle().catch((error: unknown) => logger.error({ err: error }, 'check run not settled'));
  }
  if (retryFor !== undefined) {
    logger.warn({ err: retryFor }, 'transient failure: review handed back for a retry');
    throw new RetryableReviewError(describeError(retryFor), { cause: retryFor });
  }
  return result;
}

/** Reads the pull request, then runs the pipeline on it with the GitHub source, config and publisher. */
async function reviewPullRequest(
  job: ReviewJob,
  deps: ReviewJobDeps,
  publisher: ReturnType<typeof createGitHubPublisher>,
  onSource: (source: ReturnType<typeof createGitHubSource>) => void,
): Promise<ReviewResult | undefined> {
  const { owner, repo, pullNumber, headSha } = job;
  const { octokit, logger } = deps;
  let pr: PullRequestState;
  try {
    pr = (await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber })).data;
  } catch (error) {
    const wrapped = toApiError(`reading ${owner}/${repo}#${pullNumber}`, error);
    logger.error({ err: wrapped }, 'pull request could not be read');
    await publisher.abort({ conclusion: 'neutral', title: 'Review could not finish', detail: describeError(wrapped), error: wrapped });
    return undefined;
  }
  const source = createGitHubSource({ octokit, owner, repo, pullNumber, headSha, ...(pr.base.sha ? { baseSha: pr.base.sha } : {}), reportedFileCount: pr.changed_files });
  onSource(source);
  logger.info({ trigger: job.trigger, draft: pr.draft === true, changedFiles: pr.changed_files, attempt: deps.attempt?.checkRunId === undefined ? 'first' : 'resumed' }, 'review started');
  return runReview({
    source,
    publisher,
    analyzer: deps.analyzer,
    registry: deps.registry,
    loadConfig: createConfigLoader({ octokit, owner, repo, baseRef: pr.base.ref, logger }),
    logger,
    skipReason: (config) => skipReasonFor(job, pr, config),
    headSha,
  });
}
