/**
 * Project-level rules through the real app: the repository's tree comes from the git trees API
 * (recursive), other files from the contents API at the head sha; GitHub is nock.
 */
import { createTestApp } from '../helpers/app.js';
import { GitHubApi } from '../helpers/github-api.js';
import { pullRequestEvent } from '../helpers/github-fixtures.js';
import { assertAllCallsMade, blockNetwork } from '../helpers/probot.js';
import { addedEntries, checkOutput, reviewComments } from '../helpers/review-fixtures.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

const A_TS = "import { b } from './b.js';\n\nexport function a(): number {\n  return b() + 1;\n}\n";
const B_TS = "import { a } from './a.js';\n\nexport const b = (): number => 1;\nexport const c = (): number => a();\n";

/** The calls of a review of `src/a.ts` up to the analysis, with the given tree answer. */
function start(tree: { paths: string[]; truncated?: boolean } | 'fails'): GitHubApi {
  const api = new GitHubApi().token().pullRequest({ changedFiles: 1 }).checkCreate().noConfig().files(addedEntries({ 'src/a.ts': A_TS })).contents({ 'src/a.ts': A_TS });
  if (tree === 'fails') api.scope.get((uri) => uri.includes('/git/trees/')).reply(500, { message: 'Server Error' });
  else api.tree(tree.paths, { truncated: tree.truncated ?? false });
  return api;
}

describe('project-level rules on a pull request', () => {
  test('reads the tree once, the imported module and a related test at the head: circular-import inline, missing-tests in the summary', async () => {
    const app = await createTestApp();
    const api = start({ paths: ['README.md', 'src/a.ts', 'src/b.ts', 'test/other.test.ts'] })
      .contents({ 'src/b.ts': B_TS, 'test/other.test.ts': "import { other } from '../src/other.js';\n" })
      .reviewComments([])
      .createReview()
      .issueComments([])
      .createComment()
      .checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    const comments = reviewComments(api.reviews[0]);
    expect(comments.find((c) => c.body.includes('`circular-import`'))).toMatchObject({ path: 'src/a.ts', line: 1 });
    expect(comments.find((c) => c.body.includes('`missing-tests`'))).toMatchObject({ path: 'src/a.ts', line: 1 });
    const summary = String(api.commentCreates[0].body);
    expect(summary).toContain('src/a.ts → src/b.ts → src/a.ts');
    expect(checkOutput(api.checkUpdates[0]).annotations).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/a.ts', title: 'missing-tests' })]));
  });

  test('a truncated tree: missing-tests stands down and says so', async () => {
    const app = await createTestApp();
    const api = start({ paths: ['src/a.ts', 'test/other.test.ts'], truncated: true }).reviewComments([]).issueComments([]).createComment().checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    const summary = String(api.commentCreates[0].body);
    expect(summary).not.toContain('`missing-tests`: `src/a.ts`');
    expect(summary).toContain('listing is incomplete');
  });

  test('the trees API fails: a note, and the rest of the review is published', async () => {
    const app = await createTestApp();
    const api = start('fails').reviewComments([]).issueComments([]).createComment().checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(String(api.commentCreates[0].body)).toContain('project-level rules not run: listing the repository failed: listing the tree of');
  });
});
