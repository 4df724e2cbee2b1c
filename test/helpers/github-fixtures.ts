/**
 * Webhook payloads for the app's tests, built from @octokit/webhooks-examples (real GitHub shapes)
 * with the fields a test cares about set: installation, PR number, head sha, author, body.
 */
import { createRequire } from 'node:module';
import { APP_ID, INSTALLATION_ID } from './probot.js';

const require = createRequire(import.meta.url);

interface ExampleDefinition {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const definitions = require('@octokit/webhooks-examples') as ExampleDefinition[];

export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const PR_NUMBER = 2;
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
export const BASE_REF = 'master';

/** A webhook payload (plain JSON). */
export type Payload = Record<string, unknown>;

/** The object at `path` (dot separated) inside `payload`; throws when it is not an object. */
export function objectAt(payload: Payload, path: string): Payload {
  let current: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) throw new Error(`no object at ${path}`);
    current = (current as Payload)[key];
  }
  if (typeof current !== 'object' || current === null) throw new Error(`no object at ${path}`);
  return current as Payload;
}

const INSTALLATION = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };

/** A deep copy of the first example of `name` with `action` (preferring one with an installation). */
function example(name: string, action: string, withInstallation = true): Payload {
  const definition = definitions.find((d) => d.name === name);
  const found =
    definition?.examples.find((e) => e.action === action && (!withInstallation || e.installation !== undefined)) ??
    definition?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

/** The repository every payload uses (Codertocat/Hello-World of the examples). */
function repository(): Payload {
  return objectAt(example('pull_request', 'opened'), 'repository');
}

export interface PullRequestFields {
  number?: number;
  headSha?: string;
  baseRef?: string;
  baseSha?: string;
  draft?: boolean;
  changedFiles?: number;
}

/** A `pull_request` event (opened, synchronize, reopened, ready_for_review). */
export function pullRequestEvent(action: string, fields: PullRequestFields = {}): Payload {
  const payload = example('pull_request', action);
  payload.installation = { ...INSTALLATION };
  payload.repository = repository();
  payload.number = fields.number ?? PR_NUMBER;
  const pr = objectAt(payload, 'pull_request');
  pr.number = payload.number;
  objectAt(pr, 'head').sha = fields.headSha ?? HEAD_SHA;
  objectAt(pr, 'base').ref = fields.baseRef ?? BASE_REF;
  objectAt(pr, 'base').sha = fields.baseSha ?? BASE_SHA;
  pr.draft = fields.draft ?? false;
  pr.changed_files = fields.changedFiles ?? 2;
  if (action === 'synchronize') payload.after = fields.headSha ?? HEAD_SHA;
  return payload;
}

export interface CommentFields {
  body?: string;
  login?: string;
  /** 'User' or 'Bot'. */
  userType?: string;
  onPullRequest?: boolean;
  commentId?: number;
}

/** An `issue_comment.created` event on PR #2 (the examples' comment is on an issue: made a PR here). */
export function issueCommentEvent(fields: CommentFields = {}): Payload {
  const payload = example('issue_comment', 'created');
  payload.installation = { ...INSTALLATION };
  payload.repository = repository();
  const issue = objectAt(payload, 'issue');
  issue.number = PR_NUMBER;
  if (fields.onPullRequest ?? true) {
    issue.pull_request = {
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}`,
      diff_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}.diff`,
      patch_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}.patch`,
    };
  }
  const comment = objectAt(payload, 'comment');
  comment.id = fields.commentId ?? 492700400;
  comment.body = fields.body ?? '/review';
  for (const user of [objectAt(comment, 'user'), objectAt(payload, 'sender')]) {
    user.login = fields.login ?? 'Codertocat';
    user.type = fields.userType ?? 'User';
  }
  return payload;
}

/** The `pull_requests` entry GitHub puts in check payloads for a PR of the same repository. */
function checkPullRequest(repo: Payload, headSha: string): Payload {
  const ref = { id: repo.id, url: repo.url, name: repo.name };
  return {
    url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`,
    id: 279147437,
    number: PR_NUMBER,
    head: { ref: 'changes', sha: headSha, repo: ref },
    base: { ref: BASE_REF, sha: BASE_SHA, repo: ref },
  };
}

/** A `check_run.rerequested` event for a check named `name` made by app `appId`. */
export function checkRunRerequestedEvent(fields: { name?: string; appId?: number; headSha?: string } = {}): Payload {
  const payload = example('check_run', 'rerequested');
  payload.installation = { ...INSTALLATION };
  payload.repository = repository();
  const headSha = fields.headSha ?? HEAD_SHA;
  const run = objectAt(payload, 'check_run');
  run.name = fields.name ?? 'pr-reviewer';
  run.head_sha = headSha;
  objectAt(run, 'app').id = fields.appId ?? APP_ID;
  run.pull_requests = [checkPullRequest(objectAt(payload, 'repository'), headSha)];
  return payload;
}

/** A `check_suite.rerequested` event of app `appId`. */
export function checkSuiteRerequestedEvent(fields: { appId?: number; headSha?: string } = {}): Payload {
  const payload = example('check_suite', 'rerequested');
  payload.installation = { ...INSTALLATION };
  payload.repository = repository();
  const headSha = fields.headSha ?? HEAD_SHA;
  const suite = objectAt(payload, 'check_suite');
  suite.head_sha = headSha;
  objectAt(suite, 'app').id = fields.appId ?? APP_ID;
  suite.pull_requests = [checkPullRequest(objectAt(payload, 'repository'), headSha)];
  return payload;
}
