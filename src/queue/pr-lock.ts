/**
 * One review per pull request at a time across every worker: a Redis key per PR holding the running
 * job's id, with a time-to-live renewed while it runs (a dead worker's lock expires with it). The job
 * that holds it may take it again, so a stalled job retried elsewhere is not locked out by itself.
 */
import type { Redis } from './redis.js';

const ACQUIRE = `local v = redis.call('get', KEYS[1])
if v == false or v == ARGV[1] then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/** The lock of one pull request, held by one job. */
export interface PullRequestLock {
  /** True when the lock is now held by this job (free, expired, or already this job's). */
  acquire(): Promise<boolean>;
  /** Extends the time-to-live while this job holds the lock. */
  renew(): Promise<void>;
  /** Frees the lock if this job holds it. */
  release(): Promise<void>;
}

/** The lock at `key` for the job `holder`, expiring `ttlMs` after its last renewal. */
export function pullRequestLock(redis: Redis, key: string, holder: string, ttlMs: number): PullRequestLock {
  return {
    acquire: async () => (await redis.eval(ACQUIRE, 1, key, holder, String(ttlMs))) === 1,
    renew: async () => {
      await redis.eval(RENEW, 1, key, holder, String(ttlMs));
    },
    release: async () => {
      await redis.eval(RELEASE, 1, key, holder);
    },
  };
}
