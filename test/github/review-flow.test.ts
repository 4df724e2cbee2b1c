/**
 * End to end through the real Probot app, queue, worker, detectors and pipeline; GitHub is nock.
 * Each test lists every GitHub call it expects; an unexpected or missing call fails it.
 */
import { SUMMARY_MARKER } from '../../src/report/summary.js';
import { resolvedReply } from '../../src/report/threads.js';
import { createTestApp } from '../helpers/app.js';
import { GitHubApi } from '../helpers/github-api.js';
import { HEAD_SHA, checkRunRerequestedEvent, issueCommentEvent, pullRequestEvent } from '../helpers/github-fixtures.js';
import { EXCEPT_LINE, FILES, SQL_LINE, TASKS_PY, USERS_TS, checkOutput, reviewComments, reviewStart } from '../helpers/review-fixtures.js';
import { assertAllCallsMade, blockNetwork } from '../helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

describe('pull_request.opened', () => {
  test('creates the check in progress, posts one review on the right lines, the summary, and fails the check', async () => {
    const app = await createTestApp();
    const api = reviewStart(new GitHubApi().token(), FILES).reviewComments([]).createReview().issueComments([]).createComment().checkUpdate();

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    expect(api.order).toEqual(['check.create', 'review', 'comment.create', 'check.update']);
    expect(api.checkCreates[0]).toMatchObject({ name: 'pr-reviewer', head_sha: HEAD_SHA, status: 'in_progress' });

    expect(api.reviews[0]).toMatchObject({ commit_id: HEAD_SHA, event: 'COMMENT' });
    const comments = reviewComments(api.reviews[0]);
    const sql = comments.find((c) => c.body.includes('`sql-injection`'));
    const except = comments.find((c) => c.body.includes('`bare-except`'));
    expect(sql).toMatchObject({ path: 'src/users.ts', line: SQL_LINE, side: 'RIGHT' });
    expect(except).toMatchObject({ path: 'app/tasks.py', line: EXCEPT_LINE, side: 'RIGHT' });
    for (const comment of comments) expect(comment.body).toMatch(/<!-- pr-reviewer:finding:[0-9a-f]+ -->/);

    const summary = String(api.commentCreates[0].body);
    expect(summary.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(summary).toContain(`src/users.ts:${SQL_LINE}`);
    expect(summary).toContain(`app/tasks.py:${EXCEPT_LINE}`);

    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const output = checkOutput(api.checkUpdates[0]);
    expect(output.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'src/users.ts', start_line: SQL_LINE, annotation_level: 'failure', title: 'sql-injection' }),
        expect.objectContaining({ path: 'app/tasks.py', start_line: EXCEPT_LINE, title: 'bare-except' }),
      ]),
    );
    const jobLog = app.logs.find((l) => l.msg === 'review started');
    expect(jobLog).toMatchObject({ deliveryId: expect.any(String), repo: 'Codertocat/Hello-World', pr: 2, headSha: HEAD_SHA, installationId: 1 });
  });
});

describe('pull_request.synchronize', () => {
  test('lines shifted: earlier comments are not repeated and the summary is edited in place', async () => {
    const app = await createTestApp();
    const first = reviewStart(new GitHubApi().token(), FILES).reviewComments([]).createReview().issueComments([]).createComment().checkUpdate();
    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();
    expect(first.scope.isDone()).toBe(true);

    const bot = { login: 'pr-reviewer[bot]', type: 'Bot' };
    const earlier = reviewComments(first.reviews[0]).map((c, i) => ({ id: 100 + i, path: c.path, line: c.line, body: c.body, user: bot }));
    const newSha = 'b'.repeat(40);
    const shifted = { 'src/users.ts': `// Users.\n// Queries.\n${USERS_TS}`, 'app/tasks.py': `# Tasks.\n# Runner.\n${TASKS_PY}` };
    const quoted = { id: 5, body: `> ${SUMMARY_MARKER}\n> quoted by a person`, user: { login: 'octocat', type: 'User' } };
    const threads = earlier.map((c, i) => ({ id: `T${i}`, path: c.path, commentId: c.id, body: c.body }));
    const second = reviewStart(new GitHubApi(), shifted, newSha)
      .reviewComments(earlier)
      .reviewThreads(threads)
      .issueComments([quoted, { id: 900, body: String(first.commentCreates[0].body), user: bot }])
      .updateComment(900)
      .checkUpdate();

    await app.receive('pull_request', pullRequestEvent('synchronize', { headSha: newSha }));
    await app.settle();

    // No review call at all (an unexpected one would fail the test), the summary updated, not created.
    expect(second.order).toEqual(['check.create', 'comment.update', 'check.update']);
    expect(second.checkCreates[0]).toMatchObject({ head_sha: newSha });
    expect(String(second.commentUpdates[0].body)).toContain(`src/users.ts:${SQL_LINE + 2}`);
    expect(checkOutput(second.checkUpdates[0]).annotations).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'src/users.ts', start_line: SQL_LINE + 2 })]),
    );
  });
});

