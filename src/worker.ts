/**
 * `npm run worker`: a review worker process for the Redis queue (`REDIS_URL` required). Run any
 * number of them on any machines; each authenticates as the GitHub App (APP_ID, PRIVATE_KEY or
 * PRIVATE_KEY_PATH, GHE_HOST/GHE_PROTOCOL) and also runs the stale-check watchdog (one per interval).
 */
import { createProbot } from 'probot';
import { registry } from '../detectors/index.js';
import { createAnalyzer } from './analysis/engine.js';
import { createProductionOctokit } from './github/octokit.js';
import { createReviewWorker } from './github/review-worker.js';
import { DEFAULT_INTERVAL_MS, startWatchdog } from './github/watchdog.js';
import { appIdFromEnv } from './index.js';
import { createLogger } from './logger.js';
import { startBullMQWorker } from './queue/bullmq-worker.js';
import { connectRedis, QUEUE_NAME } from './queue/redis.js';
import { probotEnv, queueSettingsFromEnv } from './queue/settings.js';
import { exitOnSignal } from './shutdown.js';

const log = createLogger();
const settings = queueSettingsFromEnv();
if (!settings.redisUrl) {
  log.fatal('REDIS_URL is required: `npm run worker` consumes the Redis queue (without Redis, `npm start` reviews in-process)');
  process.exit(2);
}
const appId = appIdFromEnv();
const probot = createProbot({ env: probotEnv(), overrides: { log, Octokit: createProductionOctokit() } });
const connection = connectRedis(settings.redisUrl);
const handle = startBullMQWorker({
  connection,
  worker: createReviewWorker(probot, { analyzer: createAnalyzer(registry), registry }),
  logger: log,
  ...(settings.concurrency ? { concurrency: settings.concurrency } : {}),
  lockDurationMs: settings.lockDurationMs,
  stalledIntervalMs: settings.stalledIntervalMs,
});
// One sweep per interval across all workers: the first to take the lock does it.
const stopWatchdog =
  appId === undefined || process.env.WATCHDOG === 'off'
    ? () => undefined
    : startWatchdog({
        app: probot,
        appId,
        logger: log,
        acquire: async () => (await connection.set(`bull:${QUEUE_NAME}:watchdog`, String(process.pid), 'PX', DEFAULT_INTERVAL_MS, 'NX')) === 'OK',
      });
await handle.worker.waitUntilReady();
log.info({ pid: process.pid, concurrency: handle.worker.concurrency }, 'review worker ready');
exitOnSignal(log, async () => {
  stopWatchdog();
  await handle.close(settings.shutdownGraceMs);
  await connection.quit().catch(() => undefined);
});
