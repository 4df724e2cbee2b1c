/**
 * nock interceptors for the GitHub calls of one review, with request bodies recorded so tests can
 * assert what was posted. Paths are compared decoded (Octokit encodes `/` in file paths as %2F).
 */
import nock from 'nock';
import { API, INSTALLATION_ID, mockInstallationToken } from './probot.js';
import { BASE_REF, BASE_SHA, HEAD_SHA, OWNER, PR_NUMBER, REPO } from './github-fixtures.js';

/** A request body as nock parsed it. */
export type Body = Record<string, unknown>;

export const CHECK_RUN_ID = 7001;
export const CONFIG_PATH = '.github/pr-reviewer.yml';

/** A `pulls.listFiles` entry. */
export interface FileEntry {
  filename: string;
  status?: string;
  patch?: string;
  previous_filename?: string;
  additions?: number;
  deletions?: number;
  changes?: number;
}

/** A review thread as a test describes it (first comment's body carries the markers). */
export interface ThreadNode {
  id: string;
  path: string;
  commentId: number;
  body: string;
  isResolved?: boolean;
  author?: { login: string; __typename: string };
  /** The thread's last comment (default: the first). */
  lastComment?: { body: string; author: { __typename: string } };
}

/** Matches a request path (decoded) and, when given, its exact query. */
function route(path: string, query?: Record<string, string>): (uri: string) => boolean {
  const matches = (uri: string): boolean => {
    const url = new URL(uri, API);
    if (decodeURIComponent(url.pathname) !== path) return false;
    if (!query) return true;
    const actual = Object.fromEntries(url.searchParams);
    return JSON.stringify(actual, Object.keys(actual).sort()) === JSON.stringify(query, Object.keys(query).sort());
  };
  // nock names pending interceptors by their path: show the route, not the function's source.
  const name = query ? `${path}?${new URLSearchParams(query).toString()}` : path;
  return Object.assign(matches, { toString: () => name });
}

/** Records bodies of one kind of write, and the write's place in `order`. */
function recorder(into: Body[], order: string[], label: string): (body: Body) => boolean {
  return (body) => {
    into.push(body);
    order.push(label);
    return true;
  };
}

const repoPath = `/repos/${OWNER}/${REPO}`;

/** The fake GitHub of one test: call the methods for the calls the test expects. */
export class GitHubApi {
  readonly scope = nock(API);
  readonly checkCreates: Body[] = [];
  readonly checkUpdates: Body[] = [];
  readonly reviews: Body[] = [];
  readonly commentCreates: Body[] = [];
  readonly commentUpdates: Body[] = [];
  readonly reactions: Body[] = [];
  readonly threadReplies: Body[] = [];
  readonly threadMutations: Body[] = [];
  /** The writes in the order GitHub received them (check.create, review, comment.create, ...). */
  readonly order: string[] = [];

  token(installationId = INSTALLATION_ID): this {
    mockInstallationToken(this.scope, installationId);
    return this;
  }

  pullRequest(fields: { headSha?: string; draft?: boolean; changedFiles?: number; baseRef?: string } = {}): this {
    this.scope.get(route(`${repoPath}/pulls/${PR_NUMBER}`)).reply(200, {
      number: PR_NUMBER,
      state: 'open',
      draft: fields.draft ?? false,
      changed_files: fields.changedFiles ?? 2,
      head: { ref: 'changes', sha: fields.headSha ?? HEAD_SHA },
      base: { ref: fields.baseRef ?? BASE_REF, sha: BASE_SHA },
    });
    return this;
  }

  /** `pulls.get` fails with `status`. */
  pullRequestFails(status = 500): this {
    this.scope.get(route(`${repoPath}/pulls/${PR_NUMBER}`)).reply(status, { message: 'Server Error' });
    return this;
  }

  /** `pulls.listFiles` fails with `status`. */
  filesFail(status = 500): this {
    this.scope.get(route(`${repoPath}/pulls/${PR_NUMBER}/files`, { per_page: '100' })).reply(status, { message: 'Server Error' });
    return this;
  }

  /** No config in the repository at the base ref; `text` in the owner's `.github` repository. */
  ownerConfig(text: string, baseRef = BASE_REF): this {
    this.scope.get(route(`${repoPath}/contents/${CONFIG_PATH}`, { ref: baseRef })).reply(404, { message: 'Not Found' });
    this.scope.get(route(`/repos/${OWNER}/.github/contents/${CONFIG_PATH}`, {})).reply(200, text, { 'content-type': 'text/plain; charset=utf-8' });
    return this;
  }

  /** No config in the repository (at the base ref) nor in the owner's `.github` repository. */
  noConfig(baseRef = BASE_REF): this {
    this.scope.get(route(`${repoPath}/contents/${CONFIG_PATH}`, { ref: baseRef })).reply(404, { message: 'Not Found' });
    this.scope.get(route(`/repos/${OWNER}/.github/contents/${CONFIG_PATH}`, {})).reply(404, { message: 'Not Found' });
    return this;
  }

