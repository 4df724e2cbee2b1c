/** Turns unified-diff hunks into the lines a review may comment on and the lines a change adds. */
import parseDiff from 'parse-diff';

export interface PatchLines {
  /** New-side lines added by the change. */
  added: Set<number>;
  /** New-side lines inside a hunk (added or context): GitHub accepts comments only there. */
  commentable: Set<number>;
}

type Chunk = parseDiff.Chunk;

/** Collects added and commentable lines from parsed hunks. */
export function linesOfChunks(chunks: readonly Chunk[]): PatchLines {
  const added = new Set<number>();
  const commentable = new Set<number>();
  for (const chunk of chunks) {
    for (const change of chunk.changes) {
      // "\ No newline at end of file" is a marker, not a line (parse-diff reports it as a change).
      if (change.content.startsWith('\\')) continue;
      if (change.type === 'add') {
        added.add(change.ln);
        commentable.add(change.ln);
      } else if (change.type === 'normal') {
        commentable.add(change.ln2);
      }
    }
  }
  return { added, commentable };
}

/** Parses the `patch` of one file as GitHub returns it (hunks only, no file headers). */
export function parsePatch(patch: string): PatchLines {
  const files = parseDiff(patch);
  return linesOfChunks(files.flatMap((f) => f.chunks));
}
