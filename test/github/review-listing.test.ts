/** What the GitHub source lists: pagination up to GitHub's limit, and files not analysed, with why. */
import { createTestApp } from '../helpers/app.js';
import { GitHubApi, type FileEntry } from '../helpers/github-api.js';
import { pullRequestEvent } from '../helpers/github-fixtures.js';
import { SQL_LINE, USERS_TS, checkOutput } from '../helpers/review-fixtures.js';
import { addedFilePatch } from '../helpers/patches.js';
import { assertAllCallsMade, blockNetwork } from '../helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

function docs(from: number, count: number): FileEntry[] {
  return Array.from({ length: count }, (_, i) => ({ filename: `docs/page-${String(from + i).padStart(3, '0')}.md`, patch: '@@ -1 +1 @@\n-a\n+b' }));
}

test('a PR of 350 files is listed over 4 pages following the Link header, and the last page is analysed', async () => {
  const app = await createTestApp();
  const late = { filename: 'src/users.ts', status: 'added', patch: addedFilePatch(USERS_TS) };
  const api = new GitHubApi()
    .token()
    .pullRequest({ changedFiles: 350 })
    .checkCreate()
    .noConfig()
    .files(docs(1, 100), { page: 1, last: 4 })
    .files(docs(101, 100), { page: 2, last: 4 })
    .files(docs(201, 100), { page: 3, last: 4 })
    .files([...docs(301, 49), late], { page: 4, last: 4 })
    .contents({ 'src/users.ts': USERS_TS })
    .tree(['src/users.ts'])
    .reviewComments([])
    .createReview()
    .issueComments([])
    .createComment()
    .checkUpdate();

  await app.receive('pull_request', pullRequestEvent('opened', { changedFiles: 350 }));
  await app.settle();

  const summary = String(api.commentCreates[0].body);
  expect(summary).toContain('Analysed 1 of 350 changed files');
  expect(summary).not.toContain('(unlisted files)');
  expect(checkOutput(api.checkUpdates[0]).annotations).toEqual(
    expect.arrayContaining([expect.objectContaining({ path: 'src/users.ts', start_line: SQL_LINE, title: 'sql-injection' })]),
  );
});

test('files GitHub gives no patch for, removed and renamed-only files are listed as not analysed, with the reason', async () => {
  const app = await createTestApp();
  const code = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
  const api = new GitHubApi()
    .token()
    .pullRequest({ changedFiles: 5 })
    .checkCreate()
    .noConfig()
    .files([
      { filename: 'src/generated/schema.ts', status: 'modified', additions: 40000, changes: 40000 },
      { filename: 'assets/logo.png', status: 'added' },
      { filename: 'src/old.ts', status: 'removed', deletions: 3, changes: 3 },
      { filename: 'src/moved.ts', previous_filename: 'src/place.ts', status: 'renamed' },
      { filename: 'src/add.ts', status: 'added', patch: addedFilePatch(code) },
    ])
    .contents({ 'src/add.ts': code })
    .tree(['src/add.ts'])
    .reviewComments([])
    .issueComments([])
    .createComment()
    .checkUpdate();

  await app.receive('pull_request', pullRequestEvent('opened', { changedFiles: 5 }));
  await app.settle();

  const summary = String(api.commentCreates[0].body);
  expect(summary).toContain('`src/generated/schema.ts`: no patch from GitHub (diff too large or binary)');
  expect(summary).toContain('`assets/logo.png`: no patch from GitHub (diff too large or binary)');
  expect(summary).toContain('`src/old.ts`: removed');
  expect(summary).toContain('`src/moved.ts`: renamed without changes');
  expect(summary).toContain('Analysed 1 of 5 changed files');
  expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
});

test('a listing shorter than changed_files says how many GitHub left out', async () => {
  const app = await createTestApp();
  const code = 'export const one = 1;\n';
  const api = new GitHubApi()
    .token()
    .pullRequest({ changedFiles: 3001 })
    .checkCreate()
    .noConfig()
    .files([{ filename: 'src/one.ts', status: 'added', patch: addedFilePatch(code) }])
    .contents({ 'src/one.ts': code })
    .tree(['src/one.ts'])
    .reviewComments([])
    .issueComments([])
    .createComment()
    .checkUpdate();

  await app.receive('pull_request', pullRequestEvent('opened', { changedFiles: 3001 }));
  await app.settle();

  expect(String(api.commentCreates[0].body)).toContain('GitHub lists 1 of the 3001 changed files');
});
