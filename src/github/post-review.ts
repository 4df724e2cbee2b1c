/**
 * Posts the run's one review (event COMMENT) with its inline comments. A refused review (4xx) is
 * posted again without them; no failure here ever sinks the run: the comments go to the summary.
 */
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { InlineComment } from '../pipeline/types.js';
import { isClientError, statusOf, toApiError } from './api-error.js';
import type { PullRequestRef } from './existing-comments.js';

/** What became of the inline comments of one review. */
export interface ReviewOutcome {
  /** Comments now on GitHub. */
  posted: InlineComment[];
  /** Comments that could not be posted: the summary lists their findings. */
  notPosted: InlineComment[];
  /** What went wrong, for the check run output. */
  problem?: string;
}

/** The review comment as the API takes it: new side only, ranges within one hunk. */
function toApiComment(comment: InlineComment) {
  return {
    path: comment.path,
    line: comment.line,
    side: 'RIGHT' as const,
    body: comment.body,
    ...(comment.startLine !== undefined ? { start_line: comment.startLine, start_side: 'RIGHT' as const } : {}),
  };
}

function reviewBody(count: number): string {
  return `pr-reviewer left ${count} inline comment${count === 1 ? '' : 's'} on this change; the summary comment lists every finding.`;
}

const FALLBACK_BODY = 'pr-reviewer could not place its inline comments on this change; the summary comment lists every finding.';

/** Posts one review with `comments` on `headSha` (nothing when there are none). */
export async function postReview(ref: PullRequestRef & { headSha: string }, comments: readonly InlineComment[], logger: Logger): Promise<ReviewOutcome> {
  if (comments.length === 0) return { posted: [], notPosted: [] };
  const { octokit, owner, repo, pullNumber, headSha } = ref;
  const base = { owner, repo, pull_number: pullNumber, commit_id: headSha, event: 'COMMENT' as const };
  try {
    await octokit.rest.pulls.createReview({ ...base, body: reviewBody(comments.length), comments: comments.map(toApiComment) });
    return { posted: [...comments], notPosted: [] };
  } catch (error) {
    const failure = toApiError('posting the review', error);
    if (!isClientError(error)) {
      // A 5xx has already been retried by Octokit's retry plugin: record it and carry on.
      logger.error({ err: failure, comments: comments.length }, 'review post failed');
      return { posted: [], notPosted: [...comments], problem: `The review could not be posted: ${describeError(failure)}` };
    }
    logger.warn({ err: failure, status: statusOf(error), comments: comments.length }, 'review refused, posting without inline comments');
    const problem = `GitHub refused the inline comments (${describeError(failure)}); their findings are listed in the summary.`;
    try {
      await octokit.rest.pulls.createReview({ ...base, body: FALLBACK_BODY });
      return { posted: [], notPosted: [...comments], problem };
    } catch (second) {
      const again = toApiError('posting the review without inline comments', second);
      logger.error({ err: again }, 'review post failed');
      return { posted: [], notPosted: [...comments], problem: `${problem} ${describeError(again)}.` };
    }
  }
}
