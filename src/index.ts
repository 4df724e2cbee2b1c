/**
 * The app function the server (`src/server.ts`, `npm start`) loads: one long-lived analyzer, the in-process
 * queue whose worker authenticates as each job's installation, and the app's webhook handlers.
 */
import type { Probot } from 'probot';
import { registry } from '../detectors/index.js';
import { createAnalyzer } from './analysis/engine.js';
import { createApp } from './app.js';
import { createReviewWorker } from './github/review-worker.js';
import { InProcessQueue } from './queue/in-process.js';

function appIdFromEnv(): number | undefined {
  const id = Number(process.env.APP_ID);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** The app function Probot loads. */
export default function prReviewer(app: Probot): void {
  if (process.env.REDIS_URL) {
    app.log.warn('REDIS_URL is set but the BullMQ queue is not available yet: using the in-process queue');
  }
  const analyzer = createAnalyzer(registry);
  const queue = new InProcessQueue({ worker: createReviewWorker(app, { analyzer, registry }), logger: app.log });
  const appId = appIdFromEnv();
  createApp({ queue, registry, analyzer, ...(appId ? { appId } : {}) })(app);
  // Reviews in flight finish (and complete their check runs) before the process exits.
  process.once('SIGTERM', () => {
    app.log.info({ pending: queue.size }, 'shutting down');
    void queue.close().finally(() => process.exit(0));
  });
}
