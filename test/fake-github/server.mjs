// A fake GitHub REST API on 127.0.0.1 for load, fault and end-to-end runs of the real app process
// (`GHE_HOST=127.0.0.1:PORT GHE_PROTOCOL=http`). It serves pull requests built from local git
// repositories and enforces the rules of GitHub's that matter to a review bot: inline comments only
// on lines inside a hunk, at most 50 annotations per check-run request, bodies of at most 65,535
// characters. It can add latency and inject failures (500s, 403 secondary rate limits). It also lists
// installations, their repositories and open pull requests, as the stale-check watchdog walks them.
//
// Plain JavaScript (ESM) so the benchmark and the load script use it without a build step; the jest
// tests import it the same way.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { parsePatchLines } from './patch-lines.mjs';

export const MAX_BODY_CHARS = 65_535;
export const MAX_ANNOTATIONS = 50;
const PER_PAGE_MAX = 100;
const MAX_LISTED_FILES = 3000;

function git(dir, args) {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/**
 * A pull request read from a local repository: `base` and `head` are refs or shas in `dir`.
 * Files, patches (3 lines of context, as GitHub), contents at both shas and the tree at head.
 */
export function pullRequestFromGit({ dir, base, head, number, owner = 'octo-org', repo = 'octo-repo', draft = false }) {
  const baseSha = git(dir, ['rev-parse', base]).trim();
  const headSha = git(dir, ['rev-parse', head]).trim();
  const files = [];
  const statusOf = { A: 'added', M: 'modified', D: 'removed', R: 'renamed', C: 'copied', T: 'changed' };
  const lines = git(dir, ['diff', '--name-status', '-M', `${baseSha}..${headSha}`]).split('\n').filter(Boolean);
  for (const line of lines) {
    const [code, first, second] = line.split('\t');
    const status = statusOf[code[0]] ?? 'modified';
    const filename = second ?? first;
    const raw = git(dir, ['diff', '-M', '--unified=3', `${baseSha}..${headSha}`, '--', ...(second ? [first, second] : [first])]);
    const at = raw.indexOf('\n@@');
    const binary = /^Binary files /m.test(raw);
    const patch = binary || at < 0 ? undefined : raw.slice(at + 1).replace(/\n$/, '');
    const added = patch ? patch.split('\n').filter((l) => l.startsWith('+')).length : 0;
    const deleted = patch ? patch.split('\n').filter((l) => l.startsWith('-')).length : 0;
    files.push({
      sha: headSha,
      filename,
      status,
      additions: added,
      deletions: deleted,
      changes: added + deleted,
      ...(second ? { previous_filename: first } : {}),
      ...(patch !== undefined ? { patch } : {}),
    });
  }
  const tree = git(dir, ['ls-tree', '-r', '--name-only', headSha]).split('\n').filter(Boolean);
  const read = (sha, path) => {
    try {
      return execFileSync('git', ['show', `${sha}:${path}`], { cwd: dir, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return null;
    }
  };
  return { owner, repo, number, draft, baseSha, headSha, baseRef: 'main', headRef: `pr-${number}`, files, tree, read };
}

function json(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

function unprocessable(res, message) {
  json(res, 422, { message: 'Validation Failed', errors: [message] });
}

/**
 * Starts the server on 127.0.0.1 (a free port). `latencyMs` delays every answer.
 * Returns its address, its recorded state and controls.
 */
export async function startFakeGitHub({ latencyMs = 0 } = {}) {
  /** key `owner/repo#number` → pull request */
  const pulls = new Map();
  const state = {
    calls: [],
    checkRuns: [],
    reviews: [],
    reviewComments: [],
    issueComments: [],
    reactions: [],
    rejected: [],
    threadEvents: [],
  };
  const faults = [];
  let nextId = 1000;
  let latency = latencyMs;

  /** Every version ever served, newest last: a superseded head's contents stay readable, as on GitHub. */
  const versions = [];
  /** Installation ids an access token was asked for (what `GET /app/installations` lists). */
  const installations = new Set();
  const find = (owner, repo, number) => pulls.get(`${owner}/${repo}#${number}`);
  const matches = (owner, repo, ref) => (p) =>
    p.owner === owner && p.repo === repo && (p.headSha === ref || p.baseSha === ref || p.baseRef === ref || p.headRef === ref);
  const byHead = (owner, repo, ref) => [...pulls.values()].find(matches(owner, repo, ref)) ?? versions.findLast(matches(owner, repo, ref));
  const repositories = () => [...new Map([...pulls.values()].map((p) => [`${p.owner}/${p.repo}`, p])).values()];

  function takeFault(method, path) {
    const fault = faults.find((f) => f.remaining > 0 && f.method === method && f.path.test(path));
    if (!fault) return null;
    fault.remaining -= 1;
    return fault;
  }

  function paginate(req, res, list) {
    const url = new URL(req.url, 'http://x');
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), PER_PAGE_MAX);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const slice = list.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(list.length / perPage));
    const headers = {};
    if (page < last) {
      const link = (p) => {
        url.searchParams.set('page', String(p));
        url.searchParams.set('per_page', String(perPage));
        return `<http://${req.headers.host}${url.pathname}?${url.searchParams}>`;
      };
      headers.link = `${link(page + 1)}; rel="next", ${link(last)}; rel="last"`;
    }
    json(res, 200, slice, headers);
  }

  function commentableLines(pr, path) {
    const file = pr.files.find((f) => f.filename === path);
    if (!file?.patch) return null;
    pr.commentable ??= new Map();
    if (!pr.commentable.has(path)) pr.commentable.set(path, parsePatchLines(file.patch).commentable);
    return pr.commentable.get(path);
  }

  /** The two GraphQL shapes a review bot uses: a PR's review threads, and (un)resolving one. */
  function graphql(res, body) {
    const query = String(body?.query ?? '');
    const vars = body?.variables ?? {};
    const mutation = /\b(un)?resolveReviewThread\(/.exec(query);
    if (mutation) {
      const root = state.reviewComments.find((c) => `T${c.id}` === vars.id);
      if (!root) return json(res, 200, { data: null, errors: [{ message: `no thread ${vars.id}` }] });
      root.resolved = !mutation[1];
      const name = mutation[1] ? 'unresolveReviewThread' : 'resolveReviewThread';
      state.threadEvents.push({ id: vars.id, resolved: root.resolved });
      return json(res, 200, { data: { [name]: { thread: { id: vars.id, isResolved: root.resolved } } } });
    }
    if (query.includes('reviewThreads')) {
      const key = `${vars.owner}/${vars.repo}#${vars.number}`;
      const roots = state.reviewComments.filter((c) => c.key === key && c.in_reply_to_id === undefined);
      const author = (c) => ({ login: c.user.login.replace(/\[bot\]$/, ''), __typename: c.user.type === 'Bot' ? 'Bot' : 'User' });
      const nodes = roots.map((c) => {
        const replies = state.reviewComments.filter((r) => r.in_reply_to_id === c.id);
        const last = replies.at(-1) ?? c;
        return {
          id: `T${c.id}`,
          isResolved: Boolean(c.resolved),
          path: c.path,
          comments: { nodes: [{ databaseId: c.id, body: c.body, author: author(c) }] },
          last: { nodes: [{ body: last.body, author: { __typename: author(last).__typename } }] },
        };
      });
      return json(res, 200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } });
    }
    return json(res, 200, { data: null, errors: [{ message: 'fake GitHub: unsupported GraphQL query' }] });
  }

  async function route(req, res) {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname === '/api/graphql' ? url.pathname : url.pathname.replace(/^\/api\/v3/, '');
    const method = req.method;
    const body = ['POST', 'PATCH', 'PUT'].includes(method) ? await readBody(req) : undefined;
    state.calls.push({ method, path, at: Date.now() });

    const fault = takeFault(method, path);
    if (fault) {
      if (fault.status === 403) {
        return json(res, 403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': String(fault.retryAfter ?? 1) });
      }
      return json(res, fault.status, { message: `injected ${fault.status}` });
    }

    let m;
    if (method === 'POST' && (m = path.match(/^\/app\/installations\/(\d+)\/access_tokens$/))) {
      installations.add(Number(m[1]));
      return json(res, 201, { token: `ghs_fake${m[1]}`, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {}, repository_selection: 'all' });
    }
    // What the stale-check watchdog walks: installations, their repositories, open pull requests.
    if (method === 'GET' && path === '/app/installations') {
      return paginate(req, res, [...installations].sort((a, b) => a - b).map((id) => ({ id, account: { login: 'octo-org' } })));
    }
    if (method === 'GET' && path === '/installation/repositories') {
      const list = repositories().map((p) => ({ name: p.repo, full_name: `${p.owner}/${p.repo}`, owner: { login: p.owner } }));
      return json(res, 200, { total_count: list.length, repositories: list });
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls$/))) {
      const open = [...pulls.values()].filter((p) => p.owner === m[1] && p.repo === m[2]).sort((a, b) => a.number - b.number);
      return paginate(req, res, open.map((p) => ({ number: p.number, state: 'open', draft: p.draft, head: { sha: p.headSha, ref: p.headRef }, base: { sha: p.baseSha, ref: p.baseRef } })));
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/))) {
      const pr = find(m[1], m[2], Number(m[3]));
      if (!pr) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, {
        number: pr.number,
        state: 'open',
        draft: pr.draft,
        changed_files: pr.files.length,
        head: { sha: pr.headSha, ref: pr.headRef, repo: { full_name: `${pr.owner}/${pr.repo}` } },
        base: { sha: pr.baseSha, ref: pr.baseRef, repo: { full_name: `${pr.owner}/${pr.repo}` } },
        user: { login: 'octocat', type: 'User' },
      });
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/))) {
      const pr = find(m[1], m[2], Number(m[3]));
      if (!pr) return json(res, 404, { message: 'Not Found' });
      return paginate(req, res, pr.files.slice(0, MAX_LISTED_FILES));
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/))) {
      const ref = url.searchParams.get('ref');
      const pr = byHead(m[1], m[2], ref ?? 'main');
      const sha = !pr ? null : ref === pr.baseRef || ref === pr.baseSha || ref === null ? pr.baseSha : pr.headSha;
      const content = pr ? pr.read(sha, decodeURIComponent(m[3])) : null;
      if (!content) return json(res, 404, { message: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/vnd.github.raw' });
      return res.end(content);
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/git\/trees\/([^/]+)$/))) {
      const pr = byHead(m[1], m[2], m[3]);
      if (!pr) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, { sha: m[3], truncated: false, tree: pr.tree.map((p) => ({ path: p, type: 'blob', mode: '100644' })) });
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/check-runs$/))) {
      const run = { id: (nextId += 1), owner: m[1], repo: m[2], ...body, updates: [] };
      if (Array.isArray(body?.output?.annotations) && body.output.annotations.length > MAX_ANNOTATIONS) {
        state.rejected.push({ method, path, reason: 'annotations' });
        return unprocessable(res, `at most ${MAX_ANNOTATIONS} annotations per request`);
      }
      state.checkRuns.push(run);
      return json(res, 201, { id: run.id, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion ?? null, name: run.name });
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/check-runs$/))) {
      // checks.listForRef: newest first, filtered by check_name and status as GitHub does.
      const query = new URL(req.url, 'http://x').searchParams;
      const runs = state.checkRuns
        .filter((r) => r.owner === m[1] && r.repo === m[2] && r.head_sha === m[3])
        .filter((r) => !query.get('check_name') || r.name === query.get('check_name'))
        .filter((r) => !query.get('status') || r.status === query.get('status'))
        .reverse()
        .map(({ updates: _updates, ...run }) => run);
      return json(res, 200, { total_count: runs.length, check_runs: runs });
    }
    if (method === 'PATCH' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/))) {
      const run = state.checkRuns.find((r) => r.id === Number(m[3]));
      if (!run) return json(res, 404, { message: 'Not Found' });
      const annotations = body?.output?.annotations ?? [];
      if (annotations.length > MAX_ANNOTATIONS) {
        state.rejected.push({ method, path, reason: 'annotations' });
        return unprocessable(res, `at most ${MAX_ANNOTATIONS} annotations per request`);
      }
      for (const field of ['summary', 'text']) {
        if ((body?.output?.[field]?.length ?? 0) > MAX_BODY_CHARS) {
          state.rejected.push({ method, path, reason: `output.${field}` });
          return unprocessable(res, `output.${field} is too long (maximum is ${MAX_BODY_CHARS} characters)`);
        }
      }
      run.updates.push(body);
      Object.assign(run, { ...body, output: { ...run.output, ...body?.output } });
      return json(res, 200, { id: run.id, status: run.status, conclusion: run.conclusion ?? null });
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/))) {
      const key = `${m[1]}/${m[2]}#${m[3]}`;
      return paginate(req, res, state.reviewComments.filter((c) => c.key === key));
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/))) {
      const pr = find(m[1], m[2], Number(m[3]));
      if (!pr) return json(res, 404, { message: 'Not Found' });
      if ((body?.body?.length ?? 0) > MAX_BODY_CHARS) return unprocessable(res, 'body is too long');
      for (const comment of body?.comments ?? []) {
        const lines = commentableLines(pr, comment.path);
        const wanted = [comment.line, comment.start_line].filter((l) => l !== undefined);
        if (!lines || wanted.some((l) => !lines.has(l)) || (comment.side && comment.side !== 'RIGHT')) {
          state.rejected.push({ method, path, reason: `line ${comment.line} of ${comment.path} is not in the diff` });
          return unprocessable(res, 'Pull request review thread line must be part of the diff');
        }
        if ((comment.body?.length ?? 0) > MAX_BODY_CHARS) return unprocessable(res, 'comment body is too long');
      }
      const review = { id: (nextId += 1), key: `${m[1]}/${m[2]}#${m[3]}`, commit_id: body?.commit_id, event: body?.event, body: body?.body };
      state.reviews.push(review);
      for (const comment of body?.comments ?? []) {
        state.reviewComments.push({ id: (nextId += 1), key: review.key, pull_request_review_id: review.id, path: comment.path, line: comment.line, body: comment.body, user: { login: 'pr-reviewer[bot]', type: 'Bot' } });
      }
      return json(res, 200, { id: review.id, state: 'COMMENTED' });
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/))) {
      const key = `${m[1]}/${m[2]}#${m[3]}`;
      return paginate(req, res, state.issueComments.filter((c) => c.key === key));
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/))) {
      if ((body?.body?.length ?? 0) > MAX_BODY_CHARS) return unprocessable(res, 'body is too long');
      const comment = { id: (nextId += 1), key: `${m[1]}/${m[2]}#${m[3]}`, body: body?.body, user: { login: 'pr-reviewer[bot]', type: 'Bot' }, edits: 0 };
      state.issueComments.push(comment);
      return json(res, 201, comment);
    }
    if (method === 'PATCH' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/))) {
      const comment = state.issueComments.find((c) => c.id === Number(m[3]));
      if (!comment) return json(res, 404, { message: 'Not Found' });
      if ((body?.body?.length ?? 0) > MAX_BODY_CHARS) return unprocessable(res, 'body is too long');
      comment.body = body?.body;
      comment.edits += 1;
      return json(res, 200, comment);
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)\/reactions$/))) {
      state.reactions.push({ commentId: Number(m[3]), content: body?.content });
      return json(res, 201, { id: (nextId += 1), content: body?.content });
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/collaborators\/([^/]+)\/permission$/))) {
      return json(res, 200, { permission: 'write', role_name: 'write', user: { login: m[3] } });
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments\/(\d+)\/replies$/))) {
      const parent = state.reviewComments.find((c) => c.id === Number(m[4]));
      if (!parent) return json(res, 404, { message: 'Not Found' });
      const reply = { id: (nextId += 1), key: parent.key, path: parent.path, line: parent.line, body: body?.body, in_reply_to_id: parent.id, user: { login: 'pr-reviewer[bot]', type: 'Bot' } };
      state.reviewComments.push(reply);
      return json(res, 201, reply);
    }
    if (method === 'POST' && url.pathname === '/api/graphql') return graphql(res, body);
    json(res, 404, { message: `Not Found (fake GitHub has no route for ${method} ${path})` });
  }

  const server = createServer((req, res) => {
    const go = () =>
      route(req, res).catch((error) => {
        if (!res.headersSent) json(res, 500, { message: String(error?.message ?? error) });
      });
    if (latency > 0) setTimeout(go, latency);
    else void go();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    port,
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    state,
    /** Serves `pr` (from `pullRequestFromGit`); a newer head of the same PR replaces it, older heads stay readable. */
    addPullRequest(pr) {
      pulls.set(`${pr.owner}/${pr.repo}#${pr.number}`, pr);
      versions.push(pr);
    },
    /** The next `times` requests matching `method` and `path` fail with `status`. */
    injectFault({ method, path, status, times = 1, retryAfter }) {
      faults.push({ method, path, status, remaining: times, retryAfter });
    },
    setLatency(ms) {
      latency = ms;
    },
    /** Check runs of one head sha. */
    checkRunsFor(headSha) {
      return state.checkRuns.filter((r) => r.head_sha === headSha);
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
