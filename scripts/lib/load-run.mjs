// The process half of `npm run load`: a git repository with one branch per PR, the fake GitHub on
// 127.0.0.1, the real app process (in-process queue, or Redis with worker processes), the planned
// bursts of signed deliveries, then a bounded wait for the queue to drain and the invariants.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { peakRssMb, pullRequestPayload, startAppProcess, startWorkerProcess } from '../../test/fake-github/app-process.mjs';
import { pullRequestFromGit, startFakeGitHub } from '../../test/fake-github/server.mjs';
import {
  checkRunOutcomes,
  duplicateInlineComments,
  invariantFailures,
  percentile,
  planDeliveries,
  summariesPerPr,
  unreviewedHeads,
} from './load-plan.mjs';
import { startRedisProcess } from './redis-process.mjs';

const OWNER = 'load-org';
const REPOS = 5;
const FIRST_INSTALLATION = 7000;
/** No call to the fake GitHub for this long, with every check completed: the queue has drained. */
const QUIET_MS = 5000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const GIT_ENV = { GIT_AUTHOR_NAME: 'Load', GIT_AUTHOR_EMAIL: 'load@example.com', GIT_COMMITTER_NAME: 'Load', GIT_COMMITTER_EMAIL: 'load@example.com', GIT_CONFIG_NOSYSTEM: '1' };

function git(dir, ...args) {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd: dir,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function write(dir, path, text) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** The source a PR's `version` adds: two findings, plus one more per later version (earlier ones shift down). */
export function flawedSource(version) {
  const header = Array.from({ length: version - 1 }, (_, k) => `// revision ${k + 2}\n`).join('');
  const extra = Array.from({ length: version - 1 }, (_, k) => `\nexport function run${k + 2}(code: string) {\n  return eval(code + '${k + 2}');\n}\n`).join('');
  return `${header}import { db } from '../db';

export async function find(term: string) {
  return db.query(\`SELECT * FROM items WHERE name = '\${term}'\`);
}

export function run(code: string) {
  return eval(code);
}
${extra}`;
}

/** One repository, a branch per PR, a commit per head version; returns `heads[pr][version - 1]`. */
function buildRepository(versions) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pr-reviewer-load-')));
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'README.md', '# service\n');
  write(dir, 'src/db.ts', 'export const db = { query: async (sql: string) => sql };\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const heads = versions.map((count, pr) => {
    git(dir, 'checkout', '-q', '-B', `pr-${pr}`, 'main');
    const list = [];
    for (let version = 1; version <= count; version += 1) {
      write(dir, `src/pr-${pr}/search.ts`, flawedSource(version));
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', `pr ${pr} v${version}`);
      list.push(pullRequestFromGit({ dir, base: 'main', head: 'HEAD', number: pr + 1, owner: OWNER, repo: `svc-${pr % REPOS}` }));
    }
    return list;
  });
  git(dir, 'checkout', '-q', 'main');
  return { dir, heads };
}

/** p50/p99 acknowledgement per kind of delivery (opened, supersede, duplicate, redelivery, reopen). */
function ackPercentilesByKind(acks) {
  const kinds = [...new Set(acks.map((a) => a.kind))];
  return Object.fromEntries(
    kinds.map((kind) => {
      const ms = acks.filter((a) => a.kind === kind).map((a) => a.ackMs);
      return [kind, { count: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99) }];
    }),
  );
}

/** True when every check run is completed and every final head has one. */
function settled(fake, finalHeads) {
  const runs = fake.state.checkRuns;
  return runs.every((r) => r.status === 'completed') && finalHeads.every(({ headSha }) => runs.some((r) => r.head_sha === headSha && r.status === 'completed'));
}

/** Polls until settled and quiet for `QUIET_MS`, or `timeoutMs` passes; resolves whether it drained. */
async function waitForDrain(fake, finalHeads, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const lastCall = fake.state.calls.at(-1)?.at ?? 0;
    if (settled(fake, finalHeads) && Date.now() - lastCall >= QUIET_MS) return true;
    await sleep(250);
  }
  return false;
}

/** Starts the queue's processes: the app, plus Redis and `workers` worker processes in `redis` mode. */
async function startProcesses({ root, mode, fake, cwd, workers }) {
  if (mode !== 'redis') {
    const app = await startAppProcess({ root, githubHost: fake.host, cwd });
    return { app, workers: [], redis: undefined };
  }
  const redis = await startRedisProcess();
  const app = await startAppProcess({ root, githubHost: fake.host, cwd, env: { REDIS_URL: redis.url } });
  const started = [];
  for (let i = 0; i < workers; i += 1) started.push(await startWorkerProcess({ root, githubHost: fake.host, redisUrl: redis.url, cwd, env: { LOG_LEVEL: 'info' } }));
  return { app, workers: started, redis };
}

/** Sends every planned burst; returns the acknowledgements (status, ms) in sending order. */
async function sendPlan({ plan, heads, fake, app, installations, gapMs, say }) {
  const acks = [];
  for (const [index, phase] of plan.phases.entries()) {
    const last = index === plan.phases.length - 1;
    // The redeliveries and reopenings come a little later, once reviews are under way.
    if (last) await sleep(2000);
    for (const burst of phase) {
      // A push is served by the fake GitHub before its webhook is sent, as on GitHub.
      for (const event of burst) if (event.kind === 'supersede') fake.addPullRequest(heads[event.pr][event.version - 1]);
      const sent = await Promise.all(
        burst.map((event) => app.deliver('pull_request', pullRequestPayload(heads[event.pr][event.version - 1], event.action, FIRST_INSTALLATION + (event.pr % installations)), event.id)),
      );
      acks.push(...sent.map((ack, i) => ({ ...ack, kind: burst[i].kind })));
      await sleep(gapMs);
    }
    say(`  phase ${index + 1}/${plan.phases.length}: ${phase.flat().length} deliveries sent`);
  }
  return acks;
}

