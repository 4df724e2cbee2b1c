/** Narrows errors thrown by Octokit (RequestError) into the project's `GitHubApiError`. */
import { GitHubApiError } from '../errors.js';

/** The HTTP status of an Octokit error, or undefined for anything else (network, bugs). */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const { status } = error;
  return typeof status === 'number' ? status : undefined;
}

/** True for a 4xx answer: the request itself was refused, retrying it unchanged will not help. */
export function isClientError(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500;
}

/** Wraps `error` with what was being done, keeping the status and the cause. */
export function toApiError(what: string, error: unknown): GitHubApiError {
  if (error instanceof GitHubApiError) return error;
  const status = statusOf(error);
  // The cause's message follows in `describeError`, so it is not repeated here.
  return new GitHubApiError(`${what} failed${status ? ` (HTTP ${status})` : ''}`, status, { cause: error });
}

/** Runs `call`, rethrowing failures as `GitHubApiError` naming `what`. */
export async function callGitHub<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toApiError(what, error);
  }
}
