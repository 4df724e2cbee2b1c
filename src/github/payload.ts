/**
 * Webhook payload checks at intake: a signed delivery whose payload lacks the fields a review needs is
 * answered 400 (the webhooks middleware uses an error's `status`) and queues no work.
 */

/** A webhook payload without the fields its event must have. */
export class MalformedPayloadError extends Error {
  override name = 'MalformedPayloadError';
  /** The HTTP status the webhook is answered with. */
  readonly status = 400;
}

type FieldType = 'string' | 'number' | 'object' | 'array';

/** The required fields (dot paths) and their types of each event the app handles. */
export const REQUIRED_FIELDS: Readonly<Record<string, ReadonlyArray<readonly [string, FieldType]>>> = Object.freeze({
  pull_request: [
    ['repository.owner.login', 'string'],
    ['repository.name', 'string'],
    ['pull_request.number', 'number'],
    ['pull_request.head.sha', 'string'],
  ],
  issue_comment: [
    ['repository.owner.login', 'string'],
    ['repository.name', 'string'],
    ['issue.number', 'number'],
    ['comment.id', 'number'],
    ['comment.body', 'string'],
    ['sender.login', 'string'],
  ],
  check_run: [
    ['repository.owner.login', 'string'],
    ['repository.id', 'number'],
    ['check_run.name', 'string'],
    ['check_run.head_sha', 'string'],
    ['check_run.pull_requests', 'array'],
  ],
  check_suite: [
    ['repository.owner.login', 'string'],
    ['repository.id', 'number'],
    ['check_suite.head_sha', 'string'],
    ['check_suite.pull_requests', 'array'],
  ],
});

function valueAt(payload: unknown, path: string): unknown {
  let current = payload;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function hasType(value: unknown, type: FieldType): boolean {
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null;
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === 'string' && value.length > 0;
}

/** The fields of `event`'s payload that are missing or of the wrong type. */
export function payloadProblems(event: string, payload: unknown): string[] {
  return (REQUIRED_FIELDS[event] ?? []).filter(([path, type]) => !hasType(valueAt(payload, path), type)).map(([path, type]) => `${path} (${type})`);
}

/** Throws `MalformedPayloadError` (HTTP 400) when `event`'s payload lacks a required field. */
export function assertPayload(event: string, payload: unknown): void {
  const problems = payloadProblems(event, payload);
  if (problems.length > 0) throw new MalformedPayloadError(`malformed ${event} payload: missing or invalid ${problems.join(', ')}`);
}
