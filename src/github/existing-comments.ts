/** Reads what earlier runs posted on a pull request: inline finding markers and the summary comment. */
import type { ProbotOctokit } from 'probot';
import { parseFindingMarkers } from '../report/inline.js';
import { SUMMARY_MARKER } from '../report/summary.js';
import { callGitHub } from './api-error.js';

/** One pull request and the Octokit to reach it. */
export interface PullRequestRef {
  octokit: ProbotOctokit;
  owner: string;
  repo: string;
  pullNumber: number;
}

interface Authored {
  user?: { type?: string } | null;
  body?: string | null;
}

/** Markers are trusted only on comments by bots: a person quoting one must not silence a finding. */
function byBot(comment: Authored): boolean {
  return comment.user?.type === 'Bot';
}

/** Fingerprints of findings already commented on inline (from the markers in bot review comments). */
export async function listPostedFingerprints(ref: PullRequestRef): Promise<Set<string>> {
  const { octokit, owner, repo, pullNumber } = ref;
  return callGitHub(`listing the review comments of ${owner}/${repo}#${pullNumber}`, async () => {
    const posted = new Set<string>();
    const pages = octokit.paginate.iterator(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: pullNumber, per_page: 100 });
    for await (const page of pages) {
      for (const comment of page.data) {
        if (byBot(comment)) for (const fingerprint of parseFindingMarkers(comment.body)) posted.add(fingerprint);
      }
    }
    return posted;
  });
}

/** The summary comment of an earlier run (the oldest bot comment carrying the marker), if any. */
export async function findSummaryComment(ref: PullRequestRef): Promise<{ id: number; body: string } | undefined> {
  const { octokit, owner, repo, pullNumber } = ref;
  return callGitHub(`listing the comments of ${owner}/${repo}#${pullNumber}`, async () => {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: pullNumber, per_page: 100 });
    for await (const page of pages) {
      const found = page.data.find((comment) => byBot(comment) && (comment.body ?? '').includes(SUMMARY_MARKER));
      if (found) return { id: found.id, body: found.body ?? '' };
    }
    return undefined;
  });
}
