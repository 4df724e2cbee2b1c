/**
 * The whole app under test: the real Probot app, the real in-process queue and worker, the real
 * detectors and pipeline; only GitHub is faked (nock). `settle()` waits for queued reviews.
 */
import { registry } from '../../detectors/index.js';
import { createAnalyzer, type Analyzer } from '../../src/analysis/engine.js';
import { createApp } from '../../src/app.js';
import { createReviewWorker } from '../../src/github/review-worker.js';
import { InProcessQueue } from '../../src/queue/in-process.js';
import { APP_ID, createTestProbot, type TestProbot } from './probot.js';

export interface TestApp extends TestProbot {
  queue: InProcessQueue;
  /** Waits until every queued review has finished. */
  settle(): Promise<void>;
}

let shared: Analyzer | undefined;

/** One analyzer per test file, as in production (the Python grammar loads once). */
function analyzer(): Analyzer {
  shared ??= createAnalyzer(registry);
  return shared;
}

/** Loads the app with the production wiring into a fresh Probot. */
export async function createTestApp(): Promise<TestApp> {
  const test = createTestProbot();
  const queue = new InProcessQueue({ worker: createReviewWorker(test.probot, { analyzer: analyzer(), registry }), logger: test.probot.log, concurrency: 2 });
  await test.probot.load(createApp({ queue, registry, appId: APP_ID }));
  return { ...test, queue, settle: () => queue.drain() };
}
