/**
 * The fake GitHub refuses what GitHub refuses; otherwise the end-to-end tests' "nothing rejected"
 * would prove nothing.
 */
import { pullRequestFromGit, startFakeGitHub, type FakeGitHub } from '../fake-github/server.mjs';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

let fake: FakeGitHub;
let repo: TempRepo;

beforeAll(async () => {
  fake = await startFakeGitHub();
  repo = makeRepo();
  repo.write('a.ts', Array.from({ length: 30 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n');
  repo.commitAll('base');
  repo.write('a.ts', repo.git('show', 'HEAD:a.ts').replace('export const v20 = 20;', 'export const v20 = 21;'));
  for (let i = 0; i < 120; i += 1) repo.write(`many/f${i}.ts`, `export const x = ${i};\n`);
  repo.commitAll('head');
  fake.addPullRequest(pullRequestFromGit({ dir: repo.dir, base: 'HEAD~1', head: 'HEAD', number: 7, owner: 'o', repo: 'r' }));
});

afterAll(async () => {
  await fake.close();
  repo.remove();
});

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${fake.url}/api/v3${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
}

test('a review comment inside a hunk is accepted; one outside every hunk is refused with 422', async () => {
  // The hunk of a.ts covers lines 18-23 (line 21 changed, three lines of context each side).
  const inside = await call('POST', '/repos/o/r/pulls/7/reviews', { event: 'COMMENT', comments: [{ path: 'a.ts', line: 18, side: 'RIGHT', body: 'ok' }] });
  expect(inside.status).toBe(200);
  const outside = await call('POST', '/repos/o/r/pulls/7/reviews', { event: 'COMMENT', comments: [{ path: 'a.ts', line: 5, side: 'RIGHT', body: 'no' }] });
  expect(outside.status).toBe(422);
  expect(fake.state.rejected.at(-1)?.reason).toMatch(/line 5 of a.ts/);
});

test('more than 50 annotations, or an output over 65,535 characters, is refused', async () => {
  const created = (await (await call('POST', '/repos/o/r/check-runs', { name: 'x', head_sha: 'abc', status: 'in_progress' })).json()) as { id: number };
  const annotation = { path: 'a.ts', start_line: 21, end_line: 21, annotation_level: 'warning', message: 'm' };
  const ok = await call('PATCH', `/repos/o/r/check-runs/${created.id}`, { output: { title: 't', summary: 's', annotations: Array(50).fill(annotation) } });
  expect(ok.status).toBe(200);
  const tooMany = await call('PATCH', `/repos/o/r/check-runs/${created.id}`, { output: { title: 't', summary: 's', annotations: Array(51).fill(annotation) } });
  expect(tooMany.status).toBe(422);
  const tooLong = await call('PATCH', `/repos/o/r/check-runs/${created.id}`, { output: { title: 't', summary: 'x'.repeat(65_536) } });
  expect(tooLong.status).toBe(422);
});

test('the files of a PR are paged with a Link header, as GitHub does', async () => {
  const first = await call('GET', '/repos/o/r/pulls/7/files?per_page=100');
  expect(((await first.json()) as unknown[]).length).toBe(100);
  expect(first.headers.get('link')).toMatch(/page=2.*rel="next"/);
  const second = await call('GET', '/repos/o/r/pulls/7/files?per_page=100&page=2');
  expect(((await second.json()) as unknown[]).length).toBe(21);
  expect(second.headers.get('link')).toBeNull();
});

test('an injected secondary rate limit answers 403 with retry-after, once', async () => {
  fake.injectFault({ method: 'GET', path: /\/pulls\/7$/, status: 403, retryAfter: 2 });
  const limited = await call('GET', '/repos/o/r/pulls/7');
  expect(limited.status).toBe(403);
  expect(limited.headers.get('retry-after')).toBe('2');
  expect((await call('GET', '/repos/o/r/pulls/7')).status).toBe(200);
});
