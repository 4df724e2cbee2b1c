/** The pino logger: structured, with tokens and keys redacted wherever they appear in log fields. */
import { pino, type Logger, type LoggerOptions } from 'pino';

/** Field paths whose values never reach a log line. */
export const REDACT_PATHS: readonly string[] = Object.freeze([
  'token',
  '*.token',
  'privateKey',
  '*.privateKey',
  'secret',
  '*.secret',
  'webhookSecret',
  'password',
  '*.password',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  '*.headers.authorization',
  'env.PRIVATE_KEY',
  'env.WEBHOOK_SECRET',
  'env.GITHUB_TOKEN',
]);

/** Logger options shared by the app, the worker and the CLI. */
export function loggerOptions(level: string = process.env.LOG_LEVEL ?? 'info'): LoggerOptions {
  return { level, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } };
}

/** A logger writing JSON lines to `destination` (stderr by default, so CLI output stays clean). */
export function createLogger(level?: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(loggerOptions(level), destination);
}

export type { Logger };
