/**
 * Graceful shutdown of the one-process deployment (`npm start`, in-process queue): SIGTERM in the middle
 * of a review lets the review finish, so its check run ends completed, then the process exits 0.
 */
import { fileURLToPath } from 'node:url';
import { pullRequestPayload, startAppProcess, waitFor, type AppProcess } from '../fake-github/app-process.mjs';
import { pullRequestFromGit, startFakeGitHub, type FakeGitHub } from '../fake-github/server.mjs';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

let fake: FakeGitHub;
let app: AppProcess;
let repo: TempRepo;

beforeAll(async () => {
  fake = await startFakeGitHub();
  repo = makeRepo();
  repo.write('README.md', '# service\n');
  repo.commitAll('base');
  repo.git('checkout', '-q', '-b', 'feature');
  app = await startAppProcess({ root, githubHost: fake.host, cwd: repo.dir, env: { SHUTDOWN_GRACE_MS: '20000', WATCHDOG: 'off' } });
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
  repo?.remove();
});

test('SIGTERM mid-review: the review finishes and its check run is completed before the process exits', async () => {
  repo.write('src/run.ts', 'export function run(code: string) {\n  return eval(code);\n}\n');
  repo.commitAll('change');
  const pr = pullRequestFromGit({ dir: repo.dir, base: 'main', head: 'HEAD', number: 1 });
  fake.addPullRequest(pr);
  expect((await app.deliver('pull_request', pullRequestPayload(pr), 'd-shutdown')).status).toBeLessThan(300);
  await waitFor(() => fake.checkRunsFor(pr.headSha).find((r) => r.status === 'in_progress'), 20_000, 'the check run in progress');
  const stoppedAt = Date.now();
  app.child.kill('SIGTERM');
  const code = await new Promise((resolve) => app.child.once('exit', (c) => resolve(c)));
  process.stdout.write(`in-process SIGTERM: exited ${Date.now() - stoppedAt} ms after the signal, review finished\n`);
  expect(code).toBe(0);
  expect(fake.checkRunsFor(pr.headSha)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
  expect(fake.state.rejected).toEqual([]);
}, 60_000);
