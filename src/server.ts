/**
 * `npm start`: the Probot server with the project's logger, so the redaction of tokens and keys applies
 * to everything the app and Probot log. Configuration comes from the environment as with `probot run`
 * (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL).
 */
import { run } from 'probot';
import prReviewer from './index.js';
import { createLogger } from './logger.js';

await run(prReviewer, { log: createLogger() });
