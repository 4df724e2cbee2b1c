/**
 * Intake: which webhook events become review jobs, with which fields. The real Probot app receives
 * example payloads; the queue only records (the review itself is tested in test/github/).
 */
import { createApp } from '../src/app.js';
import { InProcessQueue } from '../src/queue/in-process.js';
import type { ReviewQueue } from '../src/queue/types.js';
import type { ReviewJob } from '../src/types.js';
import { GitHubApi } from './helpers/github-api.js';
import { HEAD_SHA, checkRunRerequestedEvent, checkSuiteRerequestedEvent, issueCommentEvent, pullRequestEvent } from './helpers/github-fixtures.js';
import { API, APP_ID, assertAllCallsMade, blockNetwork, createTestProbot } from './helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

class RecordingQueue implements ReviewQueue {
  readonly jobs: ReviewJob[] = [];
  enqueue(job: ReviewJob): void {
    this.jobs.push(job);
  }
  async close(): Promise<void> {}
}

async function load(queue: ReviewQueue = new RecordingQueue()) {
  const test = createTestProbot();
  await test.probot.load(createApp({ queue, appId: APP_ID }));
  return test;
}

const expectedJob = (trigger: ReviewJob['trigger'], deliveryId: string): ReviewJob => ({
  installationId: 1,
  owner: 'Codertocat',
  repo: 'Hello-World',
  pullNumber: 2,
  headSha: HEAD_SHA,
  trigger,
  deliveryId,
});

describe('pull_request', () => {
  test.each(['opened', 'synchronize', 'reopened', 'ready_for_review'])('%s enqueues a job for the head sha', async (action) => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    await receive('pull_request', pullRequestEvent(action), 'delivery-pr');
    expect(queue.jobs).toEqual([expectedJob('pull_request', 'delivery-pr')]);
  });

  test.each(['closed', 'labeled', 'assigned'])('%s is ignored', async (action) => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    await receive('pull_request', pullRequestEvent(action));
    expect(queue.jobs).toEqual([]);
  });

  test('the webhook is answered while the review is still running', async () => {
    // A worker that never finishes: `receive` (Probot's webhook answer) must not wait for it.
    const queue = new InProcessQueue({ worker: () => new Promise<void>(() => {}), logger: createTestProbot().probot.log, concurrency: 1 });
    const { receive } = await load(queue);
    await receive('pull_request', pullRequestEvent('opened'));
    expect(queue.size).toBe(1);
  });
});

describe('/review comments', () => {
  test.each([
    ['admin', 'admin'],
    ['write', 'write'],
    ['write', 'maintain'],
  ])('permission %s (role %s) may run a review: reaction, then a job for the PR head', async (permission, role) => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    const api = new GitHubApi().token().permission('Codertocat', permission, role).pullRequest().reaction(11);
    await receive('issue_comment', issueCommentEvent({ commentId: 11 }), 'delivery-c');
    expect(api.reactions).toEqual([{ content: 'eyes' }]);
    expect(queue.jobs).toEqual([expectedJob('comment', 'delivery-c')]);
  });

  test.each([
    ['read', 'read'],
    ['read', 'triage'],
    ['none', 'none'],
  ])('permission %s (role %s) gets nothing: no reaction, no job', async (permission, role) => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    new GitHubApi().token().permission('Codertocat', permission, role);
    await receive('issue_comment', issueCommentEvent());
    expect(queue.jobs).toEqual([]);
  });

  test('a commenter who is not a collaborator (404) gets nothing', async () => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    const api = new GitHubApi().token();
    api.scope.get('/repos/Codertocat/Hello-World/collaborators/stranger/permission').reply(404, { message: 'Not Found' });
    await receive('issue_comment', issueCommentEvent({ login: 'stranger' }));
    expect(queue.jobs).toEqual([]);
  });

  test.each([
    ['a bot', { userType: 'Bot', login: 'dependabot[bot]' }],
    ['the app itself', { userType: 'Bot', login: 'pr-reviewer[bot]' }],
    ['a comment on an issue', { onPullRequest: false }],
    ['a comment that only mentions it', { body: 'could someone /review this?' }],
    ['another command', { body: '/reviewers add @octocat' }],
  ])('%s is ignored without any GitHub call', async (_what, fields) => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    await receive('issue_comment', issueCommentEvent(fields));
    expect(queue.jobs).toEqual([]);
  });

  test('the review still runs when the reaction fails', async () => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    const api = new GitHubApi().token().permission('Codertocat', 'write').pullRequest();
    api.scope.post('/repos/Codertocat/Hello-World/issues/comments/11/reactions').reply(403, { message: 'Forbidden' });
    await receive('issue_comment', issueCommentEvent({ commentId: 11 }));
    expect(queue.jobs).toHaveLength(1);
  });
});

