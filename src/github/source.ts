/**
 * The GitHub `Source` of one pull request: its changed files with the lines each patch adds and the
 * lines a review comment may use, and file contents at the head sha.
 */
import type { ProbotOctokit } from 'probot';
import { parsePatch } from '../diff/parse-patch.js';
import type { ChangeSet, ChangedFile, RepoListing, SkippedFile, Source } from '../types.js';
import { callGitHub } from './api-error.js';
import { readRawFile } from './raw-file.js';

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3000;
/** Patches longer than this are not analysed (generated or vendored code, data files). */
export const MAX_PATCH_CHARS = 1_000_000;

/** Why a file without a `patch` is not analysed (shown in the summary). */
export const NO_PATCH_REASON = 'no patch from GitHub (diff too large or binary)';

/** The pull request to list, at its head sha. */
export interface GitHubSourceOptions {
  octokit: ProbotOctokit;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  /** The base sha: with it, changed files are also read at the base to tell new findings from old. */
  baseSha?: string;
  /** The PR's `changed_files`, compared with what the listing returns. */
  reportedFileCount?: number;
  maxPatchChars?: number;
}

/** A `Source` that also answers which lines of a listed file accept a review comment. */
export interface GitHubSource extends Source {
  /** Commentable lines per listed path, as parsed from the patches (empty before the listing). */
  commentableLines(): ReadonlyMap<string, ReadonlySet<number>>;
}

/** The fields of a `pulls.listFiles` entry this source uses. */
interface ListedFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
  changes: number;
}

const KEPT_STATUSES = new Set<string>(['added', 'modified', 'renamed', 'copied', 'changed']);

function isKeptStatus(status: string): status is ChangedFile['status'] {
  return KEPT_STATUSES.has(status);
}

/** Sorts one listed file into a changed file or a skipped one. */
export function classifyFile(file: ListedFile, maxPatchChars = MAX_PATCH_CHARS): ChangedFile | SkippedFile {
  const path = file.filename;
  if (file.status === 'removed') return { path, reason: 'removed' };
  if (!isKeptStatus(file.status)) return { path, reason: `status ${file.status}` };
  if (file.patch === undefined || file.patch === '') {
    if (file.status === 'renamed' && file.changes === 0) return { path, reason: 'renamed without changes' };
    return { path, reason: NO_PATCH_REASON };
  }
  if (file.patch.length > maxPatchChars) return { path, reason: `diff larger than ${maxPatchChars} characters` };
  const { added, commentable } = parsePatch(file.patch);
  return {
    path,
    status: file.status,
    ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
    addedLines: added,
    commentableLines: commentable,
  };
}

/** The fields of a `git.getTree` answer this source uses. */
interface TreeAnswer {
  tree: Array<{ path?: string; type?: string; mode?: string }>;
  truncated: boolean;
}

/**
 * The file paths of a recursive tree, sorted. Blobs only: directories, submodules (`commit`) and
 * symbolic links (mode 120000) hold no readable source. GitHub cuts very large trees short
 * (`truncated`): the listing is then marked incomplete.
 */
export function treeListing(answer: TreeAnswer): RepoListing {
  const paths = answer.tree
    .filter((entry) => entry.type === 'blob' && entry.mode !== '120000' && typeof entry.path === 'string')
    .map((entry) => entry.path as string)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { paths, complete: !answer.truncated };
}

/** Creates the source of one pull request at `headSha`. */
export function createGitHubSource(options: GitHubSourceOptions): GitHubSource {
  const { octokit, owner, repo, pullNumber, headSha } = options;
  const commentable = new Map<string, ReadonlySet<number>>();

  async function listFiles(): Promise<ListedFile[]> {
    const listed: ListedFile[] = [];
    const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
    for await (const page of pages) {
      listed.push(...page.data);
      if (listed.length >= MAX_LISTED_FILES) break;
    }
    return listed.slice(0, MAX_LISTED_FILES);
  }

  return {
    async listChanges(): Promise<ChangeSet> {
      const listed = await callGitHub(`listing the files of ${owner}/${repo}#${pullNumber}`, listFiles);
      const files: ChangedFile[] = [];
      const skipped: SkippedFile[] = [];
      for (const entry of listed) {
        const outcome = classifyFile(entry, options.maxPatchChars);
        if ('reason' in outcome) {
          skipped.push(outcome);
          continue;
        }
        files.push(outcome);
        commentable.set(outcome.path, outcome.commentableLines);
      }
      return {
        files,
        skipped,
        ...(options.reportedFileCount !== undefined ? { reportedFileCount: options.reportedFileCount } : {}),
      };
    },
    readFile(path: string): Promise<string | null> {
      return readRawFile(octokit, { owner, repo, path, ref: headSha });
    },
    ...(options.baseSha
      ? {
          readBaseFile(file: ChangedFile): Promise<string | null> {
            return readRawFile(octokit, { owner, repo, path: file.previousPath ?? file.path, ref: options.baseSha });
          },
        }
      : {}),
    listPaths(): Promise<RepoListing> {
      return callGitHub(`listing the tree of ${owner}/${repo}@${headSha}`, async () => {
        const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: headSha, recursive: 'true' });
        return treeListing(data);
      });
    },
    commentableLines(): ReadonlyMap<string, ReadonlySet<number>> {
      return commentable;
    },
  };
}
