/**
 * Loads `.github/pr-reviewer.yml` from the pull request's BASE branch (a PR cannot loosen its own
 * gate), else from the owner's `.github` repository, else the defaults.
 */
import type { ProbotOctokit } from 'probot';
import { CONFIG_PATH, DEFAULT_CONFIG, type ResolvedConfig } from '../config/defaults.js';
import { parseConfig } from '../config/parse-config.js';
import type { Logger } from '../logger.js';
import { statusOf } from './api-error.js';
import { readRawFile } from './raw-file.js';

/** The repository GitHub treats as an owner's shared defaults. */
export const OWNER_CONFIG_REPO = '.github';

/** The pull request whose base branch holds the config. */
export interface ConfigLoaderOptions {
  octokit: ProbotOctokit;
  owner: string;
  repo: string;
  /** The base branch (or base sha) of the pull request; never its head. */
  baseRef: string;
  logger: Logger;
}

/** The owner-level file, or null when the `.github` repository is absent or not installed. */
async function readOwnerConfig(octokit: ProbotOctokit, owner: string): Promise<string | null> {
  try {
    return await readRawFile(octokit, { owner, repo: OWNER_CONFIG_REPO, path: CONFIG_PATH });
  } catch (error) {
    // An installation without access to the `.github` repository gets 403: same as no file there.
    if (statusOf(error) === 403) return null;
    throw error;
  }
}

/**
 * Returns the loader the pipeline calls once per review. It throws `ConfigError` (exact message) for
 * an invalid file and `GitHubApiError` when GitHub cannot be read.
 */
export function createConfigLoader(options: ConfigLoaderOptions): () => Promise<ResolvedConfig> {
  const { octokit, owner, repo, baseRef, logger } = options;
  return async () => {
    const own = await readRawFile(octokit, { owner, repo, path: CONFIG_PATH, ref: baseRef });
    if (own !== null) {
      logger.debug({ source: CONFIG_PATH, ref: baseRef }, 'config found');
      return parseConfig(own, CONFIG_PATH);
    }
    if (repo !== OWNER_CONFIG_REPO) {
      const shared = await readOwnerConfig(octokit, owner);
      if (shared !== null) {
        const source = `${owner}/${OWNER_CONFIG_REPO}/${CONFIG_PATH}`;
        logger.debug({ source }, 'config found');
        return parseConfig(shared, source);
      }
    }
    return DEFAULT_CONFIG;
  };
}
