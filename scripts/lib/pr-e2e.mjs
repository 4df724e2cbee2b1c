// End to end through the real app process: a pull request of N files served by the fake GitHub on
// 127.0.0.1 with a fixed latency per API call, one signed `pull_request.opened` webhook, and the time
// until its check run is completed. Octokit's throttling and retries are as in production.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pullRequestPayload, startAppProcess, waitFor } from '../../test/fake-github/app-process.mjs';
import { pullRequestFromGit, startFakeGitHub } from '../../test/fake-github/server.mjs';
import { pythonCorpus, typescriptCorpus } from './corpus.mjs';

const OWNER = 'octo-org';
const REPO = 'octo-repo';

function git(dir, args) {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

/** A repository whose `head` commit adds `count` real source files (half TypeScript, half Python). */
function buildRepository(root, count) {
  const dir = mkdtempSync(join(tmpdir(), 'pr-reviewer-e2e-'));
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.email', 'bench@example.com']);
  git(dir, ['config', 'user.name', 'bench']);
  writeFileSync(join(dir, 'README.md'), '# service\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  const small = (p) => readFileSync(p, 'utf8').split('\n').length <= 400;
  const py = pythonCorpus().filter(small);
  const tsCount = py.length > 0 ? Math.ceil(count / 2) : count;
  const ts = typescriptCorpus(root).filter(small).slice(0, tsCount);
  const files = [...ts, ...py.slice(0, count - ts.length)];
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'app'), { recursive: true });
  files.forEach((file, i) => copyFileSync(file, join(dir, file.endsWith('.py') ? 'app' : 'src', `${i}-${basename(file)}`)));
  git(dir, ['checkout', '-q', '-b', 'feature']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `add ${files.length} files`]);
  return { dir, files };
}

/** Seconds the warm analyser takes over the PR's files (what the app spends outside GitHub I/O). */
async function engineSeconds(root, dir) {
  const dist = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);
  const { createAnalyzer } = await dist('src/analysis/engine.js');
  const { DEFAULT_CONFIG } = await dist('src/config/defaults.js');
  const { registry } = await dist('detectors/index.js');
  const analyzer = createAnalyzer(registry);
  const paths = git(dir, ['ls-files', 'src', 'app']).split('\n').filter(Boolean);
  const inputs = paths.map((p) => ({ path: p, text: readFileSync(join(dir, p), 'utf8') }));
  for (const input of inputs) await analyzer.analyzeFile(input, DEFAULT_CONFIG);
  const t0 = performance.now();
  for (const input of inputs) await analyzer.analyzeFile(input, DEFAULT_CONFIG);
  return (performance.now() - t0) / 1000;
}

/**
 * Starts the fake GitHub and the app, reviews a `files`-file PR `runs` times (a new head commit each
 * time, so each is a fresh review), and returns the median seconds from webhook to completed check.
 */
export async function benchPullRequest({ root, files = 100, latencyMs = 20, runs = 3 }) {
  const { dir, files: copied } = buildRepository(root, files);
  const fake = await startFakeGitHub({ latencyMs });
  let app;
  try {
    app = await startAppProcess({ root, githubHost: fake.host, cwd: dir });
    const samples = [];
    for (let i = 0; i <= runs; i += 1) {
      git(dir, ['commit', '-q', '--allow-empty', '-m', `push ${i}`]);
      const pr = pullRequestFromGit({ dir, base: 'main', head: 'HEAD', number: 100 + i, owner: OWNER, repo: REPO });
      fake.addPullRequest(pr);
      const callsBefore = fake.state.calls.length;
      const t0 = performance.now();
      const ack = await app.deliver('pull_request', pullRequestPayload(pr));
      if (ack.status >= 300) throw new Error(`webhook answered ${ack.status}: ${app.log()}`);
      const run = await waitFor(() => fake.checkRunsFor(pr.headSha).find((r) => r.status === 'completed'), 120_000, `the check run of ${pr.headSha}`);
      const seconds = (performance.now() - t0) / 1000;
      const calls = fake.state.calls.slice(callsBefore);
      // The first run warms the app (the compiler and the grammar load on first use).
      if (i > 0) samples.push({ seconds, calls, conclusion: run.conclusion, ackMs: ack.ackMs, t0: Date.now() - seconds * 1000 });
    }
    samples.sort((a, b) => a.seconds - b.seconds);
    const median = samples[Math.floor(samples.length / 2)];
    const byKind = {};
    for (const c of median.calls) {
      const kind = `${c.method} ${c.path.replace(/\/\d+/g, '/N').replace(/\/contents\/.*/, '/contents/…').replace(/^\/repos\/[^/]+\/[^/]+/, '')}`;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    const kinds = Object.entries(byKind)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    // Writes are where Octokit's throttling waits (about 1 s apart, 3 s for comments and reviews).
    const writes = median.calls
      .filter((c) => c.method !== 'GET')
      .map((c) => `${c.method} ${c.path.replace(/^\/repos\/[^/]+\/[^/]+/, '').replace(/\/\d+/g, '/N')} at +${((c.at - median.t0) / 1000).toFixed(2)} s`)
      .join(', ');
    const engine = await engineSeconds(root, dir);
    return {
      seconds: median.seconds,
      engineSeconds: engine,
      writes,
      calls: median.calls.length,
      description: [
        `${copied.length}-file PR, ${latencyMs} ms per API call: ${median.seconds.toFixed(2)} s from webhook to completed check (${median.conclusion}); webhook acknowledged in ${median.ackMs.toFixed(0)} ms`,
        `  analysis of the same files in one process (warm): ${engine.toFixed(2)} s`,
        `  ${median.calls.length} API calls: ${kinds}`,
        `  writes (spaced by Octokit's throttling as in production): ${writes}`,
      ].join('\n'),
    };
  } finally {
    await app?.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node scripts/lib/pr-e2e.mjs [files]` runs it alone.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = resolve(new URL('../..', import.meta.url).pathname);
  const result = await benchPullRequest({ root, files: Number(process.argv[2] ?? 100), runs: 1 });
  process.stdout.write(`${result.description}\n`);
}
