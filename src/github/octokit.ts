/**
 * The production Octokit: Probot's, with its throttling and retry set deliberately. Writes stay spaced
 * as GitHub asks (Probot's throttling: about 1 s apart, 3 s for comments and reviews); a secondary
 * rate limit or a primary one that resets soon is waited out (`retry-after`, `x-ratelimit-reset`) and
 * retried; 5xx and network failures are retried with growing delays; 4xx refusals are not retried.
 * What still fails after that is transient for the queue (`src/queue/retry.ts`), which tries again later.
 */
import { ProbotOctokit } from 'probot';

/** Longest wait for a rate limit inside one request; longer waits fail it and the queue retries later. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 120;
/** Times one request is retried after a secondary rate limit. */
export const SECONDARY_LIMIT_RETRIES = 2;
/** Times one request is retried after the primary rate limit (its reset must be near). */
export const PRIMARY_LIMIT_RETRIES = 1;
/** Times one request is retried after a 5xx or a network failure (waits 1, 4, 9 s). */
export const SERVER_ERROR_RETRIES = 3;
/** Statuses never retried by the retry plugin: refusals, and 403 (rate limits are the throttling's). */
export const DO_NOT_RETRY = Object.freeze([400, 401, 403, 404, 410, 422, 451]);

/** Whether a request that hit a rate limit is retried after `retryAfter` seconds. */
export function shouldRetryRateLimit(kind: 'primary' | 'secondary', retryAfter: number, retryCount: number): boolean {
  const limit = kind === 'secondary' ? SECONDARY_LIMIT_RETRIES : PRIMARY_LIMIT_RETRIES;
  return retryCount < limit && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
}

/** The part of a request's options the handlers log. */
interface RequestOptions {
  method?: string;
  url?: string;
}

/** The part of an Octokit the handlers use. */
interface LoggingOctokit {
  log: { warn(fields: object, message: string): void } | { warn(message: string): void };
}

function warn(octokit: LoggingOctokit, fields: Record<string, unknown>, message: string): void {
  (octokit.log.warn as (fields: object, message: string) => void)(fields, message);
}

/** Options of the production Octokit; tests scale the waits down (`retryAfterBaseValue` ms per second). */
export interface ProductionOctokitOptions {
  retryAfterBaseValue?: number;
}

/**
 * Gives every request its own `request` options object. `@octokit/plugin-retry` (8.1) writes its
 * retry count onto `options.request`, which is otherwise the instance's shared defaults: one retried
 * request would make every later request of the installation wait as if already retried (4 s, 9 s
 * instead of 1 s). Registered after Probot's plugins, this wrap runs before the retry plugin's.
 */
export function isolateRequestOptions(octokit: Pick<InstanceType<typeof ProbotOctokit>, 'hook'>): void {
  // Every hook of a request receives the same options object: replace its `request` in place.
  octokit.hook.wrap('request', (request, options) => {
    options.request = { ...options.request };
    return request(options);
  });
}

/** Probot's Octokit with the retry and throttling policy above. */
export function createProductionOctokit(options: ProductionOctokitOptions = {}): typeof ProbotOctokit {
  const base = options.retryAfterBaseValue ?? 1000;
  const handler =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: RequestOptions, octokit: LoggingOctokit, retryCount: number): boolean => {
      const retry = shouldRetryRateLimit(kind, retryAfter, retryCount);
      warn(octokit, { kind, retryAfter, retryCount, retry, method: request.method, url: request.url }, 'GitHub rate limit hit');
      return retry;
    };
  // The function form: Probot passes its own throttle handlers in, and they must be replaced.
  return ProbotOctokit.plugin(isolateRequestOptions).defaults((instance: Record<string, unknown>) => ({
    ...instance,
    throttle: {
      ...(instance.throttle as object | undefined),
      enabled: true,
      retryAfterBaseValue: base,
      onRateLimit: handler('primary'),
      onSecondaryRateLimit: handler('secondary'),
    },
    retry: { enabled: true, retries: SERVER_ERROR_RETRIES, doNotRetry: [...DO_NOT_RETRY], retryAfterBaseValue: base },
  }));
}
