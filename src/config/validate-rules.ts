/** Rejects config entries for rule ids no detector has (a typo would otherwise be silently ignored). */
import type { Detector } from '../../detectors/define.js';
import { ConfigError } from '../errors.js';
import type { ResolvedConfig } from './defaults.js';

/** Returns `config` when every `rules` key names a detector; throws ConfigError listing the others. */
export function validateRuleIds(config: ResolvedConfig, registry: readonly Detector[]): ResolvedConfig {
  const known = new Set(registry.map((d) => d.meta.id));
  const unknown = Object.keys(config.rules).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${config.source}: ${unknown.map((id) => `rules.${id}: unknown rule id`).join('; ')}`,
      config.source,
    );
  }
  return config;
}
