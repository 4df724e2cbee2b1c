/** Queue settings read from the environment, with their defaults (documented in docs/deployment.md). */

/** Tuning of the Redis queue and its workers. */
export interface QueueSettings {
  redisUrl: string | undefined;
  /** Reviews one process runs at once (worker processes; the in-process queue defaults to CPUs). */
  concurrency: number | undefined;
  attempts: number;
  backoffMs: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** How long SIGTERM waits for reviews in flight before handing them back. */
  shutdownGraceMs: number;
}

function positiveInt(value: string | undefined, fallback: number): number;
function positiveInt(value: string | undefined, fallback: undefined): number | undefined;
function positiveInt(value: string | undefined, fallback: number | undefined): number | undefined {
  const parsed = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** Reads `REDIS_URL`, `QUEUE_CONCURRENCY`, `QUEUE_ATTEMPTS`, `QUEUE_BACKOFF_MS`, `QUEUE_LOCK_MS`, `QUEUE_STALLED_INTERVAL_MS`, `SHUTDOWN_GRACE_MS`. */
export function queueSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  return {
    redisUrl: env.REDIS_URL || undefined,
    concurrency: positiveInt(env.QUEUE_CONCURRENCY, undefined),
    attempts: positiveInt(env.QUEUE_ATTEMPTS, 5),
    backoffMs: positiveInt(env.QUEUE_BACKOFF_MS, 5000),
    lockDurationMs: positiveInt(env.QUEUE_LOCK_MS, 30_000),
    stalledIntervalMs: positiveInt(env.QUEUE_STALLED_INTERVAL_MS, 30_000),
    shutdownGraceMs: positiveInt(env.SHUTDOWN_GRACE_MS, 25_000),
  };
}

/**
 * The environment Probot itself is given: `env` without `REDIS_URL`, which would make Probot cluster its
 * request throttling through Redis (Bottleneck); the queue uses Redis, the throttling stays per process.
 * A live view, not a copy: Probot loads `.env` into `process.env` after this is made.
 */
export function probotEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return new Proxy(env, {
    get: (target, key) => (key === 'REDIS_URL' ? undefined : Reflect.get(target, key)),
    has: (target, key) => key !== 'REDIS_URL' && Reflect.has(target, key),
    // Spreading (`{ ...env }`, as `createProbot` does) reads keys and descriptors, not `get`.
    ownKeys: (target) => Reflect.ownKeys(target).filter((key) => key !== 'REDIS_URL'),
    getOwnPropertyDescriptor: (target, key) => (key === 'REDIS_URL' ? undefined : Reflect.getOwnPropertyDescriptor(target, key)),
  });
}
