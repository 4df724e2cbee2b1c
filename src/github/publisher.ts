/**
 * The GitHub publisher: the check run (created `in_progress`, always completed), one review with the
 * new inline comments, and one summary comment edited in place.
 */
import type { ProbotOctokit } from 'probot';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Abort, Publisher } from '../pipeline/publisher.js';
import type { ReviewResult } from '../pipeline/types.js';
import { batchAnnotations, renderCheckRun, type CheckRunAnnotation } from '../report/check-run.js';
import { planInlineComments } from '../report/inline.js';
import { renderSummary, type InlineTally } from '../report/summary.js';
import { planThreadUpdates, resolvedReply } from '../report/threads.js';
import type { Conclusion } from '../types.js';
import { appendAnnotations, completeCheckRun, createCheckRun, type CheckOutput } from './check-run.js';
import { findSummaryComment, listPostedFingerprints } from './existing-comments.js';
import { placeComments } from './placement.js';
import { postReview } from './post-review.js';
import { listReviewThreads, reopenThread, replyInThread, resolveThread } from './review-threads.js';

/** The pull request and commit one publisher writes to. */
export interface GitHubPublisherOptions {
  octokit: ProbotOctokit;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  logger: Logger;
  /** Commentable lines per path from the source's parsed patches (read when publishing). */
  commentableLines: () => ReadonlyMap<string, ReadonlySet<number>>;
  /** The in-progress check run of an earlier attempt of this job: resumed instead of creating another. */
  resumeCheckRunId?: number;
  /** Told the id of a created check run, so a retry or another worker can resume it. */
  onCheckRunCreated?: (checkRunId: number) => Promise<void>;
}

/** A publisher that can also guarantee its check run ends completed. */
export interface GitHubPublisher extends Publisher {
  /** Completes the check run `neutral` if it is still in progress (call in `finally`). */
  settle(): Promise<void>;
}

/** The check output with what went wrong while publishing, so nothing fails silently. */
function withProblems(output: CheckOutput, problems: readonly string[]): CheckOutput {
  if (problems.length === 0) return output;
  const section = `### Publishing problems\n\n${problems.map((p) => `- ${p}`).join('\n')}`;
  return { ...output, summary: `${output.summary}\n\n${section}` };
}

