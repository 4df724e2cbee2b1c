/**
 * The GitHub Action (`action.yml`): reviews the pull request of the workflow's event with the
 * workflow's token, through the same job the app runs (check run, review, summary), and optionally
 * writes the findings as SARIF for code scanning. No server, no app registration.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { ProbotOctokit } from 'probot';
import { registry } from '../detectors/index.js';
import { createAnalyzer } from './analysis/engine.js';
import { packageVersion } from './cli/version.js';
import { describeError } from './errors.js';
import { processReviewJob } from './github/review-job.js';
import { createLogger, type Logger } from './logger.js';
import { renderSarif } from './report/format-sarif.js';
import { ruleDescriptors } from './report/rule-descriptors.js';
import type { ReviewJob } from './types.js';

/** Events whose payload names a pull request to review. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** Exit statuses, as the CLI's: 0 passes, 1 the gate fails, 2 the action could not run. */
export const ACTION_EXIT = { pass: 0, gateFailed: 1, error: 2 } as const;

export interface ActionIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface ActionOptions {
  /** The Octokit class (tests pass one without retries or throttling). */
  Octokit?: typeof ProbotOctokit;
}

interface PullRequestEvent {
  pull_request?: { number?: number; head?: { sha?: string } };
  repository?: { name?: string; owner?: { login?: string } };
}

/**
 * An action input: `INPUT_<NAME>` as the runner passes it (upper case, hyphens kept), or with hyphens
 * as underscores, as `action.yml` sets it for this composite action.
 */
function input(env: NodeJS.ProcessEnv, name: string): string {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  return (env[key] ?? env[key.replace(/-/g, '_')] ?? '').trim();
}

/** The job described by the event payload, or a reason there is none. */
export function jobFromEvent(eventName: string, payload: PullRequestEvent, runId: string): ReviewJob | string {
  if (!PULL_REQUEST_EVENTS.has(eventName)) return `nothing to review: the workflow ran on \`${eventName}\`, not on a pull request`;
  const pullNumber = payload.pull_request?.number;
  const headSha = payload.pull_request?.head?.sha;
  const owner = payload.repository?.owner?.login;
  const repo = payload.repository?.name;
  if (!pullNumber || !headSha || !owner || !repo) return 'the event payload has no pull request number, head sha or repository';
  return { installationId: 0, owner, repo, pullNumber, headSha, trigger: 'pull_request', deliveryId: `actions-${runId}` };
}

/** An Octokit authenticated with the workflow's token, on the runner's API (GitHub Enterprise too). */
function octokitFor(token: string, env: NodeJS.ProcessEnv, logger: Logger, Octokit: typeof ProbotOctokit): ProbotOctokit {
  return new Octokit({
    auth: { token },
    log: logger,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
  });
}

/** Runs the action with the runner's environment; resolves with the exit status. */
export async function runAction(env: NodeJS.ProcessEnv, io: ActionIo, options: ActionOptions = {}): Promise<number> {
  const logger = createLogger(env.LOG_LEVEL ?? 'warn');
  const fail = (message: string): number => {
    io.stderr.write(`pr-reviewer: ${message}\n`);
    return ACTION_EXIT.error;
  };
  const token = input(env, 'github-token') || env.GITHUB_TOKEN || '';
  if (!token) return fail('no token: pass `github-token` (the default is the workflow token `${{ github.token }}`)');
  if (!env.GITHUB_EVENT_PATH) return fail('GITHUB_EVENT_PATH is not set: run this as a step of a GitHub Actions workflow');

  let payload: PullRequestEvent;
  try {
    payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as PullRequestEvent;
  } catch (error) {
    return fail(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${describeError(error)}`);
  }
  const job = jobFromEvent(env.GITHUB_EVENT_NAME ?? '', payload, env.GITHUB_RUN_ID ?? String(Date.now()));
  if (typeof job === 'string') {
    io.stdout.write(`pr-reviewer: ${job}\n`);
    return ACTION_EXIT.pass;
  }

  const result = await processReviewJob(job, {
    octokit: octokitFor(token, env, logger, options.Octokit ?? ProbotOctokit),
    analyzer: createAnalyzer(registry),
    registry,
    logger,
  });
  if (!result) return fail('the review could not finish; the check run says why');

  const sarifFile = input(env, 'sarif-file');
  if (sarifFile) {
    await writeFile(sarifFile, renderSarif(result, ruleDescriptors(registry), { version: await packageVersion() }));
  }
  io.stdout.write(`pr-reviewer: ${result.gate.title} (${result.findings.length} findings)\n`);
  const gateFails = result.gate.conclusion === 'failure';
  return gateFails && input(env, 'fail-on-gate') !== 'false' ? ACTION_EXIT.gateFailed : ACTION_EXIT.pass;
}

// The runner starts this file directly (`node dist/src/action.js`).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  process.exitCode = await runAction(process.env, { stdout: process.stdout, stderr: process.stderr });
}
