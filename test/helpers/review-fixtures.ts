/** Changed files with known findings and the GitHub calls of a review of them, for the app's tests. */
import { GitHubApi, type Body, type FileEntry } from './github-api.js';
import { HEAD_SHA } from './github-fixtures.js';
import { addedFilePatch, lineOf } from './patches.js';

/** A TypeScript file with an SQL injection. */
export const USERS_TS = [
  "import { db } from './db.js';",
  '',
  'export async function findUser(userId: string) {',
  '  return db.query(`SELECT * FROM users WHERE id = ${userId}`);',
  '}',
  '',
].join('\n');

/** A Python file with a bare `except:`. */
export const TASKS_PY = [
  'import logging',
  '',
  'log = logging.getLogger(__name__)',
  '',
  '',
  'def run(task):',
  '    try:',
  '        return task()',
  '    except:',
  '        log.warning("task failed")',
  '        return None',
  '',
].join('\n');

export const SQL_LINE = lineOf(USERS_TS, 'db.query');
export const EXCEPT_LINE = lineOf(TASKS_PY, 'except:');

/** `pulls.listFiles` entries of new files. */
export function addedEntries(files: Record<string, string>): FileEntry[] {
  return Object.entries(files).map(([filename, text]) => ({ filename, status: 'added', patch: addedFilePatch(text) }));
}

/** The calls of a review of `files` up to the analysis: PR, check run, config (none), files, contents, tree. */
export function reviewStart(api: GitHubApi, files: Record<string, string>, headSha = HEAD_SHA): GitHubApi {
  return api
    .pullRequest({ headSha, changedFiles: Object.keys(files).length })
    .checkCreate()
    .noConfig()
    .files(addedEntries(files))
    .contents(files, headSha)
    .tree(Object.keys(files), { sha: headSha });
}

export const FILES = { 'src/users.ts': USERS_TS, 'app/tasks.py': TASKS_PY };

export interface ApiComment {
  path: string;
  line: number;
  side: string;
  body: string;
  start_line?: number;
}

/** The inline comments of a recorded `createReview` body. */
export function reviewComments(review: Body | undefined): ApiComment[] {
  return (review?.comments ?? []) as ApiComment[];
}

/** The `output` of a recorded check-run body. */
export function checkOutput(update: Body | undefined): { title: string; summary: string; text?: string; annotations?: Body[] } {
  return update?.output as { title: string; summary: string; text?: string; annotations?: Body[] };
}
