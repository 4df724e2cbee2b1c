/**
 * The watchdog: on start and periodically, completes `neutral` the check runs of this app left
 * `in_progress` longer than a review can take (a worker died, a deploy cut a review short) on the
 * open pull requests of every installation, so no PR waits forever on a check.
 */
import type { Probot, ProbotOctokit } from 'probot';
import type { Logger } from '../logger.js';
import { CHECK_NAME } from './check-name.js';
import { clampText } from './check-run.js';

/** The longest a review may run (`timeoutSeconds` is capped at this). */
export const MAX_REVIEW_SECONDS = 600;
/** A check run in progress longer than this is stale: twice the longest review, retries included. */
export const DEFAULT_STALE_MS = 2 * MAX_REVIEW_SECONDS * 1000;
export const DEFAULT_INTERVAL_MS = 10 * 60 * 1000;
/** Open pull requests examined per sweep, so one sweep stays bounded in API calls. */
export const DEFAULT_MAX_PULL_REQUESTS = 1000;

/** What the watchdog needs: app and installation auth, and its limits. */
export interface WatchdogOptions {
  app: Pick<Probot, 'auth'>;
  appId: number;
  logger: Logger;
  staleAfterMs?: number;
  intervalMs?: number;
  maxPullRequests?: number;
  now?: () => Date;
  /** Returns false when another process swept recently (a Redis lock); absent: always sweep. */
  acquire?: () => Promise<boolean>;
}

/** What one sweep did. */
export interface SweepResult {
  pullRequests: number;
  completed: number;
}

/** A check run as `checks.listForRef` returns it (the fields used here). */
interface ListedCheckRun {
  id: number;
  status: string;
  started_at?: string | null;
  app?: { id: number } | null;
}

/** True when `run` is this app's, in progress, and started more than `staleAfterMs` before `now`. */
export function isStale(run: ListedCheckRun, appId: number, now: Date, staleAfterMs: number): boolean {
  if (run.status !== 'in_progress' || (run.app && run.app.id !== appId) || !run.started_at) return false;
  return now.getTime() - Date.parse(run.started_at) > staleAfterMs;
}

/** The output the watchdog completes a stale run with. */
export function staleOutput(staleAfterMs: number): { title: string; summary: string } {
  const minutes = Math.round(staleAfterMs / 60_000);
  return {
    title: 'Review did not finish',
    summary: clampText(
      `The review was still in progress after ${minutes} minutes (its worker stopped or it timed out), so the watchdog completed it. ` +
        'Push a commit, comment `/review` or re-run this check to review again.',
    ),
  };
}

interface RepoRef {
  owner: string;
  repo: string;
}

async function staleRunsOfPullRequest(octokit: ProbotOctokit, where: RepoRef, headSha: string, options: Required<Pick<WatchdogOptions, 'appId'>> & { now: Date; staleAfterMs: number }): Promise<number[]> {
  const { data } = await octokit.rest.checks.listForRef({ ...where, ref: headSha, check_name: CHECK_NAME, status: 'in_progress', app_id: options.appId, per_page: 100 });
  return data.check_runs.filter((run) => isStale(run, options.appId, options.now, options.staleAfterMs)).map((run) => run.id);
}

/** Sweeps every installation once; errors of one repository are logged and the sweep goes on. */
export async function sweepStaleCheckRuns(options: WatchdogOptions): Promise<SweepResult> {
  const { app, appId, logger } = options;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_MS;
  const maxPullRequests = options.maxPullRequests ?? DEFAULT_MAX_PULL_REQUESTS;
  const now = (options.now ?? (() => new Date()))();
  const result: SweepResult = { pullRequests: 0, completed: 0 };
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = await app.auth(installation.id);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repository of repositories) {
      if (result.pullRequests >= maxPullRequests) break;
      const where = { owner: repository.owner.login, repo: repository.name };
      try {
        const pulls = await octokit.paginate(octokit.rest.pulls.list, { ...where, state: 'open', per_page: 100 });
        for (const pull of pulls.slice(0, maxPullRequests - result.pullRequests)) {
          result.pullRequests++;
          for (const id of await staleRunsOfPullRequest(octokit, where, pull.head.sha, { appId, now, staleAfterMs })) {
            await octokit.rest.checks.update({ ...where, check_run_id: id, status: 'completed', conclusion: 'neutral', completed_at: now.toISOString(), output: staleOutput(staleAfterMs) });
            result.completed++;
            logger.warn({ repo: `${where.owner}/${where.repo}`, pr: pull.number, headSha: pull.head.sha, checkRunId: id }, 'stale check run completed');
          }
        }
      } catch (error) {
        logger.error({ err: error, repo: `${where.owner}/${where.repo}` }, 'watchdog sweep of repository failed');
      }
    }
  }
  logger.info(result, 'watchdog sweep done');
  return result;
}

/** Sweeps now and every `intervalMs`; returns a function that stops it. A failed sweep is logged. */
export function startWatchdog(options: WatchdogOptions): () => void {
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      if (options.acquire && !(await options.acquire())) return;
      await sweepStaleCheckRuns(options);
    } catch (error) {
      options.logger.error({ err: error }, 'watchdog sweep failed');
    } finally {
      running = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.intervalMs ?? DEFAULT_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
