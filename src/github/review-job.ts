/** Runs one queued `ReviewJob` against GitHub: reads the PR, wires source, config and publisher. */
import type { ProbotOctokit } from 'probot';
import type { Detector } from '../../detectors/define.js';
import type { Analyzer } from '../analysis/engine.js';
import type { ResolvedConfig } from '../config/defaults.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { runReview } from '../pipeline/run-review.js';
import type { ReviewResult } from '../pipeline/types.js';
import type { ReviewJob } from '../types.js';
import { toApiError } from './api-error.js';
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
}

/** The fields of `pulls.get` the job needs. */
interface PullRequestState {
  draft?: boolean;
  changed_files: number;
  head: { sha: string };
  base: { ref: string };
}

/** Why a job is not reviewed under `config`: superseded by a newer head, or a draft. */
export function skipReasonFor(job: ReviewJob, pr: PullRequestState, config: ResolvedConfig): string | undefined {
  if (pr.head.sha !== job.headSha) return `superseded by ${pr.head.sha}`;
  if (pr.draft === true && !config.reviewDrafts) return 'Draft pull request: not reviewed';
  return undefined;
}

/** Reviews one pull request at the job's head sha; the check run always ends completed. */
export async function processReviewJob(job: ReviewJob, deps: ReviewJobDeps): Promise<ReviewResult | undefined> {
  const { owner, repo, pullNumber, headSha } = job;
  const { octokit } = deps;
  const logger = deps.logger.child({
    deliveryId: job.deliveryId,
    repo: `${owner}/${repo}`,
    pr: pullNumber,
    headSha,
    installationId: job.installationId,
  });
  let source: ReturnType<typeof createGitHubSource> | undefined;
  const publisher = createGitHubPublisher({
    octokit,
    owner,
    repo,
    pullNumber,
    headSha,
    logger,
    commentableLines: () => source?.commentableLines() ?? new Map(),
  });
  let pr: PullRequestState;
  try {
    pr = (await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber })).data;
  } catch (error) {
    const wrapped = toApiError(`reading ${owner}/${repo}#${pullNumber}`, error);
    logger.error({ err: wrapped }, 'pull request could not be read');
    await publisher.abort({ conclusion: 'neutral', title: 'Review could not finish', detail: describeError(wrapped) });
    return undefined;
  }
  source = createGitHubSource({ octokit, owner, repo, pullNumber, headSha, reportedFileCount: pr.changed_files });
  logger.info({ trigger: job.trigger, draft: pr.draft === true, changedFiles: pr.changed_files }, 'review started');
  try {
    return await runReview({
      source,
      publisher,
      analyzer: deps.analyzer,
      registry: deps.registry,
      loadConfig: createConfigLoader({ octokit, owner, repo, baseRef: pr.base.ref, logger }),
      logger,
      skipReason: (config) => skipReasonFor(job, pr, config),
      headSha,
    });
  } finally {
    // Never leave the check run in progress, even if aborting failed.
    await publisher.settle().catch((error: unknown) => logger.error({ err: error }, 'check run not settled'));
  }
}
