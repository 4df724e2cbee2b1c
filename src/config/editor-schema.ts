/**
 * The JSON Schema published for editors (`docs/pr-reviewer.schema.json`): the schema the app
 * validates with, plus titles, descriptions and the rule ids of the registry with their options, so an
 * editor completes and checks `.github/pr-reviewer.yml` as the app will.
 */
import type { Detector } from '../../detectors/define.js';
import { configSchema } from './schema.js';

const DESCRIPTIONS: Record<string, string> = {
  failOn: 'The check run (and the CLI exit status) fails when a finding at this severity or above is reported; `none` never fails. Default: high.',
  minSeverity: 'Findings below this severity are not reported. Default: low.',
  maxInlineComments: 'At most this many inline comments per review, most severe first; the rest are listed in the summary. Default: 25.',
  reviewDrafts: 'Review draft pull requests too. Default: false.',
  timeoutSeconds: 'Time budget of one review in seconds (10–600); files not analysed by then are listed as skipped in the summary. Default: 120.',
  paths: 'Which files are analysed.',
  rules: 'Per-rule settings: `off`, `on`, a severity, or an object with `enabled`, `severity` and the rule options.',
};

type Json = Record<string, unknown>;

function jsonType(value: unknown): Json {
  if (typeof value === 'number') return Number.isInteger(value) ? { type: 'integer' } : { type: 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'string') return { type: 'string' };
  if (Array.isArray(value)) return { type: 'array' };
  return {};
}

/** The setting of one rule: what the app accepts, with the rule's own options typed from its defaults. */
function ruleProperty(variants: readonly Detector[]): Json {
  const [first] = variants;
  const languages = variants.map((d) => d.meta.language).join(', ');
  const options: Json = {};
  for (const detector of variants) {
    for (const [name, value] of Object.entries(detector.defaultOptions)) {
      options[name] = { ...jsonType(value), description: `Default: ${JSON.stringify(value)}.` };
    }
  }
  const base = configSchema.properties.rules.additionalProperties.oneOf;
  const offIn = variants.filter((d) => d.meta.enabledByDefault === false).map((d) => d.meta.language);
  const off = offIn.length === 0 ? '' : offIn.length === variants.length ? ' Off by default.' : ` Off by default for ${offIn.join(', ')}.`;
  return {
    description: `${first.meta.description} (${languages}; default severity ${first.meta.severity}.${off})`,
    oneOf: [
      base[0],
      base[1],
      { ...base[2], properties: { ...base[2].properties, ...options } },
    ],
  };
}

/** The published schema for `registry`. */
export function editorSchema(registry: readonly Detector[]): Json {
  const ids = [...new Set(registry.map((d) => d.meta.id))].sort();
  const properties: Json = {};
  for (const [key, value] of Object.entries(configSchema.properties)) {
    properties[key] = { ...value, ...(DESCRIPTIONS[key] ? { description: DESCRIPTIONS[key] } : {}) };
  }
  properties.rules = {
    type: 'object',
    description: DESCRIPTIONS.rules,
    properties: Object.fromEntries(ids.map((id) => [id, ruleProperty(registry.filter((d) => d.meta.id === id))])),
    additionalProperties: false,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'pr-reviewer configuration (.github/pr-reviewer.yml)',
    ...configSchema,
    properties,
  };
}
