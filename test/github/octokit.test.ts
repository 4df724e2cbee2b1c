/**
 * The production retry and throttling policy, on Probot's real Octokit against nock: secondary rate
 * limits honour `retry-after` (within a bound), 5xx are retried, 4xx refusals are not. Waits are
 * scaled down (10 ms per "second") so the policy, not the clock, is under test.
 */
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { Probot } from 'probot';
import { MAX_RATE_LIMIT_WAIT_SECONDS, createProductionOctokit, shouldRetryRateLimit } from '../../src/github/octokit.js';
import { isTransient } from '../../src/queue/retry.js';
import { API, APP_ID, assertAllCallsMade, blockNetwork, mockInstallationToken } from '../helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});

async function octokit() {
  const probot = new Probot({ appId: APP_ID, privateKey, Octokit: createProductionOctokit({ retryAfterBaseValue: 10 }), log: pino({ level: 'silent' }) });
  mockInstallationToken(nock(API));
  return probot.auth(1);
}

const PR = '/repos/o/r/pulls/1';
const secondary = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };

test('a secondary rate limit is waited out (retry-after) and retried', async () => {
  const api = await octokit();
  nock(API).get(PR).reply(403, secondary, { 'retry-after': '2' }).get(PR).reply(200, { number: 1 });
  const started = Date.now();
  await expect(api.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 })).resolves.toMatchObject({ data: { number: 1 } });
  expect(Date.now() - started).toBeGreaterThanOrEqual(20);
});

test('a secondary rate limit is retried at most twice, then fails as transient for the queue', async () => {
  const api = await octokit();
  nock(API).get(PR).times(3).reply(403, secondary, { 'retry-after': '1' });
  const error = await api.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 }).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 403 });
  expect(isTransient(error)).toBe(true);
});

test('a wait longer than the bound is not done in the request', async () => {
  const api = await octokit();
  nock(API).get(PR).reply(403, secondary, { 'retry-after': String(MAX_RATE_LIMIT_WAIT_SECONDS + 1) });
  await expect(api.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 })).rejects.toMatchObject({ status: 403 });
});

test('the primary rate limit is retried once when its reset is near', async () => {
  const api = await octokit();
  const reset = String(Math.ceil(Date.now() / 1000) + 1);
  nock(API)
    .get(PR)
    .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
    .get(PR)
    .reply(200, { number: 1 });
  await expect(api.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 })).resolves.toMatchObject({ data: { number: 1 } });
});

test('5xx answers are retried', async () => {
  const api = await octokit();
  nock(API).get(PR).reply(502, { message: 'Bad Gateway' }).get(PR).reply(503, { message: 'Unavailable' }).get(PR).reply(200, { number: 1 });
  await expect(api.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 })).resolves.toMatchObject({ data: { number: 1 } });
});

test('a retried request does not carry its retry count into the next requests of the instance', async () => {
  const api = await octokit();
  // Outermost hook: what each request starts with, before the retry plugin sees it.
  const startCounts: unknown[] = [];
  api.hook.before('request', (options) => {
    startCounts.push((options.request as { retryCount?: number } | undefined)?.retryCount);
  });
  for (let i = 0; i < 3; i++) {
    nock(API).get(PR).reply(500, { message: 'Server Error' }).get(PR).reply(200, { number: 1 });
    await expect(api.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 })).resolves.toMatchObject({ data: { number: 1 } });
  }
  // With the count shared, the second and third requests started at 1 and waited 4× the base on their first retry.
  expect(startCounts).toEqual([undefined, undefined, undefined]);
  expect((api.request.endpoint.DEFAULTS.request as { retryCount?: number } | undefined)?.retryCount).toBeUndefined();
});

test('a 4xx refusal is not retried', async () => {
  const api = await octokit();
  nock(API).get(PR).reply(422, { message: 'Validation Failed' });
  await expect(api.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 })).rejects.toMatchObject({ status: 422 });
});

test.each([
  ['secondary', 60, 0, true],
  ['secondary', 60, 2, false],
  ['secondary', MAX_RATE_LIMIT_WAIT_SECONDS + 1, 0, false],
  ['primary', 30, 0, true],
  ['primary', 30, 1, false],
] as const)('shouldRetryRateLimit(%s, %i s, retry %i) → %s', (kind, after, count, expected) => {
  expect(shouldRetryRateLimit(kind, after, count)).toBe(expected);
});
