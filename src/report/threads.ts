/**
 * What to do with the review threads of earlier runs: resolve those whose findings are gone, reopen
 * those the app resolved whose findings came back. Pure: the publisher does the writes.
 */
import type { ReviewResult } from '../pipeline/types.js';

/** A review thread the app started, as GitHub reports it. */
export interface ReviewThread {
  /** GraphQL node id (for resolve / unresolve). */
  id: string;
  isResolved: boolean;
  /**
   * Resolved by the app: the thread's last comment is the app's resolution reply (GitHub's
   * `resolvedBy` is a User and stays empty when an app resolves, so the reply is the evidence).
   */
  resolvedByApp: boolean;
  path: string;
  /** REST id of the first comment (replies attach to it). */
  firstCommentId: number;
  /** Fingerprints in the first comment's markers (several when findings were folded). */
  fingerprints: string[];
}

export interface ThreadPlan {
  resolve: ReviewThread[];
  reopen: ReviewThread[];
}

/** Paths this run could not judge: a thread there is neither resolved nor reopened. */
function unjudgedPaths(result: ReviewResult): Set<string> {
  const paths = new Set(result.skipped.map((s) => s.path));
  for (const note of result.notes) if (note.file) paths.add(note.file);
  return paths;
}

/**
 * Resolve an open thread when none of its findings is found any more (on a file this run judged);
 * reopen a thread the app itself resolved when one of its findings is back. A thread a person
 * resolved stays resolved: they decided.
 */
export function planThreadUpdates(threads: readonly ReviewThread[], result: ReviewResult): ThreadPlan {
  const current = new Set(result.findings.map((f) => f.fingerprint));
  const unjudged = unjudgedPaths(result);
  const plan: ThreadPlan = { resolve: [], reopen: [] };
  for (const thread of threads) {
    if (thread.fingerprints.length === 0) continue;
    const found = thread.fingerprints.some((fp) => current.has(fp));
    if (!found && !thread.isResolved && !unjudged.has(thread.path)) plan.resolve.push(thread);
    if (found && thread.isResolved && thread.resolvedByApp) plan.reopen.push(thread);
  }
  return plan;
}

/** Hidden in the app's resolution reply; its presence as a thread's last comment means the app resolved it. */
export const RESOLVED_MARKER = '<!-- pr-reviewer:resolved -->';

/** The reply left on a thread as it is resolved. */
export function resolvedReply(headSha: string | undefined): string {
  const at = headSha ? ` at ${headSha.slice(0, 7)}` : '';
  return `✅ No longer found${at}: resolving this thread. It reopens if the finding comes back.\n\n${RESOLVED_MARKER}`;
}
