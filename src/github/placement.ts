/**
 * The last check before a review is posted: each comment's line (and multi-line range) must be
 * inside the parsed hunks, or GitHub answers 422 for the whole review.
 */
import type { InlineComment } from '../pipeline/types.js';

/** Comments split by whether GitHub accepts their lines. */
export interface Placement {
  /** Comments GitHub accepts, a range narrowed to its last line when the range leaves the hunk. */
  placeable: InlineComment[];
  /** Comments whose line is outside every hunk: they go to the summary instead. */
  moved: InlineComment[];
}

function rangeInside(start: number, end: number, lines: ReadonlySet<number>): boolean {
  for (let line = start; line <= end; line++) if (!lines.has(line)) return false;
  return true;
}

/** Splits `comments` by whether `commentableLines` of their path contains their lines. */
export function placeComments(comments: readonly InlineComment[], commentableLines: ReadonlyMap<string, ReadonlySet<number>>): Placement {
  const placeable: InlineComment[] = [];
  const moved: InlineComment[] = [];
  for (const comment of comments) {
    const lines = commentableLines.get(comment.path);
    if (!lines?.has(comment.line)) {
      moved.push(comment);
      continue;
    }
    const { startLine } = comment;
    // A contiguous run of commentable lines lies in one hunk, which is what GitHub requires.
    if (startLine !== undefined && (startLine >= comment.line || !rangeInside(startLine, comment.line, lines))) {
      const { startLine: _dropped, ...single } = comment;
      placeable.push(single);
    } else {
      placeable.push(comment);
    }
  }
  return { placeable, moved };
}
