/**
 * Review threads through GraphQL (REST has no thread state): listing the app's threads with their
 * finding markers, resolving and reopening them, and the reply left on a resolved one.
 */
import { parseFindingMarkers } from '../report/inline.js';
import { RESOLVED_MARKER, type ReviewThread } from '../report/threads.js';
import { callGitHub } from './api-error.js';
import type { PullRequestRef } from './existing-comments.js';

const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          path
          comments(first: 1) { nodes { databaseId body author { login __typename } } }
          last: comments(last: 1) { nodes { body author { __typename } } }
        }
      }
    }
  }
}`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{
          id: string;
          isResolved: boolean;
          path: string;
          comments: { nodes: Array<{ databaseId: number; body: string; author: { login: string; __typename: string } | null }> };
          last: { nodes: Array<{ body: string; author: { __typename: string } | null }> };
        }>;
      };
    } | null;
  } | null;
}

/** At most this many pages of 100 threads are read (a PR with more is not a review bot's to tidy). */
const MAX_PAGES = 10;

/** The threads whose first comment is a bot's and carries finding markers. */
export async function listReviewThreads(ref: PullRequestRef): Promise<ReviewThread[]> {
  const { octokit, owner, repo, pullNumber } = ref;
  return callGitHub(`listing the review threads of ${owner}/${repo}#${pullNumber}`, async () => {
    const threads: ReviewThread[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const data: ThreadsPage = await octokit.graphql<ThreadsPage>(THREADS_QUERY, { owner, repo, number: pullNumber, after });
      const connection = data.repository?.pullRequest?.reviewThreads;
      if (!connection) break;
      for (const node of connection.nodes) {
        const first = node.comments.nodes[0];
        // Markers are trusted only on comments by bots: a person quoting one must not steer threads.
        if (!first?.author || first.author.__typename !== 'Bot') continue;
        const fingerprints = parseFindingMarkers(first.body);
        if (fingerprints.length === 0) continue;
        const last = node.last.nodes[0];
        const resolvedByApp = node.isResolved && last?.author?.__typename === 'Bot' && last.body.includes(RESOLVED_MARKER);
        threads.push({
          id: node.id,
          isResolved: node.isResolved,
          resolvedByApp,
          path: node.path,
          firstCommentId: first.databaseId,
          fingerprints,
        });
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    return threads;
  });
}

/** Marks a thread resolved. */
export async function resolveThread(ref: PullRequestRef, threadId: string): Promise<void> {
  await callGitHub('resolving a review thread', () =>
    ref.octokit.graphql('mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }', { id: threadId }),
  );
}

/** Reopens a resolved thread. */
export async function reopenThread(ref: PullRequestRef, threadId: string): Promise<void> {
  await callGitHub('reopening a review thread', () =>
    ref.octokit.graphql('mutation($id: ID!) { unresolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }', { id: threadId }),
  );
}

/** Replies in a thread (to its first comment). */
export async function replyInThread(ref: PullRequestRef, commentId: number, body: string): Promise<void> {
  const { octokit, owner, repo, pullNumber } = ref;
  await callGitHub('replying in a review thread', () =>
    octokit.rest.pulls.createReplyForReviewComment({ owner, repo, pull_number: pullNumber, comment_id: commentId, body }),
  );
}
