// GitHub's view of a file patch, independent of the app's own parser: the right-side lines a review
// comment may sit on (added and context lines inside a hunk) and the added lines.
const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** `{ commentable, added }`: sets of 1-based line numbers of the new file. */
export function parsePatchLines(patch) {
  const commentable = new Set();
  const added = new Set();
  let line = 0;
  let inHunk = false;
  for (const text of patch.split('\n')) {
    const hunk = HUNK.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk || text.startsWith('\\')) continue;
    if (text.startsWith('-')) continue;
    if (text.startsWith('+')) added.add(line);
    commentable.add(line);
    line += 1;
  }
  return { commentable, added };
}