describe('review threads of earlier runs', () => {
  const bot = { login: 'pr-reviewer[bot]', type: 'Bot' };
  const newSha = 'c'.repeat(40);
  const FIXED_USERS_TS = USERS_TS.replace('db.query(`SELECT * FROM users WHERE id = ${userId}`)', "db.query('SELECT * FROM users WHERE id = $1', [userId])");

  /** The first review, and its inline comments as GitHub would list them afterwards. */
  async function firstReview(app: Awaited<ReturnType<typeof createTestApp>>) {
    const first = reviewStart(new GitHubApi().token(), FILES).reviewComments([]).createReview().issueComments([]).createComment().checkUpdate();
    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();
    const earlier = reviewComments(first.reviews[0]).map((c, i) => ({ id: 100 + i, path: c.path, line: c.line, body: c.body, user: bot }));
    const summary = { id: 900, body: String(first.commentCreates[0].body), user: bot };
    return { earlier, summary };
  }

  test('a fixed finding: its thread gets a reply naming the commit and is resolved; the summary says so', async () => {
    const app = await createTestApp();
    const { earlier, summary } = await firstReview(app);
    const sql = earlier.find((c) => c.path === 'src/users.ts');
    if (!sql) throw new Error('no sql-injection comment in the first review');
    const threads = earlier.map((c) => ({ id: `T${c.id}`, path: c.path, commentId: c.id, body: c.body }));
    const second = reviewStart(new GitHubApi(), { ...FILES, 'src/users.ts': FIXED_USERS_TS }, newSha)
      .reviewComments(earlier)
      .reviewThreads(threads)
      .threadReply(sql.id)
      .threadMutation('resolve')
      .issueComments([summary])
      .updateComment(900)
      .checkUpdate();

    await app.receive('pull_request', pullRequestEvent('synchronize', { headSha: newSha }));
    await app.settle();

    expect(second.order).toEqual(['check.create', 'thread.reply', 'thread.resolve', 'comment.update', 'check.update']);
    expect(String(second.threadReplies[0].body)).toContain(newSha.slice(0, 7));
    expect(second.threadMutations[0]).toMatchObject({ variables: { id: `T${sql.id}` } });
    expect(String(second.commentUpdates[0].body)).toContain('1 earlier thread resolved');
  });

  test('a finding back in a thread the app resolved reopens it; one a person resolved stays resolved', async () => {
    const app = await createTestApp();
    const { earlier, summary } = await firstReview(app);
    const [one, two] = earlier;
    const threads = [
      // Resolved by the app: its resolution reply is the thread's last comment.
      { id: 'T-app', path: one.path, commentId: one.id, body: one.body, isResolved: true, lastComment: { body: resolvedReply('a'.repeat(40)), author: { __typename: 'Bot' } } },
      // Resolved by a person after they replied.
      { id: 'T-person', path: two.path, commentId: two.id, body: two.body, isResolved: true, lastComment: { body: 'Intended: see the ADR.', author: { __typename: 'User' } } },
    ];
    const second = reviewStart(new GitHubApi(), FILES, newSha)
      .reviewComments(earlier)
      .reviewThreads(threads)
      .threadMutation('unresolve')
      .issueComments([summary])
      .updateComment(900)
      .checkUpdate();

    await app.receive('pull_request', pullRequestEvent('synchronize', { headSha: newSha }));
    await app.settle();

    expect(second.order).toEqual(['check.create', 'thread.unresolve', 'comment.update', 'check.update']);
    expect(second.threadMutations[0]).toMatchObject({ variables: { id: 'T-app' } });
  });

  test("a thread whose author is not a bot is left alone, even with a marker quoted in it", async () => {
    const app = await createTestApp();
    const { earlier, summary } = await firstReview(app);
    const sql = earlier.find((c) => c.path === 'src/users.ts');
    if (!sql) throw new Error('no sql-injection comment in the first review');
    const threads = [{ id: 'T-quote', path: sql.path, commentId: 5, body: sql.body, author: { login: 'octocat', __typename: 'User' } }];
    const second = reviewStart(new GitHubApi(), { ...FILES, 'src/users.ts': FIXED_USERS_TS }, newSha)
      .reviewComments(earlier)
      .reviewThreads(threads)
      .issueComments([summary])
      .updateComment(900)
      .checkUpdate();

    await app.receive('pull_request', pullRequestEvent('synchronize', { headSha: newSha }));
    await app.settle();

    expect(second.order).toEqual(['check.create', 'comment.update', 'check.update']);
  });
});

