/** Typed errors of the pipeline; each keeps its `cause`. */

/** The repository's config file is invalid: shown in the check run, never a crash. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The change could not be listed or read (git, GitHub listing). */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** A GitHub API call failed; `status` is the HTTP status when there was one. */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A file could not be parsed; the review goes on and notes it. */
export class ParseError extends Error {
  override name = 'ParseError';
  constructor(
    message: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Command-line misuse: exit status 2 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The error's message with its causes, for notes and check-run output. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}
