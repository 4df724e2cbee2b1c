/** Parses and validates a config file's text into a frozen `ResolvedConfig`. */
import { Ajv, type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import type { Severity } from '../types.js';
import { DEFAULT_CONFIG, DEFAULT_IGNORES, type GateLevel, type ResolvedConfig, type RuleSetting } from './defaults.js';
import { configSchema } from './schema.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(configSchema);

interface RawConfig {
  failOn?: GateLevel;
  minSeverity?: Severity;
  maxInlineComments?: number;
  reviewDrafts?: boolean;
  timeoutSeconds?: number;
  paths?: { ignore?: string[] };
  rules?: Record<string, string | boolean | Record<string, unknown>>;
}

function formatAjvError(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '(root)';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown key "${String(error.params.additionalProperty)}"`;
  }
  if (error.keyword === 'enum') {
    return `${where}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  }
  return `${where}: ${error.message ?? 'is invalid'}`;
}

function resolveRule(value: string | boolean | Record<string, unknown>): RuleSetting {
  if (value === 'off' || value === false) return { enabled: false, options: {} };
  if (value === 'on' || value === true) return { enabled: true, options: {} };
  if (typeof value === 'string') return { enabled: true, severity: value as Severity, options: {} };
  const { enabled, severity, ...options } = value;
  return {
    enabled: enabled !== false,
    ...(severity ? { severity: severity as Severity } : {}),
    options: Object.freeze(options),
  };
}

/**
 * Validates `text` (YAML) and merges it over the defaults. Throws `ConfigError` with every problem,
 * each naming its key, so the check run can show the exact error.
 */
export function parseConfig(text: string, source: string): ResolvedConfig {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(`${source}: invalid YAML: ${document.errors.map((e) => e.message).join('; ')}`, source);
  }
  const raw: unknown = document.toJS() ?? {};
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf').map(formatAjvError);
    throw new ConfigError(`${source}: ${[...new Set(problems)].join('; ')}`, source);
  }
  const config = raw as RawConfig;
  const rules: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(config.rules ?? {})) rules[id] = Object.freeze(resolveRule(value));
  return Object.freeze({
    failOn: config.failOn ?? DEFAULT_CONFIG.failOn,
    minSeverity: config.minSeverity ?? DEFAULT_CONFIG.minSeverity,
    maxInlineComments: config.maxInlineComments ?? DEFAULT_CONFIG.maxInlineComments,
    reviewDrafts: config.reviewDrafts ?? DEFAULT_CONFIG.reviewDrafts,
    timeoutSeconds: config.timeoutSeconds ?? DEFAULT_CONFIG.timeoutSeconds,
    paths: Object.freeze({ ignore: Object.freeze([...DEFAULT_IGNORES, ...(config.paths?.ignore ?? [])]) }),
    rules: Object.freeze(rules),
    source,
  });
}
