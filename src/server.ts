/**
 * `npm start`: the Probot server with the project's logger, so the redaction of tokens and keys applies
 * to everything the app and Probot log. Configuration comes from the environment as with `probot run`
 * (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL); `REDIS_URL` selects
 * the Redis queue (read by the app, hidden from Probot so its throttling stays per process). GitHub
 * calls use the production retry and throttling policy of `github/octokit.ts`.
 */
import { run } from 'probot';
import { createProductionOctokit } from './github/octokit.js';
import prReviewer from './index.js';
import { createLogger } from './logger.js';
import { probotEnv } from './queue/settings.js';

await run(prReviewer, { log: createLogger(), env: probotEnv(), Octokit: createProductionOctokit() });