/** Creates the publisher of one review of one pull request at `headSha`. */
export function createGitHubPublisher(options: GitHubPublisherOptions): GitHubPublisher {
  const { octokit, owner, repo, pullNumber, headSha, logger } = options;
  const target = { octokit, owner, repo, headSha };
  const pr = { octokit, owner, repo, pullNumber };
  let checkRunId: number | undefined;
  let completed = false;

  async function complete(conclusion: Conclusion, output: CheckOutput, annotations: readonly CheckRunAnnotation[] = []): Promise<void> {
    const [first = [], ...rest] = batchAnnotations(annotations);
    checkRunId = await completeCheckRun(target, checkRunId, conclusion, output, first);
    completed = true;
    logger.info({ checkRunId, conclusion, annotations: annotations.length }, 'check run completed');
    try {
      await appendAnnotations(target, checkRunId, output, rest);
    } catch (error) {
      // The run is complete with its conclusion; missing annotations are logged, never fatal.
      logger.error({ err: error, batches: rest.length }, 'annotations not added');
    }
  }

  /** Posts the new inline comments; returns the summary's tally. Failures become `problems`. */
  async function publishInline(result: ReviewResult, problems: string[]): Promise<InlineTally> {
    let posted: ReadonlySet<string> | undefined;
    try {
      posted = await listPostedFingerprints(pr);
    } catch (error) {
      logger.error({ err: error }, 'review comments not listed');
      problems.push(`Earlier inline comments could not be read, so none were posted this time (no duplicates): ${describeError(error)}`);
    }
    const commentableLines = options.commentableLines();
    const plan = planInlineComments(result.findings, { max: result.config.maxInlineComments, posted: posted ?? new Set(), commentableLines });
    const { placeable, moved } = placeComments(posted ? plan.comments : [], commentableLines);
    if (moved.length > 0) logger.warn({ moved: moved.length }, 'comments outside the diff moved to the summary');
    const outcome = await postReview({ ...pr, headSha }, placeable, logger);
    if (outcome.problem) problems.push(outcome.problem);
    // Only a PR an earlier run commented on has threads of ours to tidy (no extra call otherwise).
    const threads = posted && posted.size > 0 ? await syncThreads(result, problems) : { resolved: 0, reopened: 0 };
    const unposted = posted ? [...moved, ...outcome.notPosted] : plan.comments;
    const summaryOnly = plan.summaryOnly.length + unposted.reduce((n, c) => n + c.fingerprints.length, 0);
    logger.info({ posted: outcome.posted.length, alreadyPosted: posted?.size ?? 0, summaryOnly }, 'inline comments done');
    return { posted: outcome.posted.length, summaryOnly, ...threads };
  }

  /** Resolves threads whose findings are gone and reopens the app's own whose findings are back. */
  async function syncThreads(result: ReviewResult, problems: string[]): Promise<{ resolved: number; reopened: number }> {
    const done = { resolved: 0, reopened: 0 };
    try {
      const plan = planThreadUpdates(await listReviewThreads(pr), result);
      for (const thread of plan.resolve) {
        await replyInThread(pr, thread.firstCommentId, resolvedReply(headSha));
        await resolveThread(pr, thread.id);
        done.resolved += 1;
      }
      for (const thread of plan.reopen) {
        await reopenThread(pr, thread.id);
        done.reopened += 1;
      }
      if (done.resolved + done.reopened > 0) logger.info(done, 'review threads updated');
    } catch (error) {
      logger.error({ err: error, ...done }, 'review threads not updated');
      problems.push(`Earlier review threads could not all be updated: ${describeError(error)}`);
    }
    return done;
  }

  /** Edits the PR's summary comment in place, or creates it. Failures become `problems`. */
  async function publishSummary(result: ReviewResult, tally: InlineTally, problems: string[]): Promise<void> {
    const body = renderSummary(result, tally);
    try {
      const existing = await findSummaryComment(pr);
      if (!existing) {
        await octokit.rest.issues.createComment({ owner, repo, issue_number: pullNumber, body });
        logger.info('summary comment created');
      } else if (existing.body !== body) {
        await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
        logger.info({ commentId: existing.id }, 'summary comment updated');
      }
    } catch (error) {
      logger.error({ err: error }, 'summary comment not posted');
      problems.push(`The summary comment could not be posted: ${describeError(error)}`);
    }
  }

  return {
    async begin() {
      if (options.resumeCheckRunId !== undefined) {
        checkRunId = options.resumeCheckRunId;
        logger.info({ checkRunId }, 'check run resumed');
        return;
      }
      checkRunId = await createCheckRun(target);
      logger.info({ checkRunId }, 'check run created');
      // Best effort: without it a retry creates a second run, and this one is left to the watchdog.
      await options.onCheckRunCreated?.(checkRunId).catch((error: unknown) => logger.warn({ err: error }, 'check run id not stored'));
    },

    async publish(result) {
      const problems: string[] = [];
      const tally = await publishInline(result, problems);
      await publishSummary(result, tally, problems);
      const rendered = renderCheckRun(result);
      const output = withProblems({ title: rendered.title, summary: rendered.summary, text: rendered.text }, problems);
      await complete(result.gate.conclusion, output, rendered.annotations);
    },

    async abort(reason: Abort) {
      if (completed) {
        logger.warn({ title: reason.title }, 'abort after completion ignored');
        return;
      }
      await complete(reason.conclusion, { title: reason.title, summary: reason.detail });
    },

    async settle() {
      if (checkRunId === undefined || completed) return;
      await complete('neutral', { title: 'Review could not finish', summary: 'The review ended without a result; the app log has the details.' });
    },
  };
}
