/**
 * A retrying queue's attempts (the Redis queue): a transient GitHub failure hands the review back with
 * its check run still in progress; the next attempt resumes that run; a 4xx or the last attempt
 * completes it. The real review worker runs against nock.
 */
import { registry } from '../../detectors/index.js';
import { createAnalyzer } from '../../src/analysis/engine.js';
import { createReviewWorker } from '../../src/github/review-worker.js';
import { RetryableReviewError, isTransient } from '../../src/queue/retry.js';
import type { JobAttempt } from '../../src/queue/types.js';
import type { ReviewJob } from '../../src/types.js';
import nock from 'nock';
import { CHECK_RUN_ID, GitHubApi } from '../helpers/github-api.js';
import { HEAD_SHA, OWNER, PR_NUMBER, REPO } from '../helpers/github-fixtures.js';
import { API, assertAllCallsMade, blockNetwork, createTestProbot } from '../helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

const job: ReviewJob = { installationId: 1, owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, headSha: HEAD_SHA, trigger: 'pull_request', deliveryId: 'd1' };
const analyzer = createAnalyzer(registry);

function attempt(fields: { final: boolean; checkRunId?: number; resumed?: boolean }): JobAttempt & { remembered: number[] } {
  const remembered: number[] = [];
  return { ...fields, remembered, rememberCheckRun: async (id) => void remembered.push(id) };
}

function worker() {
  return createReviewWorker(createTestProbot().probot, { analyzer, registry });
}

describe('retries of transient failures', () => {
  test('a 502 hands the review back with the check run in progress; the last attempt resumes and completes it', async () => {
    const first = attempt({ final: false });
    const api = new GitHubApi().token().pullRequest().checkCreate().noConfig().filesFail(502);
    await expect(worker()(job, first)).rejects.toBeInstanceOf(RetryableReviewError);
    expect(first.remembered).toEqual([CHECK_RUN_ID]);
    expect(api.checkUpdates).toEqual([]);
    assertAllCallsMade();

    const last = attempt({ final: true, checkRunId: CHECK_RUN_ID });
    const again = new GitHubApi().token().pullRequest().noConfig().filesFail(502).checkUpdate();
    await worker()(job, last);
    expect(again.checkCreates).toEqual([]);
    expect(again.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'Review could not finish' } });
  });

  test('a job whose worker died before storing the check run id resumes the head\'s in-progress run', async () => {
    const api = new GitHubApi().token();
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/check-runs`)
      .query({ check_name: 'pr-reviewer', status: 'in_progress', filter: 'latest', per_page: '10' })
      .reply(200, { total_count: 1, check_runs: [{ id: CHECK_RUN_ID, status: 'in_progress' }] });
    api.pullRequest().noConfig().filesFail(404).checkUpdate();
    await worker()(job, attempt({ final: true, resumed: true }));
    expect(api.checkCreates).toEqual([]);
    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
  });

  test('a 4xx is not retried: the check run is completed at once', async () => {
    const api = new GitHubApi().token().pullRequest().checkCreate().noConfig().filesFail(404).checkUpdate();
    await worker()(job, attempt({ final: false }));
    expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
  });

  test('an unreadable pull request (503) is retried before any check run exists', async () => {
    const api = new GitHubApi().token().pullRequestFails(503);
    await expect(worker()(job, attempt({ final: false }))).rejects.toBeInstanceOf(RetryableReviewError);
    expect(api.checkCreates).toEqual([]);
  });
});

describe('isTransient', () => {
  const status = (code: number, message = 'x', headers: Record<string, string> = {}) => Object.assign(new Error(message), { status: code, response: { headers } });
  test.each([
    ['500', true, status(500)],
    ['502', true, status(502)],
    ['429', true, status(429)],
    ['403 secondary rate limit', true, status(403, 'You have exceeded a secondary rate limit')],
    ['403 with retry-after', true, status(403, 'Forbidden', { 'retry-after': '30' })],
    ['403 refused', false, status(403, 'Resource not accessible by integration')],
    ['404', false, status(404)],
    ['422', false, status(422)],
    ['network', true, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['fetch failed', true, new TypeError('fetch failed')],
    ['a bug', false, new TypeError('x is not a function')],
    ['wrapped 503', true, new Error('listing failed', { cause: status(503) })],
  ])('%s → transient: %s', (_name, expected, error) => {
    expect(isTransient(error)).toBe(expected);
  });
});
