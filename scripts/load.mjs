// `npm run load`: signed webhook deliveries in bursts against the real app process and the fake GitHub
// on 127.0.0.1, first with the in-process queue, then with Redis and worker processes (when
// redis-server is installed). Duplicates (same delivery id), redeliveries, superseding pushes and
// reopenings are among them. Octokit's throttling is as in production, so a full run takes minutes.
//
//   npm run load                    200 deliveries over 50 PRs, both queues
//   npm run load -- --quick         40 deliveries over 10 PRs (what CI affords)
//   npm run load -- --queue redis   one queue only (in-process | redis | both)
//
// Builds dist/ first when it is missing. Exits 1 when an invariant fails (a check run left
// in_progress, a duplicate inline comment, not exactly one summary per PR, a final head never
// reviewed, a refused write, a non-2xx webhook answer, no drain in time). The last line is
// machine-readable; docs/operations.md records the figures.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineLine } from './lib/load-plan.mjs';
import { describeLoad, runLoad } from './lib/load-run.mjs';
import { hasRedisServer } from './lib/redis-process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    queue: { type: 'string', default: 'both' },
    deliveries: { type: 'string' },
    prs: { type: 'string' },
    installations: { type: 'string' },
    workers: { type: 'string', default: '2' },
    'timeout-seconds': { type: 'string' },
  },
});
const size = {
  deliveries: Number(values.deliveries ?? (values.quick ? 40 : 200)),
  prs: Number(values.prs ?? (values.quick ? 10 : 50)),
  installations: Number(values.installations ?? (values.quick ? 5 : 10)),
  workers: Number(values.workers),
  timeoutMs: Number(values['timeout-seconds'] ?? (values.quick ? 150 : 900)) * 1000,
};
if (!['in-process', 'redis', 'both'].includes(values.queue)) {
  process.stderr.write(`--queue must be in-process, redis or both (got ${values.queue})\n`);
  process.exit(2);
}

if (!existsSync(join(root, 'dist/src/server.js'))) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0 && !existsSync(join(root, 'dist/src/server.js'))) process.exit(2);
}

const modes = values.queue === 'both' ? ['in-process', 'redis'] : [values.queue];
const results = [];
for (const mode of modes) {
  if (mode === 'redis' && !hasRedisServer()) {
    process.stdout.write('\n*** SKIPPED the Redis run: redis-server is not installed (apt-get install redis-server) ***\n\n');
    continue;
  }
  process.stdout.write(`${mode}: ${size.deliveries} deliveries over ${size.prs} PRs…\n`);
  const result = await runLoad({ root, mode, ...size, say: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`${describeLoad(result)}\n`);
  for (const failure of result.failures) process.stdout.write(`  FAILED: ${failure}\n`);
  if (result.logTail) process.stdout.write(`  --- end of the app's log ---\n${result.logTail}\n`);
  process.stdout.write(`load(${mode}): ${machineLine(result).replace(/^load: /, '')}\n\n`);
  results.push(result);
}

if (results.length === 0) {
  process.stdout.write('load: no run (redis-server is not installed)\n');
  process.exit(2);
}

// The last line: every run together, each figure at its worst.
const all = {
  deliveries: results.reduce((n, r) => n + r.deliveries, 0),
  reviews: results.reduce((n, r) => n + r.reviews, 0),
  stuck: results.reduce((n, r) => n + r.stuck, 0),
  duplicates: results.reduce((n, r) => n + r.duplicates, 0),
  summaries: { min: Math.min(...results.map((r) => r.summaries.min)), max: Math.max(...results.map((r) => r.summaries.max)) },
  p99AckMs: Math.max(...results.map((r) => r.p99AckMs)),
  peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
};
const failed = results.some((r) => r.failures.length > 0);
process.stdout.write(`${machineLine(all)}\n`);
process.exit(failed ? 1 : 0);
