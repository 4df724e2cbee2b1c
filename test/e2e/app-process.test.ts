/**
 * The real app process (`node dist/src/server.js`) against the fake GitHub on 127.0.0.1: signed
 * deliveries in, the requests GitHub would see out. The fake refuses what GitHub refuses (comments
 * off the diff, more than 50 annotations, bodies over 65,535 characters), so a pass here means GitHub
 * would accept every write. Octokit's throttling is as in production, so each review takes seconds.
 */
import { fileURLToPath } from 'node:url';
import { pullRequestPayload, startAppProcess, waitFor, type AppProcess } from '../fake-github/app-process.mjs';
import { pullRequestFromGit, startFakeGitHub, type FakeGitHub, type FakePullRequest } from '../fake-github/server.mjs';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REVIEW_MS = 60_000;

const FLAWED = `import { db } from './db';

export async function find(term: string) {
  return db.query(\`SELECT * FROM items WHERE name = '\${term}'\`);
}

export function run(code: string) {
  return eval(code);
}
`;

let fake: FakeGitHub;
let app: AppProcess;
let repo: TempRepo;

beforeAll(async () => {
  fake = await startFakeGitHub();
  repo = makeRepo();
  repo.write('README.md', '# service\n');
  repo.write('src/db.ts', 'export const db = { query: async (sql: string) => sql };\n');
  repo.commitAll('base');
  repo.git('checkout', '-q', '-b', 'feature');
  app = await startAppProcess({ root, githubHost: fake.host, cwd: repo.dir });
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
  repo?.remove();
});

function push(files: Record<string, string>, number: number): FakePullRequest {
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.commitAll(`change ${number}`);
  const pr = pullRequestFromGit({ dir: repo.dir, base: 'main', head: 'HEAD', number });
  fake.addPullRequest(pr);
  return pr;
}

function completedRun(pr: FakePullRequest) {
  return waitFor(() => fake.checkRunsFor(pr.headSha).find((r) => r.status === 'completed'), REVIEW_MS, `the check of ${pr.headSha}`);
}

const commentsOf = (pr: FakePullRequest) =>
  fake.state.reviewComments.filter((c) => c.key === `${pr.owner}/${pr.repo}#${pr.number}` && c.in_reply_to_id === undefined);
const summariesOf = (pr: FakePullRequest) => fake.state.issueComments.filter((c) => c.key === `${pr.owner}/${pr.repo}#${pr.number}`);

test(
  'opened, redelivered, then pushed with shifted lines: one review per finding, one summary edited in place',
  async () => {
    const pr = push({ 'src/search.ts': FLAWED }, 1);
    const ack = await app.deliver('pull_request', pullRequestPayload(pr), 'delivery-1');
    expect(ack.status).toBeLessThan(300);
    expect(ack.ackMs).toBeLessThan(2000);

    const run = await completedRun(pr);
    expect(run.conclusion).toBe('failure');
    expect(fake.state.rejected).toEqual([]);
    const comments = commentsOf(pr);
    expect(comments.map((c) => [c.path, c.line]).sort()).toEqual([
      ['src/search.ts', 4],
      ['src/search.ts', 8],
    ]);
    expect(summariesOf(pr)).toHaveLength(1);

    // The same delivery again: processed once, nothing new is written.
    const writesBefore = fake.state.calls.filter((c) => c.method !== 'GET').length;
    expect((await app.deliver('pull_request', pullRequestPayload(pr), 'delivery-1')).status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.state.calls.filter((c) => c.method !== 'GET').length).toBe(writesBefore);

    // A push that only shifts the flagged lines down: no new inline comment, the summary is edited.
    const shifted = push({ 'src/search.ts': `// search over items\n\n${FLAWED}` }, 1);
    expect((await app.deliver('pull_request', pullRequestPayload(shifted, 'synchronize'), 'delivery-2')).status).toBeLessThan(300);
    await completedRun(shifted);
    expect(fake.state.rejected).toEqual([]);
    expect(commentsOf(pr)).toHaveLength(2);
    const summaries = summariesOf(pr);
    expect(summaries).toHaveLength(1);
    expect(summaries[0].edits).toBe(1);
  },
  REVIEW_MS * 2,
);

test(
  'the review endpoint answers 500 once: retried, posted exactly once, and the check completes',
  async () => {
    const pr = push({ 'src/run.ts': 'export function run(code: string) {\n  return eval(code);\n}\n' }, 2);
    fake.injectFault({ method: 'POST', path: /\/pulls\/2\/reviews$/, status: 500, times: 1 });
    expect((await app.deliver('pull_request', pullRequestPayload(pr))).status).toBeLessThan(300);
    const run = await completedRun(pr);
    expect(run.conclusion).toBe('failure');
    expect(fake.state.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/pulls/2/reviews'))).toHaveLength(2);
    // The branch still carries src/search.ts from the first PR: its findings are commented here too, once.
    const placed = commentsOf(pr).map((c) => `${c.path}:${c.line}`);
    expect(placed.sort()).toEqual(['src/run.ts:2', 'src/search.ts:10', 'src/search.ts:6']);
    expect(summariesOf(pr)).toHaveLength(1);
  },
  REVIEW_MS,
);

test(
  'a push that fixes a finding: its thread gets a reply and is resolved, and reopens when the finding comes back',
  async () => {
    const flawed = 'export function total(expr: string) {\n  return eval(expr);\n}\n';
    const pr = push({ 'src/total.ts': flawed }, 4);
    await app.deliver('pull_request', pullRequestPayload(pr));
    await completedRun(pr);
    const comment = commentsOf(pr).find((c) => c.path === 'src/total.ts');
    expect(comment?.line).toBe(2);

    const fixed = push({ 'src/total.ts': 'export function total(expr: string) {\n  return Number(expr);\n}\n' }, 4);
    await app.deliver('pull_request', pullRequestPayload(fixed, 'synchronize'));
    await completedRun(fixed);
    expect(fake.state.threadEvents).toContainEqual({ id: `T${comment?.id}`, resolved: true });
    const replies = fake.state.reviewComments.filter((c) => c.in_reply_to_id === comment?.id);
    expect(replies).toHaveLength(1);
    expect(replies[0].body).toContain(fixed.headSha.slice(0, 7));

    const back = push({ 'src/total.ts': flawed }, 4);
    await app.deliver('pull_request', pullRequestPayload(back, 'synchronize'));
    await completedRun(back);
    expect(fake.state.threadEvents.filter((e) => e.id === `T${comment?.id}`)).toEqual([
      { id: `T${comment?.id}`, resolved: true },
      { id: `T${comment?.id}`, resolved: false },
    ]);
    expect(commentsOf(pr).filter((c) => c.path === 'src/total.ts')).toHaveLength(1);
    expect(fake.state.rejected).toEqual([]);
  },
  REVIEW_MS * 3,
);

test('a delivery with a bad signature gets a 4xx and causes no GitHub call', async () => {
  const pr = push({ 'src/other.ts': 'export const x = eval("1");\n' }, 3);
  const callsBefore = fake.state.calls.length;
  const { status } = await app.deliver('pull_request', pullRequestPayload(pr), 'delivery-bad', { signature: 'sha256=00' });
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  await new Promise((r) => setTimeout(r, 500));
  expect(fake.state.calls.length).toBe(callsBefore);
});
