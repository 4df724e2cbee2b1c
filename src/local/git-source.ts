/**
 * The local Source: the change between a base commit and a head commit (or the working tree) of a
 * git repository, read from `git diff` exactly as a pull request's files would be.
 */
import { lstat, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { linesOfChunks } from '../diff/parse-patch.js';
import type { ChangeSet, ChangedFile, RepoListing, SkippedFile, Source } from '../types.js';
import { diffHeader, splitDiffSections, type DiffSection } from './diff-sections.js';
import { resolveRange, type ResolvedRange } from './git-refs.js';
import { listCommitPaths, listWorkingTreePaths } from './list-files.js';
import { parseRawDiff, type RawEntry } from './raw-diff.js';
import { runGit, tryGit } from './run-git.js';
import { allLines, readTextFile } from './text-file.js';

/** Which repository and which two sides of it to compare. */
export interface GitSourceOptions {
  /** The repository's top-level directory (see `findRepoRoot`). */
  root: string;
  /** Base ref; default: the merge base with the default branch (see `resolveRange`). */
  base?: string;
  /** Head ref; default: HEAD plus the working tree, untracked files included. */
  head?: string;
}

/** A Source over a local repository; `range()` tells which commits it compares. */
export interface GitSource extends Source {
  range(): Promise<ResolvedRange>;
  listPaths(): Promise<RepoListing>;
}

/** Options that make the output independent of the user's git config (prefixes, colours, drivers). */
const DIFF_COMMAND = ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '-M'];

const STATUS: Readonly<Record<string, ChangedFile['status']>> = Object.freeze({
  A: 'added',
  M: 'modified',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
});

/** Why a raw entry is not reviewed, or undefined when it is. */
function skipReason(entry: RawEntry, section: DiffSection | undefined): string | undefined {
  if (entry.status === 'D') return 'removed';
  if (entry.status === 'U') return 'unmerged (resolve the conflict first)';
  if (entry.newMode === '120000') return 'symlink';
  if (entry.newMode === '160000') return 'submodule';
  if (!STATUS[entry.status]) return `unsupported change (git status ${entry.status})`;
  if (!section) return 'no diff available';
  if (section.binary) return 'binary';
  return undefined;
}

function toChangedFile(entry: RawEntry, section: DiffSection): ChangedFile {
  const { added, commentable } = linesOfChunks(section.chunks);
  return {
    path: entry.path,
    ...(entry.previousPath !== undefined ? { previousPath: entry.previousPath } : {}),
    status: STATUS[entry.status],
    addedLines: added,
    commentableLines: commentable,
  };
}

/** Untracked, non-ignored files of the working tree: added files, every line new. */
async function listUntracked(root: string, files: ChangedFile[], skipped: SkippedFile[]): Promise<void> {
  const out = await runGit(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  for (const path of out.split('\0').filter(Boolean)) {
    const stat = await lstat(join(root, path));
    if (stat.isSymbolicLink()) skipped.push({ path, reason: 'symlink' });
    if (!stat.isFile()) continue;
    const read = await readTextFile(join(root, path));
    if ('skipped' in read) skipped.push({ path, reason: read.skipped });
    else files.push({ path, status: 'added', addedLines: allLines(read.lineCount), commentableLines: allLines(read.lineCount) });
  }
}

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Creates a Source comparing `base...head` (or the merge base with the working tree). */
export function createGitSource(options: GitSourceOptions): GitSource {
  const { root } = options;
  let resolved: Promise<ResolvedRange> | undefined;
  const range = (): Promise<ResolvedRange> => (resolved ??= resolveRange(root, options));

  return {
    range,

    async listChanges(): Promise<ChangeSet> {
      const { base, head } = await range();
      const revs = head === null ? [base] : [base, head];
      const [raw, patch] = await Promise.all([
        runGit(root, [...DIFF_COMMAND, '--raw', '-z', ...revs, '--']),
        runGit(root, [...DIFF_COMMAND, '--unified=3', '--src-prefix=a/', '--dst-prefix=b/', ...revs, '--']),
      ]);
      const sections = splitDiffSections(patch);
      const files: ChangedFile[] = [];
      const skipped: SkippedFile[] = [];
      const seen = new Set<string>();
      for (const entry of parseRawDiff(raw)) {
        // An unmerged path can be reported twice (conflict entry and working-tree change).
        if (seen.has(entry.path)) continue;
        seen.add(entry.path);
        const section = sections.get(diffHeader(entry.previousPath ?? entry.path, entry.path));
        const reason = skipReason(entry, section);
        if (reason || !section) skipped.push({ path: entry.path, reason: reason ?? 'no diff available' });
        else files.push(toChangedFile(entry, section));
      }
      if (head === null) await listUntracked(root, files, skipped);
      return { files: files.sort(byPath), skipped: skipped.sort(byPath) };
    },

    async listPaths(): Promise<RepoListing> {
      const { head } = await range();
      return head === null ? listWorkingTreePaths(root) : listCommitPaths(root, head);
    },

    async readBaseFile(file: ChangedFile): Promise<string | null> {
      const { base } = await range();
      return tryGit(root, ['cat-file', 'blob', `${base}:${file.previousPath ?? file.path}`]);
    },

    async readFile(path: string): Promise<string | null> {
      const { head } = await range();
      if (head !== null) return tryGit(root, ['cat-file', 'blob', `${head}:${path}`]);
      const absolute = join(root, path);
      const inside = relative(root, absolute);
      if (inside.startsWith('..') || isAbsolute(inside)) return null;
      try {
        return await readFile(absolute, 'utf8');
      } catch {
        // Deleted or unreadable since it was listed: the pipeline reports it as not read.
        return null;
      }
    },
  };
}
