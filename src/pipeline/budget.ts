/** The limits of one review: a time budget (config `timeoutSeconds`) and a total of bytes analysed. */

/** Bytes of file contents one review analyses at most; later files are skipped with the reason. */
export const MAX_REVIEW_BYTES = 30_000_000;

/** Decides, file by file, whether the review may still analyse more. */
export interface ReviewBudget {
  /** Why no further file may be started (time used up), or undefined. */
  timeReason(): string | undefined;
  /** Counts `bytes` of a file about to be analysed; why it may not be (time or size), or undefined. */
  take(bytes: number): string | undefined;
}

/** Limits and clock of a budget. */
export interface BudgetOptions {
  timeoutSeconds: number;
  maxBytes?: number;
  /** Milliseconds, monotonic; `performance.now` by default. */
  now?: () => number;
  /** When the review started, on the same clock; now by default. */
  startedAt?: number;
}

/** A budget starting at `startedAt`; once used up it stays used up, so skipped files form a tail. */
export function createReviewBudget(options: BudgetOptions): ReviewBudget {
  const now = options.now ?? (() => performance.now());
  const deadline = (options.startedAt ?? now()) + options.timeoutSeconds * 1000;
  const maxBytes = options.maxBytes ?? MAX_REVIEW_BYTES;
  let used = 0;
  let sizeReason: string | undefined;
  const timeReason = (): string | undefined =>
    now() >= deadline ? `not analysed: the review's time budget (timeoutSeconds: ${options.timeoutSeconds}) was used up` : undefined;
  return {
    timeReason,
    take(bytes) {
      const late = timeReason();
      if (late) return late;
      if (sizeReason) return sizeReason;
      if (used + bytes > maxBytes) {
        sizeReason = `not analysed: the review's size budget (${maxBytes} bytes of files) was used up`;
        return sizeReason;
      }
      used += bytes;
      return undefined;
    },
  };
}
