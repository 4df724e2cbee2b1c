/**
 * The repository paths of a local review: `git ls-tree` at a head commit, the index plus untracked
 * files for the working tree, or the file system under the scanned roots.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { RepoListing } from '../types.js';
import { runGit } from './run-git.js';

/** Beyond this many paths a listing is cut short and marked incomplete. */
export const MAX_LISTED_PATHS = 200_000;

/** Directories never walked into by `scan`: dependencies, build output, caches, virtual environments. */
const PRUNED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'vendor', 'third_party', 'coverage', '__pycache__', 'venv', 'site-packages']);

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted, deduplicated, bounded. */
function toListing(paths: Iterable<string>): RepoListing {
  const sorted = [...new Set(paths)].sort(byCodeUnit);
  return { paths: sorted.slice(0, MAX_LISTED_PATHS), complete: sorted.length <= MAX_LISTED_PATHS };
}

const nulSplit = (out: string): string[] => out.split('\0').filter(Boolean);

/** Files of commit `head` (submodules and symbolic links left out: they hold no readable source). */
export async function listCommitPaths(root: string, head: string): Promise<RepoListing> {
  const out = await runGit(root, ['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--full-tree', head]);
  const paths = nulSplit(out)
    .map((entry) => /^(\d+) (\w+) \S+\t(.*)$/s.exec(entry))
    .filter((m): m is RegExpExecArray => m !== null && m[2] === 'blob' && m[1] !== '120000')
    .map((m) => m[3]);
  return toListing(paths);
}

/** Files of the working tree: tracked ones still present plus untracked, non-ignored ones. */
export async function listWorkingTreePaths(root: string): Promise<RepoListing> {
  const [present, deleted] = await Promise.all([
    runGit(root, ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard']),
    runGit(root, ['-c', 'core.quotePath=false', 'ls-files', '-z', '--deleted']),
  ]);
  const gone = new Set(nulSplit(deleted));
  return toListing(nulSplit(present).filter((p) => !gone.has(p)));
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

async function walk(dir: string, cwd: string, out: string[]): Promise<void> {
  if (out.length > MAX_LISTED_PATHS) return;
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const absolute = join(dir, entry.name);
    // Symbolic links are not followed: they can leave the tree or loop.
    if (entry.isDirectory()) {
      if (!PRUNED_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(absolute, cwd, out);
    } else if (entry.isFile()) out.push(toPosix(relative(cwd, absolute)));
  }
}

/** Files under the scanned paths (directories walked, files as given), relative to `cwd`. */
export async function listScannedPaths(cwd: string, given: readonly string[]): Promise<RepoListing> {
  const out: string[] = [];
  for (const path of given) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isDirectory()) await walk(absolute, cwd, out);
    else if (info?.isFile()) out.push(toPosix(relative(cwd, absolute)));
  }
  return toListing(out);
}
