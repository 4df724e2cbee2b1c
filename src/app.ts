/**
 * The Probot app function: validates events and enqueues review jobs, answering the webhook at
 * once (GitHub gives up after 10 s). The reviews themselves run from the queue.
 */
import type { Context, Probot } from 'probot';
import type { Detector } from '../detectors/define.js';
import { registry as defaultRegistry } from '../detectors/index.js';
import { createAnalyzer, type Analyzer } from './analysis/engine.js';
import { CHECK_NAME } from './github/check-name.js';
import { assertPayload } from './github/payload.js';
import { isReviewCommand, mayRequestReview } from './github/review-command.js';
import { createReviewWorker } from './github/review-worker.js';
import { InProcessQueue } from './queue/in-process.js';
import type { ReviewQueue } from './queue/types.js';
import type { ReviewJob, Trigger } from './types.js';

/** The app's collaborators; each has a production default. */
export interface AppDeps {
  /** Where jobs go; the in-process queue with the GitHub worker when omitted. */
  queue?: ReviewQueue;
  registry?: readonly Detector[];
  analyzer?: Analyzer;
  /** This app's id: check suites of other apps are ignored. Unknown: only the check name is matched. */
  appId?: number;
  /** Concurrency of the default queue. */
  concurrency?: number;
}

const PULL_REQUEST_ACTIONS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/** Pages of open pull requests searched for a fork's head (100 each): the most recently updated 300. */
const MAX_OPEN_PR_PAGES = 3;

interface RepoRef {
  owner: { login: string };
  name: string;
  id: number;
}

/** The pull requests a check payload names (empty for PRs from forks: GitHub omits those). */
interface CheckPullRequest {
  number: number;
  base: { repo: { id: number } };
}

function jobFor(context: { id: string; payload: { installation?: { id: number } } }, repository: RepoRef, pullNumber: number, headSha: string, trigger: Trigger): ReviewJob | undefined {
  const installationId = context.payload.installation?.id;
  if (installationId === undefined) return undefined;
  return { installationId, owner: repository.owner.login, repo: repository.name, pullNumber, headSha, trigger, deliveryId: context.id };
}

/** Creates the app function with its queue and detectors injected. */
export function createApp(deps: AppDeps = {}): (app: Probot) => void {
  return (app: Probot) => {
    const registry = deps.registry ?? defaultRegistry;
    const queue =
      deps.queue ??
      new InProcessQueue({
        worker: createReviewWorker(app, { analyzer: deps.analyzer ?? createAnalyzer(registry), registry }),
        logger: app.log,
        ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
      });

    async function enqueue(context: Pick<Context, 'log'>, job: ReviewJob | undefined): Promise<void> {
      if (!job) {
        context.log.warn('event without installation ignored');
        return;
      }
      await queue.enqueue(job);
      context.log.info({ repo: `${job.owner}/${job.repo}`, pr: job.pullNumber, headSha: job.headSha, trigger: job.trigger }, 'review queued');
    }

    app.on([...PULL_REQUEST_ACTIONS], async (context) => {
      assertPayload('pull_request', context.payload);
      const { pull_request: pr, repository } = context.payload;
      await enqueue(context, jobFor(context, repository, pr.number, pr.head.sha, 'pull_request'));
    });

    app.on('issue_comment.created', async (context) => {
      assertPayload('issue_comment', context.payload);
      const { comment, issue, repository, sender } = context.payload;
      if (!issue.pull_request || !isReviewCommand(comment.body)) return;
      // Bots (this app included) never trigger reviews: no loops, no automated spending.
      if (sender.type === 'Bot' || comment.user?.type === 'Bot') return;
      if (deps.appId !== undefined && comment.performed_via_github_app?.id === deps.appId) return;
      const owner = repository.owner.login;
      const repo = repository.name;
      const login = comment.user?.login ?? sender.login;
      const { allowed, permission } = await mayRequestReview(context.octokit, owner, repo, login);
      if (!allowed) {
        context.log.info({ user: login, permission }, 'review command refused');
        return;
      }
      const { data: pr } = await context.octokit.rest.pulls.get({ owner, repo, pull_number: issue.number });
      try {
        await context.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'eyes' });
      } catch (error) {
        // The acknowledgement is a courtesy: the review still runs without it.
        context.log.warn({ err: error }, 'reaction failed');
      }
      await enqueue(context, jobFor(context, repository, issue.number, pr.head.sha, 'comment'));
    });

    app.on('check_run.rerequested', async (context) => {
      assertPayload('check_run', context.payload);
      const { check_run: run, repository } = context.payload;
      if (run.name !== CHECK_NAME) return;
      if (deps.appId !== undefined && run.app?.id !== deps.appId) return;
      await enqueueChecked(context, repository, run.pull_requests, run.head_sha);
    });

    app.on('check_suite.rerequested', async (context) => {
      assertPayload('check_suite', context.payload);
      const { check_suite: suite, repository } = context.payload;
      if (deps.appId !== undefined && suite.app?.id !== deps.appId) return;
      await enqueueChecked(context, repository, suite.pull_requests, suite.head_sha);
    });

    type CheckContext = Pick<Context, 'log' | 'id' | 'octokit'> & { payload: { installation?: { id: number } } };

    async function enqueueChecked(context: CheckContext, repository: RepoRef, prs: readonly CheckPullRequest[], headSha: string): Promise<void> {
      let numbers = prs.filter((pr) => pr.base.repo.id === repository.id).map((pr) => pr.number);
      // A pull request from a fork is not listed in the check's payload: find it among the open ones by its head.
      if (numbers.length === 0) numbers = await openPullRequestsAt(context, repository, headSha);
      if (numbers.length === 0) context.log.info({ headSha }, 'rerequested check belongs to no open pull request');
      for (const number of numbers) await enqueue(context, jobFor(context, repository, number, headSha, 'check_rerequested'));
    }

    /** Open pull requests of the repository whose head is `headSha`, most recently updated first (bounded pages). */
    async function openPullRequestsAt(context: CheckContext, repository: RepoRef, headSha: string): Promise<number[]> {
      const found: number[] = [];
      const params = { owner: repository.owner.login, repo: repository.name, state: 'open' as const, sort: 'updated' as const, direction: 'desc' as const, per_page: 100 };
      let pages = 0;
      for await (const { data } of context.octokit.paginate.iterator(context.octokit.rest.pulls.list, params)) {
        for (const pr of data) if (pr.head.sha === headSha) found.push(pr.number);
        if (found.length > 0 || ++pages >= MAX_OPEN_PR_PAGES) break;
      }
      return found;
    }
  };
}
