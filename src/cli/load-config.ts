/** The CLI's config: `--config FILE`, else `.github/pr-reviewer.yml` in the directory, else defaults. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CONFIG_PATH, DEFAULT_CONFIG, type ResolvedConfig } from '../config/defaults.js';
import { parseConfig } from '../config/parse-config.js';
import { ConfigError } from '../errors.js';

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * A loader for runReview. `explicit` is resolved against `cwd` and must exist; the default file is
 * looked up in `dir` (the repository root for diff, the current directory for scan).
 */
export function cliConfigLoader(explicit: string | undefined, dir: string, cwd: string): () => Promise<ResolvedConfig> {
  return async () => {
    const path = explicit === undefined ? join(dir, CONFIG_PATH) : resolve(cwd, explicit);
    const label = explicit ?? CONFIG_PATH;
    let text: string | null;
    try {
      text = await readIfPresent(path);
    } catch (error) {
      throw new ConfigError(`${label}: cannot be read: ${error instanceof Error ? error.message : String(error)}`, label, { cause: error });
    }
    if (text === null) {
      if (explicit !== undefined) throw new ConfigError(`${label}: no such file`, label);
      return DEFAULT_CONFIG;
    }
    return parseConfig(text, label);
  };
}
