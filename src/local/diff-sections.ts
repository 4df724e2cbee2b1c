/**
 * Splits a whole `git diff` patch into one section per file, keyed by its `diff --git` header line,
 * and parses each section's hunks with parse-diff.
 */
import parseDiff from 'parse-diff';

/** The hunks of one file's patch. */
export interface DiffSection {
  chunks: parseDiff.Chunk[];
  /** Git printed "Binary files ... differ" instead of hunks. */
  binary: boolean;
}

/** Characters git's C-style path quoting escapes by name. */
const NAMED_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
});

/** Git's quoting of `prefix + path` in a header, with `core.quotePath=false` (quote_c_style). */
export function quoteGitPath(prefix: string, path: string): string {
  const name = prefix + path;
  // Control characters, DEL, `"` and `\` force quoting; other bytes are written as they are.
  if (!/[\x00-\x1f\x7f"\\]/.test(name)) return name;
  const escaped = name.replace(/[\x00-\x1f\x7f"\\]/g, (c) => NAMED_ESCAPES[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
  return `"${escaped}"`;
}

/** The `diff --git` header git writes for a change from `oldPath` to `newPath`. */
export function diffHeader(oldPath: string, newPath: string): string {
  return `diff --git ${quoteGitPath('a/', oldPath)} ${quoteGitPath('b/', newPath)}`;
}

/** Sections by header; a file that changes type (file ↔ symlink) has two sections, merged here. */
export function splitDiffSections(patch: string): Map<string, DiffSection> {
  const sections = new Map<string, DiffSection>();
  const lines = patch.split('\n');
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const header = lines[start];
    const text = lines.slice(start, end).join('\n');
    const parsed = parseDiff(text);
    const chunks = parsed.flatMap((f) => f.chunks);
    // Before the first hunk only: a source line reading "Binary files" is prefixed with +, - or space.
    const binary = chunks.length === 0 && /^(Binary files .* differ|GIT binary patch)$/m.test(text);
    const previous = sections.get(header);
    sections.set(header, {
      chunks: [...(previous?.chunks ?? []), ...chunks],
      binary: binary || (previous?.binary ?? false),
    });
  };
  for (let i = 0; i < lines.length; i++) {
    // Hunk content lines always start with ' ', '+', '-' or '\', so this only matches headers.
    if (lines[i].startsWith('diff --git ') || lines[i].startsWith('* Unmerged path ')) {
      flush(i);
      start = lines[i].startsWith('diff --git ') ? i : -1;
    }
  }
  flush(lines.length);
  return sections;
}
