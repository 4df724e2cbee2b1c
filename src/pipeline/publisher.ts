/** Where a review's results go: GitHub (check run, review, summary) or the terminal. */
import type { ReviewResult } from './types.js';

/** Why a review ended without results. */
export interface Abort {
  conclusion: 'neutral' | 'failure';
  /** One line: "Invalid configuration", "Review could not finish". */
  title: string;
  /** The exact error or reason, shown to the user. */
  detail: string;
  /** The error that ended the review, when one did (a retrying queue decides on it). */
  error?: unknown;
}

export interface Publisher {
  /** Announces the review (the GitHub publisher creates the check run `in_progress`). */
  begin(): Promise<void>;
  /** Posts the finished review. */
  publish(result: ReviewResult): Promise<void>;
  /** Ends the review without results; must leave nothing `in_progress`. */
  abort(reason: Abort): Promise<void>;
}
