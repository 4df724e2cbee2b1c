/** Patch text in GitHub's `pulls.listFiles` shape (hunks only, no file headers). */

/** The patch of a new file: every line added. */
export function addedFilePatch(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((line) => `+${line}`).join('\n')}`;
}

/** 1-based line of the first line of `text` containing `fragment`. */
export function lineOf(text: string, fragment: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(fragment));
  if (index < 0) throw new Error(`"${fragment}" not in text`);
  return index + 1;
}
