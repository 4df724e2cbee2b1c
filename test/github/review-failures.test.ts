/**
 * The review never crashes and never leaves the check run in progress: config errors, refused or
 * failing GitHub writes, failing reads, drafts and superseded heads all end in a completed check.
 */
import { createTestApp } from '../helpers/app.js';
import { GitHubApi } from '../helpers/github-api.js';
import { HEAD_SHA, pullRequestEvent } from '../helpers/github-fixtures.js';
import { FILES, SQL_LINE, addedEntries, checkOutput, reviewComments, reviewStart } from '../helpers/review-fixtures.js';
import { assertAllCallsMade, blockNetwork } from '../helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

describe('configuration', () => {
  test('read from the base branch: an invalid file fails the check with the exact error', async () => {
    const app = await createTestApp();
    // The interceptor matches only `?ref=release/2.x`: reading at the head would be an unmatched call.
    const api = new GitHubApi().token().pullRequest({ baseRef: 'release/2.x' }).checkCreate().config('failOn: sometimes\n', 'release/2.x').checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened', { baseRef: 'release/2.x' }));
    await app.settle();

    expect(api.checkUpdates[0]).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Invalid configuration', summary: '.github/pr-reviewer.yml: failOn: must be one of critical, high, medium, low, none' },
    });
  });

  test('broken YAML is reported with the parser message, not a crash', async () => {
    const app = await createTestApp();
    const api = new GitHubApi().token().pullRequest().checkCreate().config('failOn: [high\n').checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.checkUpdates[0]).toMatchObject({ conclusion: 'failure', output: { title: 'Invalid configuration' } });
    expect(checkOutput(api.checkUpdates[0]).summary).toMatch(/^\.github\/pr-reviewer\.yml: invalid YAML: /);
  });

  test("the base branch's config applies: failOn none passes a PR with a critical finding", async () => {
    const app = await createTestApp();
    const api = new GitHubApi()
      .token()
      .pullRequest({ changedFiles: 2 })
      .checkCreate()
      .config('failOn: none\n')
      .files(addedEntries(FILES))
      .contents(FILES)
      .tree(Object.keys(FILES))
      .reviewComments([])
      .createReview()
      .issueComments([])
      .createComment()
      .checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.checkUpdates[0]).toMatchObject({ conclusion: 'success' });
    expect(String(api.commentCreates[0].body)).toContain('failOn: `none`');
  });
});

describe('the review endpoint fails', () => {
  test('500: the summary and the check still complete, with the error in the check output', async () => {
    const app = await createTestApp();
    const api = reviewStart(new GitHubApi().token(), FILES).reviewComments([]).createReview(500).issueComments([]).createComment().checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.order).toEqual(['check.create', 'review', 'comment.create', 'check.update']);
    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(checkOutput(api.checkUpdates[0]).summary).toContain('The review could not be posted: posting the review failed (HTTP 500)');
    expect(String(api.commentCreates[0].body)).toContain(`src/users.ts:${SQL_LINE}`);
    expect(String(api.commentCreates[0].body)).toMatch(/0 new inline comments in this review; \d+ findings only in this summary/);
  });

  test('422: the review is posted again without inline comments, and the check says why', async () => {
    const app = await createTestApp();
    const api = reviewStart(new GitHubApi().token(), FILES).reviewComments([]).createReview(422).createReview(200).issueComments([]).createComment().checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.reviews).toHaveLength(2);
    expect(reviewComments(api.reviews[0]).length).toBeGreaterThan(0);
    expect(api.reviews[1]).toEqual({ commit_id: HEAD_SHA, event: 'COMMENT', body: expect.stringContaining('summary comment lists every finding') });
    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(checkOutput(api.checkUpdates[0]).summary).toContain('GitHub refused the inline comments (posting the review failed (HTTP 422)');
  });

  test('422 twice: the run goes on to the summary and the check', async () => {
    const app = await createTestApp();
    const api = reviewStart(new GitHubApi().token(), FILES).reviewComments([]).createReview(422, 2).issueComments([]).createComment().checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.order).toEqual(['check.create', 'review', 'review', 'comment.create', 'check.update']);
    expect(api.checkUpdates[0]).toMatchObject({ conclusion: 'failure' });
  });
});

describe('the check run is never left in progress', () => {
  test('listing the files fails with 500: completed neutral with the error', async () => {
    const app = await createTestApp();
    const api = new GitHubApi().token().pullRequest().checkCreate().noConfig().filesFail(500).checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'Review could not finish' } });
    expect(checkOutput(api.checkUpdates[0]).summary).toContain('listing the files of Codertocat/Hello-World#2 failed (HTTP 500)');
  });

  test('reading the pull request fails: the check is created completed, neutral', async () => {
    const app = await createTestApp();
    const api = new GitHubApi().token().pullRequestFails(502).checkCreate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.checkCreates[0]).toMatchObject({ name: 'pr-reviewer', head_sha: HEAD_SHA, status: 'completed', conclusion: 'neutral' });
    expect(checkOutput(api.checkCreates[0]).summary).toContain('HTTP 502');
  });

  test('a draft pull request: completed neutral, not reviewed', async () => {
    const app = await createTestApp();
    const api = new GitHubApi().token().pullRequest({ draft: true }).checkCreate().noConfig().checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened', { draft: true }));
    await app.settle();

    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { summary: 'Draft pull request: not reviewed' } });
  });

  test('a job for an old head: completed neutral, superseded by the new head', async () => {
    const app = await createTestApp();
    const newer = 'c'.repeat(40);
    const api = new GitHubApi().token().pullRequest({ headSha: newer }).checkCreate().noConfig().checkUpdate();

    await app.receive('pull_request', pullRequestEvent('synchronize'));
    await app.settle();

    expect(api.checkCreates[0]).toMatchObject({ head_sha: HEAD_SHA });
    expect(api.checkUpdates[0]).toMatchObject({ conclusion: 'neutral', output: { summary: `superseded by ${newer}` } });
  });
});