/**
 * One load run against `mode` ('in-process' | 'redis'). Returns the measured figures and the list of
 * invariant failures (empty when the run held). `say` receives progress lines.
 */
export async function runLoad({ root, mode = 'in-process', deliveries = 200, prs = 50, installations = 10, burst = 25, gapMs = 100, workers = 2, timeoutMs = 15 * 60_000, say = () => undefined }) {
  const plan = planDeliveries({ deliveries, prs, burst });
  const { dir, heads } = buildRepository(plan.versions);
  const fake = await startFakeGitHub();
  let processes;
  try {
    for (const list of heads) fake.addPullRequest(list[0]);
    processes = await startProcesses({ root, mode, fake, cwd: dir, workers });
    const t0 = performance.now();
    const acks = await sendPlan({ plan, heads, fake, app: processes.app, installations, gapMs, say });
    say(`  all ${acks.length} deliveries answered in ${((performance.now() - t0) / 1000).toFixed(1)} s; waiting for the queue to drain (at most ${Math.round(timeoutMs / 1000)} s)`);
    const finalHeads = heads.map((list) => ({ key: `${list[0].owner}/${list[0].repo}#${list[0].number}`, headSha: list.at(-1).headSha }));
    const drained = await waitForDrain(fake, finalHeads, timeoutMs);
    const seconds = (performance.now() - t0) / 1000 - (drained ? QUIET_MS / 1000 : 0);
    const pids = [processes.app.child.pid, ...processes.workers.map((w) => w.child.pid)];
    const rss = pids.map((pid) => peakRssMb(pid) ?? 0);
    const outcomes = checkRunOutcomes(fake.state.checkRuns);
    const ackMs = acks.map((a) => a.ackMs);
    const result = {
      mode,
      deliveries: acks.length,
      prs,
      installations,
      mix: plan.mix,
      workers: mode === 'redis' ? workers : 0,
      reviews: outcomes.reviews,
      checkRuns: outcomes,
      stuck: outcomes.stuck,
      duplicates: duplicateInlineComments(fake.state.reviewComments).duplicates,
      summaries: summariesPerPr(fake.state.issueComments, finalHeads.map((h) => h.key)),
      unreviewed: unreviewedHeads(fake.state.checkRuns, finalHeads),
      rejected: fake.state.rejected.length,
      badAcks: acks.filter((a) => a.status < 200 || a.status >= 300).length,
      p50AckMs: percentile(ackMs, 50),
      p99AckMs: percentile(ackMs, 99),
      maxAckMs: Math.max(...ackMs),
      ackByKind: ackPercentilesByKind(acks),
      rssMb: rss,
      peakRssMb: Math.max(...rss),
      apiCalls: fake.state.calls.length,
      writes: fake.state.calls.filter((c) => c.method !== 'GET').length,
      seconds,
      drained,
    };
    result.failures = invariantFailures(result);
    if (result.failures.length > 0) {
      result.logTail = [processes.app.log(), ...processes.workers.map((w) => w.log())].map((l) => l.slice(-4000)).join('\n---\n');
    }
    return result;
  } finally {
    if (processes) {
      await processes.app.stop();
      for (const worker of processes.workers) await worker.stop();
      await processes.redis?.stop();
    }
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The human-readable report of one run (without the machine line). */
export function describeLoad(result) {
  const c = result.checkRuns;
  const queue = result.mode === 'redis' ? `Redis (BullMQ), 1 web process + ${result.workers} worker processes` : 'in-process queue, 1 process';
  return [
    `${queue}: ${result.deliveries} deliveries over ${result.prs} PRs and ${result.installations} installations`,
    `  mix: ${result.mix.opened} opened, ${result.mix.supersede} superseding pushes, ${result.mix.duplicate} duplicates (same id), ${result.mix.redeliver} redeliveries, ${result.mix.reopen} reopened`,
    `  webhook ack: p50 ${result.p50AckMs.toFixed(1)} ms, p99 ${result.p99AckMs.toFixed(1)} ms, max ${result.maxAckMs.toFixed(1)} ms; non-2xx: ${result.badAcks}`,
    `  ack by kind: ${Object.entries(result.ackByKind).map(([kind, a]) => `${kind} ×${a.count} p50 ${a.p50.toFixed(0)}/p99 ${a.p99.toFixed(0)} ms`).join('; ')}`,
    `  check runs: ${c.created} created, ${c.reviews} reviews completed (success/failure), ${c.superseded} superseded, ${c.neutral} other neutral, ${c.stuck} left in_progress`,
    `  inline comments duplicated: ${result.duplicates}; summary comments per PR: ${result.summaries.min}..${result.summaries.max}; final heads never reviewed: ${result.unreviewed.length}; writes refused: ${result.rejected}`,
    `  drained: ${result.drained ? 'yes' : 'NO'} after ${result.seconds.toFixed(1)} s (${result.apiCalls} API calls, ${result.writes} writes)`,
    `  peak RSS (VmHWM): ${result.rssMb.map((mb, i) => `${i === 0 ? 'web' : `worker ${i}`} ${mb} MB`).join(', ')}`,
  ].join('\n');
}
