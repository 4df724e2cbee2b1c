/**
 * Resolves what a local review compares: the repository root, the head commit (or the working
 * tree) and the base commit (the merge base with the default branch unless one is given).
 */
import { SourceError } from '../errors.js';
import { runGit, tryGit } from './run-git.js';

/** The two sides of a local diff, as commit ids (the base may be the empty tree). */
export interface ResolvedRange {
  /** Commit (or empty tree) the change is compared against. */
  base: string;
  /** Head commit, or null for "HEAD plus the working tree". */
  head: string | null;
  /** How the base was chosen, for logs: "merge base with main", "HEAD~1", ... */
  baseReason: string;
}

/** Candidate default branches, in order of preference. */
const DEFAULT_BRANCHES = ['refs/heads/main', 'refs/heads/master', 'refs/remotes/origin/main', 'refs/remotes/origin/master'];

/** The top-level directory of the repository containing `dir`; SourceError when there is none. */
export async function findRepoRoot(dir: string): Promise<string> {
  return (await runGit(dir, ['rev-parse', '--show-toplevel'])).trim();
}

/** The commit id of `ref`, or null when it does not name a commit. */
export async function commitOf(root: string, ref: string): Promise<string | null> {
  const out = await tryGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return out === null ? null : out.trim();
}

async function requireCommit(root: string, ref: string, flag: string): Promise<string> {
  const sha = await commitOf(root, ref);
  if (!sha) throw new SourceError(`${flag} ${ref}: not a commit in this repository`);
  return sha;
}

/** The id of the empty tree in this repository's hash format (SHA-1 or SHA-256). */
async function emptyTree(root: string): Promise<string> {
  return (await runGit(root, ['hash-object', '-t', 'tree', '--stdin'], { input: '' })).trim();
}

async function mergeBase(root: string, a: string, b: string): Promise<string | null> {
  const out = await tryGit(root, ['merge-base', a, b]);
  return out === null ? null : out.trim();
}

/** The default branch: origin/HEAD when set, else main, else master (local, then origin's). */
export async function defaultBranch(root: string): Promise<string | null> {
  const originHead = await tryGit(root, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
  const candidates = originHead ? [originHead.trim(), ...DEFAULT_BRANCHES] : DEFAULT_BRANCHES;
  for (const ref of candidates) if (await commitOf(root, ref)) return ref;
  return null;
}

/** The parent of `head`, or the empty tree when `head` is a root commit. */
async function parentOrEmpty(root: string, head: string, label: string): Promise<{ base: string; baseReason: string }> {
  const parent = await commitOf(root, `${head}~1`);
  return parent ? { base: parent, baseReason: `${label}~1` } : { base: await emptyTree(root), baseReason: 'the empty tree (first commit)' };
}

/**
 * Default base: the merge base of the head with the default branch. When the head is on the default
 * branch itself (nothing to compare), when there is no default branch, or when the histories are
 * unrelated, the base is the head's parent, so the last commit (plus the working tree) is reviewed;
 * a first commit is compared with the empty tree.
 */
async function defaultBase(root: string, head: string, label: string): Promise<{ base: string; baseReason: string }> {
  const branch = await defaultBranch(root);
  if (branch) {
    const base = await mergeBase(root, branch, head);
    if (base && base !== head) return { base, baseReason: `merge base with ${branch.replace(/^refs\/(heads|remotes)\//, '')}` };
  }
  return parentOrEmpty(root, head, label);
}

/** Resolves `--base` / `--head` (both optional) into commit ids, `base...head` style. */
export async function resolveRange(root: string, refs: { base?: string; head?: string }): Promise<ResolvedRange> {
  const head = refs.head === undefined ? null : await requireCommit(root, refs.head, '--head');
  const tip = head ?? (await commitOf(root, 'HEAD'));
  if (tip === null) {
    // No commit yet: everything in the working tree is new.
    if (refs.base !== undefined) throw new SourceError(`--base ${refs.base}: the repository has no commits yet`);
    return { base: await emptyTree(root), head: null, baseReason: 'the empty tree (no commits yet)' };
  }
  const label = refs.head ?? 'HEAD';
  if (refs.base === undefined) return { head, ...(await defaultBase(root, tip, label)) };
  const given = await requireCommit(root, refs.base, '--base');
  const base = await mergeBase(root, given, tip);
  if (!base) throw new SourceError(`--base ${refs.base} and ${label} have no common ancestor`);
  return { base, head, baseReason: `merge base with ${refs.base}` };
}