describe('re-requested checks', () => {
  test('check_run.rerequested of this app re-enqueues the PR it lists', async () => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    await receive('check_run', checkRunRerequestedEvent(), 'delivery-run');
    expect(queue.jobs).toEqual([expectedJob('check_rerequested', 'delivery-run')]);
  });

  test.each([
    ['another check name', { name: 'lint' }],
    ['another app', { appId: 999 }],
  ])('check_run.rerequested of %s is ignored', async (_what, fields) => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    await receive('check_run', checkRunRerequestedEvent(fields));
    expect(queue.jobs).toEqual([]);
  });

  const openPulls = (heads: Array<[number, string]>) => heads.map(([number, sha]) => ({ number, head: { sha } }));
  const OPEN_PULLS_QUERY = { state: 'open', sort: 'updated', direction: 'desc', per_page: '100' };

  test.each([
    ['check_run', () => checkRunRerequestedEvent()],
    ['check_suite', () => checkSuiteRerequestedEvent()],
  ])('%s.rerequested of a fork PR (no pull request in the payload) finds it among the open ones by head sha', async (event, build) => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    const api = new GitHubApi().token();
    api.scope
      .get('/repos/Codertocat/Hello-World/pulls')
      .query(OPEN_PULLS_QUERY)
      .reply(200, openPulls([[7, 'f'.repeat(40)], [2, HEAD_SHA]]));
    const payload = build();
    (payload[event] as { pull_requests: unknown[] }).pull_requests = [];
    await receive(event, payload, 'delivery-fork');
    expect(queue.jobs).toEqual([expectedJob('check_rerequested', 'delivery-fork')]);
  });

  test('a rerequested check whose head is no open pull request enqueues nothing, after a bounded search', async () => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    const api = new GitHubApi().token();
    const page = (n: number) => `<${API}/repositories/1/pulls?state=open&sort=updated&direction=desc&per_page=100&page=${n}>; rel="next"`;
    api.scope.get('/repos/Codertocat/Hello-World/pulls').query(OPEN_PULLS_QUERY).reply(200, openPulls([[7, 'f'.repeat(40)]]), { link: page(2) });
    api.scope.get('/repositories/1/pulls').query({ ...OPEN_PULLS_QUERY, page: '2' }).reply(200, openPulls([[8, 'e'.repeat(40)]]), { link: page(3) });
    api.scope.get('/repositories/1/pulls').query({ ...OPEN_PULLS_QUERY, page: '3' }).reply(200, openPulls([[9, 'd'.repeat(40)]]), { link: page(4) });
    const payload = checkRunRerequestedEvent();
    (payload.check_run as { pull_requests: unknown[] }).pull_requests = [];
    await receive('check_run', payload);
    // Three pages (the 300 most recently updated), not a fourth.
    expect(queue.jobs).toEqual([]);
  });

  test('check_suite.rerequested of this app re-enqueues its PRs; of another app, nothing', async () => {
    const queue = new RecordingQueue();
    const { receive } = await load(queue);
    await receive('check_suite', checkSuiteRerequestedEvent(), 'delivery-suite');
    await receive('check_suite', checkSuiteRerequestedEvent({ appId: 999 }));
    expect(queue.jobs).toEqual([expectedJob('check_rerequested', 'delivery-suite')]);
  });
});
