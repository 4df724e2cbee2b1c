/** Inline suppressions: `pr-reviewer-ignore RULE-ID [, RULE-ID] [-- reason]` in a comment. */

const DIRECTIVE = /(?:#|\/\/|\/\*)\s*pr-reviewer-ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)/;

/** Rule ids suppressed by a directive on this line of text, if any. */
export function suppressedRules(lineText: string | undefined): string[] {
  if (!lineText) return [];
  const match = DIRECTIVE.exec(lineText);
  return match ? match[1].split(',').map((id) => id.trim()) : [];
}

/** True when the finding's line or the line above carries a directive for its rule (or `all`). */
export function isSuppressed(ruleId: string, line: number, lines: readonly string[]): boolean {
  for (const candidate of [line, line - 1]) {
    const ids = suppressedRules(lines[candidate - 1]);
    if (ids.includes(ruleId) || ids.includes('all')) return true;
  }
  return false;
}
