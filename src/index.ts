/**
 * The app function the server (`src/server.ts`, `npm start`) loads. Without `REDIS_URL`: one
 * long-lived analyzer and the in-process queue whose worker authenticates as each job's installation.
 * With `REDIS_URL`: the web process only enqueues into Redis; `npm run worker` processes review.
 */
import type { Probot } from 'probot';
import { registry } from '../detectors/index.js';
import { createAnalyzer } from './analysis/engine.js';
import { createApp } from './app.js';
import { createReviewWorker } from './github/review-worker.js';
import { completeSuperseded } from './github/superseded.js';
import { startWatchdog } from './github/watchdog.js';
import { BullMQQueue } from './queue/bullmq.js';
import { InProcessQueue } from './queue/in-process.js';
import { connectRedis } from './queue/redis.js';
import { queueSettingsFromEnv } from './queue/settings.js';
import type { ReviewQueue } from './queue/types.js';
import { exitOnSignal } from './shutdown.js';

/** This app's id from `APP_ID`, when it is one. */
export function appIdFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const id = Number(env.APP_ID);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** The app function Probot loads. */
export default function prReviewer(app: Probot): void {
  const settings = queueSettingsFromEnv();
  const appId = appIdFromEnv();
  const onSuperseded = completeSuperseded(app);
  let queue: ReviewQueue;
  let stopWatchdog = (): void => undefined;
  if (settings.redisUrl) {
    queue = new BullMQQueue({ connection: connectRedis(settings.redisUrl), ownsConnection: true, logger: app.log, attempts: settings.attempts, backoffMs: settings.backoffMs, onSuperseded });
    app.log.info('REDIS_URL is set: reviews are queued in Redis for `npm run worker` processes');
  } else {
    const analyzer = createAnalyzer(registry);
    const worker = createReviewWorker(app, { analyzer, registry });
    queue = new InProcessQueue({ worker, logger: app.log, onSuperseded, ...(settings.concurrency ? { concurrency: settings.concurrency } : {}) });
    // Workers run the watchdog when there are any; here the web process is also the worker.
    if (appId !== undefined && process.env.WATCHDOG !== 'off') stopWatchdog = startWatchdog({ app, appId, logger: app.log });
  }
  createApp({ queue, registry, ...(appId ? { appId } : {}) })(app);
  exitOnSignal(app.log, async () => {
    stopWatchdog();
    await queue.close(settings.shutdownGraceMs);
  });
}