describe('many findings', () => {
  test('annotations go in batches of 50: the completion, then further updates', async () => {
    const app = await createTestApp();
    // 120 injections in 12 short functions (one long function would add a long-function finding).
    const many = Array.from({ length: 12 }, (_, f) => [
      `export async function load${f}(id: string) {`,
      ...Array.from({ length: 10 }, (_, i) => `  await db.query(\`SELECT * FROM t${f * 10 + i} WHERE id = \${id}\`);`),
      '}',
      '',
    ]).flat().join('\n');
    const api = reviewStart(new GitHubApi().token(), { 'src/many.ts': many }).reviewComments([]).createReview().issueComments([]).createComment().checkUpdate(3);

    await app.receive('pull_request', pullRequestEvent('opened'));
    await app.settle();

    const batches = api.checkUpdates.map((u) => checkOutput(u).annotations?.length);
    expect(batches).toEqual([50, 50, 20]);
    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(api.checkUpdates[1]).not.toHaveProperty('status');
    // More than 3 findings of one rule in one file are folded: 120 make 2 comments (at most 100 each).
    expect(reviewComments(api.reviews[0]).filter((c) => c.body.includes('`sql-injection`'))).toHaveLength(2);
  });
});

describe('/review comments', () => {
  test('from a user with write permission: acknowledged with a reaction, and the review runs', async () => {
    const app = await createTestApp();
    const api = new GitHubApi().token().permission('Codertocat', 'write').pullRequest().reaction(7);
    reviewStart(api, FILES).reviewComments([]).createReview().issueComments([]).createComment().checkUpdate();

    await app.receive('issue_comment', issueCommentEvent({ body: '/review please', commentId: 7 }));
    await app.settle();

    expect(api.reactions).toEqual([{ content: 'eyes' }]);
    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  test('from a user with read permission: nothing runs, nothing is posted', async () => {
    const app = await createTestApp();
    new GitHubApi().token().permission('visitor', 'read');

    await app.receive('issue_comment', issueCommentEvent({ login: 'visitor' }));
    await app.settle();

    expect(app.logs).toContainEqual(expect.objectContaining({ msg: 'review command refused', user: 'visitor', permission: 'read' }));
  });

  test("from a bot: ignored without a single GitHub call", async () => {
    const app = await createTestApp();
    await app.receive('issue_comment', issueCommentEvent({ login: 'pr-reviewer[bot]', userType: 'Bot' }));
    await app.settle();
    expect(app.queue.size).toBe(0);
  });
});

describe('check_run.rerequested', () => {
  test('re-runs the review of the PR it names', async () => {
    const app = await createTestApp();
    const api = reviewStart(new GitHubApi().token(), FILES).reviewComments([]).createReview().issueComments([]).createComment().checkUpdate();

    await app.receive('check_run', checkRunRerequestedEvent());
    await app.settle();

    expect(api.order).toEqual(['check.create', 'review', 'comment.create', 'check.update']);
  });
});
