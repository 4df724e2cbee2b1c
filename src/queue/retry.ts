/** Which failures are worth retrying: GitHub 5xx, network errors and rate limits, never 4xx refusals. */
import { statusOf } from '../github/api-error.js';

/** A review attempt failed for a transient reason; a retrying queue runs it again with backoff. */
export class RetryableReviewError extends Error {
  override name = 'RetryableReviewError';
}

/** Error codes Node and undici give to connections that failed or broke. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : '';
}

/** The error and its causes, outermost first. */
function chainOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && chain.length < 6; current = current instanceof Error ? current.cause : undefined) {
    chain.push(current);
  }
  return chain;
}

/** True when an Octokit error's response says a rate limit was hit (remaining 0 or `retry-after`). */
function hasRateLimitHeaders(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('response' in error)) return false;
  const { response } = error as { response?: { headers?: Record<string, string | undefined> } };
  const headers = response?.headers ?? {};
  return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined;
}

/**
 * True when `error` (or a cause) is transient: a 5xx, 429, a 403 rate limit, a network failure, or an
 * explicit `RetryableReviewError`. Any other 4xx is a refusal that a retry would meet again.
 */
export function isTransient(error: unknown): boolean {
  const chain = chainOf(error);
  const text = chain.map(messageOf).join(' ');
  for (const current of chain) {
    if (current instanceof RetryableReviewError) return true;
    const status = statusOf(current);
    if (status !== undefined) {
      if (status >= 500 || status === 429) return true;
      // GitHub answers primary and secondary rate limits with 403 and says so in the message or headers.
      if (status === 403 && (/rate limit/i.test(text) || chain.some(hasRateLimitHeaders))) return true;
      if (status >= 400) return false;
    }
    const code = codeOf(current);
    if (code !== undefined && NETWORK_CODES.has(code)) return true;
    if (current instanceof TypeError && /fetch failed/i.test(current.message)) return true;
  }
  return false;
}