  /** The repository's config file at the base ref. */
  config(text: string, baseRef = BASE_REF): this {
    this.scope.get(route(`${repoPath}/contents/${CONFIG_PATH}`, { ref: baseRef })).reply(200, text, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    return this;
  }

  /** One page of `pulls.listFiles`; `next` adds a Link header to page `next`. */
  files(entries: FileEntry[], page?: { page: number; last: number }): this {
    const query: Record<string, string> = { per_page: '100', ...(page && page.page > 1 ? { page: String(page.page) } : {}) };
    const headers: Record<string, string> = {};
    if (page && page.page < page.last) {
      const url = (n: number) => `${API}${repoPath}/pulls/${PR_NUMBER}/files?per_page=100&page=${n}`;
      headers.link = `<${url(page.page + 1)}>; rel="next", <${url(page.last)}>; rel="last"`;
    }
    const body = entries.map((e) => ({
      sha: 'f'.repeat(40),
      status: 'modified',
      additions: 0,
      deletions: 0,
      changes: 0,
      ...e,
    }));
    this.scope.get(route(`${repoPath}/pulls/${PR_NUMBER}/files`, query)).reply(200, body, headers);
    return this;
  }

  /** Raw contents of each file at `ref` (the head sha). */
  contents(files: Record<string, string>, ref = HEAD_SHA): this {
    for (const [path, text] of Object.entries(files)) {
      this.scope.get(route(`${repoPath}/contents/${path}`, { ref })).reply(200, text, { 'content-type': 'text/plain; charset=utf-8' });
    }
    return this;
  }

  /** The repository's tree at `sha` (`git.getTree`, recursive): these file paths, maybe truncated. */
  tree(paths: string[], options: { sha?: string; truncated?: boolean } = {}): this {
    const tree = paths.map((path) => ({ path, mode: '100644', type: 'blob', sha: 'e'.repeat(40), size: 1 }));
    this.scope
      .get(route(`${repoPath}/git/trees/${options.sha ?? HEAD_SHA}`, { recursive: 'true' }))
      .reply(200, { sha: options.sha ?? HEAD_SHA, tree, truncated: options.truncated ?? false });
    return this;
  }

  checkCreate(): this {
    this.scope.post(route(`${repoPath}/check-runs`), recorder(this.checkCreates, this.order, 'check.create')).reply(201, { id: CHECK_RUN_ID, status: 'in_progress' });
    return this;
  }

  /** `times` calls of `checks.update` on the created run. */
  checkUpdate(times = 1): this {
    this.scope.patch(route(`${repoPath}/check-runs/${CHECK_RUN_ID}`), recorder(this.checkUpdates, this.order, 'check.update')).times(times).reply(200, { id: CHECK_RUN_ID });
    return this;
  }

  /** The PR's existing review comments (one page). */
  reviewComments(comments: Body[] = []): this {
    this.scope.get(route(`${repoPath}/pulls/${PR_NUMBER}/comments`, { per_page: '100' })).reply(200, comments);
    return this;
  }

  /** `pulls.createReview`, answered with `status`. */
  createReview(status = 200, times = 1): this {
    const reply = status < 300 ? { id: 80, state: 'COMMENTED' } : { message: status === 422 ? 'Unprocessable Entity' : 'Server Error', errors: status === 422 ? ['Line could not be resolved'] : undefined };
    this.scope.post(route(`${repoPath}/pulls/${PR_NUMBER}/reviews`), recorder(this.reviews, this.order, 'review')).times(times).reply(status, reply);
    return this;
  }

  /** The PR's existing issue comments (one page). */
  issueComments(comments: Body[] = []): this {
    this.scope.get(route(`${repoPath}/issues/${PR_NUMBER}/comments`, { per_page: '100' })).reply(200, comments);
    return this;
  }

  createComment(): this {
    this.scope.post(route(`${repoPath}/issues/${PR_NUMBER}/comments`), recorder(this.commentCreates, this.order, 'comment.create')).reply(201, { id: 900 });
    return this;
  }

  updateComment(id: number): this {
    this.scope.patch(route(`${repoPath}/issues/comments/${id}`), recorder(this.commentUpdates, this.order, 'comment.update')).reply(200, { id });
    return this;
  }

  permission(login: string, permission: string, roleName = permission): this {
    this.scope
      .get(route(`${repoPath}/collaborators/${login}/permission`))
      .reply(200, { permission, role_name: roleName, user: { login, type: 'User' } });
    return this;
  }

  /** GraphQL: the PR's review threads, one page (the shape GitHub answers with). */
  reviewThreads(threads: ThreadNode[] = []): this {
    const nodes = threads.map((t) => ({
      id: t.id,
      isResolved: t.isResolved ?? false,
      path: t.path,
      comments: { nodes: [{ databaseId: t.commentId, body: t.body, author: t.author ?? { login: 'pr-reviewer', __typename: 'Bot' } }] },
      last: { nodes: [t.lastComment ?? { body: t.body, author: t.author ?? { __typename: 'Bot' } }] },
    }));
    this.scope
      .post('/graphql', (body: Body) => String(body.query).includes('reviewThreads'))
      .reply(200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } });
    return this;
  }

  /** GraphQL `resolveReviewThread` / `unresolveReviewThread`, `times` calls of `kind`. */
  threadMutation(kind: 'resolve' | 'unresolve', times = 1): this {
    const name = kind === 'resolve' ? 'resolveReviewThread' : 'unresolveReviewThread';
    const record = recorder(this.threadMutations, this.order, `thread.${kind}`);
    this.scope
      .post('/graphql', (body: Body) => new RegExp(`\\b${name}\\(`).test(String(body.query)) && record(body))
      .times(times)
      .reply(200, (_uri, body) => ({ data: { [name]: { thread: { id: (body as { variables: { id: string } }).variables.id, isResolved: kind === 'resolve' } } } }));
    return this;
  }

  /** A reply in the thread of review comment `commentId`. */
  threadReply(commentId: number): this {
    this.scope
      .post(route(`${repoPath}/pulls/${PR_NUMBER}/comments/${commentId}/replies`), recorder(this.threadReplies, this.order, 'thread.reply'))
      .reply(201, { id: commentId + 10_000 });
    return this;
  }

  reaction(commentId: number): this {
    this.scope.post(route(`${repoPath}/issues/comments/${commentId}/reactions`), recorder(this.reactions, this.order, 'reaction')).reply(201, { id: 1, content: 'eyes' });
    return this;
  }
}
