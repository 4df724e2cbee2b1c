/**
 * The GitHub Action's entry point on an event payload file, as the runner starts it: the workflow
 * token, the same review job as the app (check run, review, summary), SARIF written when asked.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ACTION_EXIT, jobFromEvent, runAction } from '../src/action.js';
import { GitHubApi } from './helpers/github-api.js';
import { HEAD_SHA, PR_NUMBER, pullRequestEvent } from './helpers/github-fixtures.js';
import { assertAllCallsMade, blockNetwork, TestOctokit } from './helpers/probot.js';
import { FILES, reviewStart } from './helpers/review-fixtures.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pr-reviewer-action-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

function runnerEnv(eventName: string, payload: unknown, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: eventPath, GITHUB_RUN_ID: '77', INPUT_GITHUB_TOKEN: 'ghs_workflowtoken', ...extra };
}

test('a pull_request event: check, review, summary, SARIF written, and exit 1 because the gate fails', async () => {
  const api = reviewStart(new GitHubApi(), FILES).reviewComments([]).createReview().issueComments([]).createComment().checkUpdate();
  const sarifFile = join(dir, 'results.sarif');
  const stdout = sink();
  const stderr = sink();
  const status = await runAction(runnerEnv('pull_request', pullRequestEvent('opened'), { INPUT_SARIF_FILE: sarifFile }), { stdout, stderr }, { Octokit: TestOctokit });

  expect(stderr.text()).toBe('');
  expect(status).toBe(ACTION_EXIT.gateFailed);
  expect(api.order).toEqual(['check.create', 'review', 'comment.create', 'check.update']);
  expect(api.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
  expect(sarif.runs[0].results.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['sql-injection', 'bare-except']));
  expect(stdout.text()).toMatch(/findings\)/);
});

test('fail-on-gate false: the same failing review exits 0 (the check run still fails)', async () => {
  const api = reviewStart(new GitHubApi(), FILES).reviewComments([]).createReview().issueComments([]).createComment().checkUpdate();
  const status = await runAction(runnerEnv('pull_request', pullRequestEvent('opened'), { INPUT_FAIL_ON_GATE: 'false' }), { stdout: sink(), stderr: sink() }, { Octokit: TestOctokit });
  expect(status).toBe(ACTION_EXIT.pass);
  expect(api.checkUpdates[0]).toMatchObject({ conclusion: 'failure' });
});

test('a push event: nothing to review, no GitHub call, exit 0', async () => {
  const stdout = sink();
  const status = await runAction(runnerEnv('push', { ref: 'refs/heads/main' }), { stdout, stderr: sink() }, { Octokit: TestOctokit });
  expect(status).toBe(ACTION_EXIT.pass);
  expect(stdout.text()).toContain('nothing to review');
});

test('no token, or no event file: exit 2 with the reason', async () => {
  const stderr = sink();
  const env = runnerEnv('pull_request', pullRequestEvent('opened'));
  delete env.INPUT_GITHUB_TOKEN;
  expect(await runAction(env, { stdout: sink(), stderr })).toBe(ACTION_EXIT.error);
  expect(stderr.text()).toContain('no token');
  const missing = sink();
  expect(await runAction({ GITHUB_TOKEN: 't', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'nope.json') }, { stdout: sink(), stderr: missing })).toBe(ACTION_EXIT.error);
  expect(missing.text()).toContain('cannot read the event payload');
});

test('the job is read from the payload: number, head sha, repository', () => {
  expect(jobFromEvent('pull_request_target', pullRequestEvent('synchronize'), '5')).toMatchObject({ pullNumber: PR_NUMBER, headSha: HEAD_SHA, deliveryId: 'actions-5' });
  expect(jobFromEvent('pull_request', {}, '5')).toMatch(/no pull request number/);
});
