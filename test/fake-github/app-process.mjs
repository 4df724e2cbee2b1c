// The real app as a child process (`node dist/src/server.js`) pointed at a fake GitHub, and signed
// webhook deliveries to it. Used by the end-to-end tests, `npm run bench` and load runs.
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
export const INSTALLATION_ID = 4242;
const SECRET = 'fake-webhook-secret';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A new RSA key in the PEM form an app's private key has (no real app holds it). */
function throwawayKey() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}

/** Stops `child`: SIGTERM, then SIGKILL after `graceMs`; a process already gone returns at once. */
async function stopProcess(child, graceMs) {
  // A process killed by a signal has no exit code: `signalCode` says it is gone.
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer;
  await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Polls `predicate` every 10 ms until it returns a truthy value, or throws after `timeoutMs`. */
export async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = predicate();
    if (value) return value;
    await sleep(10);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * Starts `dist/src/server.js` of `root` with a throwaway app key, talking to the fake GitHub at
 * `githubHost` over http. Resolves once `/ping` answers.
 */
export async function startAppProcess({ root, githubHost, cwd = root, env = {}, startTimeoutMs = 20_000 }) {
  const port = await freePort();
  const privateKey = throwawayKey();
  const child = spawn(process.execPath, [join(root, 'dist/src/server.js')], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: '1',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: githubHost,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NO_SMEE_SETUP: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-50_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/ping`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}): ${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not answer /ping within ${startTimeoutMs} ms: ${log}`);
    }
    await sleep(50);
  }

  return {
    url,
    child,
    log: () => log,
    /** Posts a signed delivery; resolves with the status and how long the app took to answer. */
    async deliver(event, payload, id = `delivery-${Date.now()}-${Math.random().toString(16).slice(2)}`, { signature } = {}) {
      const body = JSON.stringify(payload);
      const signed = signature ?? `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      const t0 = performance.now();
      const res = await fetch(`${url}/api/github/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': signed },
        body,
      });
      await res.text();
      return { status: res.status, ackMs: performance.now() - t0 };
    },
    /** SIGTERM, then SIGKILL after `graceMs`. */
    stop: (graceMs = 5000) => stopProcess(child, graceMs),
  };
}

/** The peak resident set size of process `pid` in MB (`VmHWM` of /proc), or undefined where unreadable. */
export function peakRssMb(pid) {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Math.round(Number(kb[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts `dist/src/worker.js` of `root` (a consumer of the Redis queue at `redisUrl`) against the fake
 * GitHub at `githubHost`. Resolves once it logs that it is ready.
 */
export async function startWorkerProcess({ root, githubHost, redisUrl, cwd = root, env = {}, startTimeoutMs = 20_000 }) {
  const privateKey = throwawayKey();
  const child = spawn(process.execPath, [join(root, 'dist/src/worker.js')], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: '1',
      PRIVATE_KEY: privateKey,
      GHE_HOST: githubHost,
      GHE_PROTOCOL: 'http',
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let ready = false;
  const keep = (chunk) => {
    const text = String(chunk);
    if (text.includes('review worker ready')) ready = true;
    log = (log + text).slice(-50_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = Date.now() + startTimeoutMs;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}): ${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the worker was not ready within ${startTimeoutMs} ms: ${log}`);
    }
    await sleep(50);
  }
  return {
    child,
    log: () => log,
    /** SIGTERM, then SIGKILL after `graceMs`. */
    stop: (graceMs = 5000) => stopProcess(child, graceMs),
  };
}

/** A `pull_request` webhook payload (from @octokit/webhooks-examples) for `pr` of the fake GitHub, from `installationId`. */
export function pullRequestPayload(pr, action = 'opened', installationId = INSTALLATION_ID) {
  const definitions = require('@octokit/webhooks-examples');
  const examples = definitions.find((d) => d.name === 'pull_request').examples;
  const example = structuredClone(examples.find((e) => e.action === action) ?? examples.find((e) => e.action === 'opened'));
  example.action = action;
  example.installation = { id: installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  example.number = pr.number;
  Object.assign(example.repository, { name: pr.repo, full_name: `${pr.owner}/${pr.repo}` });
  example.repository.owner.login = pr.owner;
  Object.assign(example.pull_request, { number: pr.number, draft: pr.draft, state: 'open' });
  Object.assign(example.pull_request.head, { sha: pr.headSha, ref: pr.headRef });
  Object.assign(example.pull_request.base, { sha: pr.baseSha, ref: pr.baseRef });
  return example;
}
