/** Graceful shutdown: on SIGTERM or SIGINT, close once (finish or hand back work), then exit. */
import type { Logger } from './logger.js';

/** Runs `close` on the first SIGTERM/SIGINT and exits 0 after it (1 if it throws). */
export function exitOnSignal(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
