/** Redis connections for the BullMQ queue and its workers. */
import { Redis } from 'ioredis';

/** The BullMQ queue's name; web and worker processes must agree on it. */
export const QUEUE_NAME = 'pr-reviewer-reviews';

/**
 * A connection to `url`. BullMQ needs `maxRetriesPerRequest: null` so a blocked worker waits through
 * a Redis restart instead of failing its commands; reconnects back off up to 2 s.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * 2 ** times, 2000),
  });
}

export type { Redis };
