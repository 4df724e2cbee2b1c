/**
 * The watchdog completes this app's check runs stuck `in_progress` on open PRs, and leaves fresh ones
 * and other apps' alone; the superseded handler writes the "superseded by <sha>" check. GitHub is nock.
 */
import nock from 'nock';
import { pino } from 'pino';
import { completeSuperseded } from '../../src/github/superseded.js';
import { isStale, sweepStaleCheckRuns } from '../../src/github/watchdog.js';
import type { Body } from '../helpers/github-api.js';
import { API, APP_ID, assertAllCallsMade, blockNetwork, createTestProbot, mockInstallationToken } from '../helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

const NOW = new Date('2026-11-30T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const logger = pino({ level: 'silent' });

describe('sweepStaleCheckRuns', () => {
  test('completes stale runs of this app on open PRs as neutral with the reason', async () => {
    const { probot } = createTestProbot();
    const updates: Body[] = [];
    const scope = nock(API)
      .get('/app/installations')
      .query({ per_page: '100' })
      .reply(200, [{ id: 1, account: { login: 'acme' } }]);
    mockInstallationToken(scope, 1);
    scope
      .get('/installation/repositories')
      .query({ per_page: '100' })
      .reply(200, { total_count: 1, repositories: [{ name: 'shop', owner: { login: 'acme' } }] })
      .get('/repos/acme/shop/pulls')
      .query({ state: 'open', per_page: '100' })
      .reply(200, [{ number: 5, head: { sha: 'a'.repeat(40) } }, { number: 6, head: { sha: 'b'.repeat(40) } }])
      .get(`/repos/acme/shop/commits/${'a'.repeat(40)}/check-runs`)
      .query({ check_name: 'pr-reviewer', status: 'in_progress', app_id: String(APP_ID), per_page: '100' })
      .reply(200, {
        total_count: 2,
        check_runs: [
          { id: 11, status: 'in_progress', started_at: minutesAgo(45), app: { id: APP_ID } },
          { id: 12, status: 'in_progress', started_at: minutesAgo(2), app: { id: APP_ID } },
        ],
      })
      .get(`/repos/acme/shop/commits/${'b'.repeat(40)}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .patch('/repos/acme/shop/check-runs/11', (body: Body) => { updates.push(body); return true; })
      .reply(200, { id: 11 });

    const result = await sweepStaleCheckRuns({ app: probot, appId: APP_ID, logger, now: () => NOW, staleAfterMs: 20 * 60_000 });

    expect(result).toEqual({ pullRequests: 2, completed: 1 });
    expect(updates).toEqual([
      {
        status: 'completed',
        conclusion: 'neutral',
        completed_at: NOW.toISOString(),
        output: { title: 'Review did not finish', summary: expect.stringContaining('still in progress after 20 minutes') },
      },
    ]);
  });

  test('a failing repository is logged and the sweep goes on', async () => {
    const { probot } = createTestProbot();
    const scope = nock(API).get('/app/installations').query(true).reply(200, [{ id: 1 }]);
    mockInstallationToken(scope, 1);
    scope
      .get('/installation/repositories')
      .query(true)
      .reply(200, { total_count: 2, repositories: [{ name: 'a', owner: { login: 'acme' } }, { name: 'b', owner: { login: 'acme' } }] })
      .get('/repos/acme/a/pulls')
      .query(true)
      .reply(500, { message: 'boom' })
      .get('/repos/acme/b/pulls')
      .query(true)
      .reply(200, []);
    await expect(sweepStaleCheckRuns({ app: probot, appId: APP_ID, logger, now: () => NOW })).resolves.toEqual({ pullRequests: 0, completed: 0 });
  });
});

describe('isStale', () => {
  test.each([
    ['old run of this app', { id: 1, status: 'in_progress', started_at: minutesAgo(30), app: { id: APP_ID } }, true],
    ['recent run', { id: 1, status: 'in_progress', started_at: minutesAgo(5), app: { id: APP_ID } }, false],
    ['another app', { id: 1, status: 'in_progress', started_at: minutesAgo(30), app: { id: 99 } }, false],
    ['completed', { id: 1, status: 'completed', started_at: minutesAgo(30), app: { id: APP_ID } }, false],
  ])('%s', (_name, run, expected) => {
    expect(isStale(run, APP_ID, NOW, 20 * 60_000)).toBe(expected);
  });
});

describe('completeSuperseded', () => {
  test('creates a completed neutral check on the old head naming the new one', async () => {
    const { probot } = createTestProbot();
    const creates: Body[] = [];
    const scope = nock(API);
    mockInstallationToken(scope, 1);
    scope.post('/repos/acme/shop/check-runs', (body: Body) => { creates.push(body); return true; }).reply(201, { id: 9 });
    const job = { installationId: 1, owner: 'acme', repo: 'shop', pullNumber: 5, trigger: 'pull_request' as const, deliveryId: 'd' };
    await completeSuperseded(probot)({ ...job, headSha: 'old' }, { ...job, headSha: 'new' });
    expect(creates).toEqual([
      expect.objectContaining({ name: 'pr-reviewer', head_sha: 'old', status: 'completed', conclusion: 'neutral', output: { title: 'Not reviewed', summary: 'superseded by new' } }),
    ]);
  });
});
