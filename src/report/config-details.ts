/** The effective configuration, as a collapsed block at the end of the summary. */
import { DEFAULT_IGNORES, type ResolvedConfig, type RuleSetting } from '../config/defaults.js';
import { fitRows } from './budget.js';
import { codeSpan } from './markdown.js';
import { formatCount } from './wording.js';

/** Most characters the lists of this block may take (a config with thousands of ignores stays readable). */
const LIST_BUDGET = 3000;

/** "off", "severity `low`, threshold `20`", or "on". */
function describeRule(setting: RuleSetting): string {
  if (!setting.enabled) return 'off';
  const parts: string[] = [];
  if (setting.severity) parts.push(`severity ${codeSpan(setting.severity)}`);
  for (const key of Object.keys(setting.options).sort()) {
    parts.push(`${key} ${codeSpan(JSON.stringify(setting.options[key]) ?? 'undefined')}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'on';
}

/** `items` joined by `separator`, cut at the budget with a count of the rest. */
function listWithin(items: readonly string[], separator: string): string {
  const { shown, omitted } = fitRows(items, LIST_BUDGET);
  const listed = shown.join(separator);
  return omitted > 0 ? `${listed} … and ${formatCount(omitted)} more` : listed;
}

/** A `<details>` block: source, gate settings, ignores added beyond the defaults, rules changed. */
export function renderConfigDetails(config: ResolvedConfig): string {
  const defaults = new Set(DEFAULT_IGNORES);
  const addedIgnores = config.paths.ignore.filter((glob) => !defaults.has(glob));
  const rules = Object.keys(config.rules)
    .sort()
    .map((id) => `${codeSpan(id)} ${describeRule(config.rules[id])}`);
  const lines = [
    `- Source: ${codeSpan(config.source)}`,
    `- failOn: ${codeSpan(config.failOn)} · minSeverity: ${codeSpan(config.minSeverity)} · maxInlineComments: ${codeSpan(String(config.maxInlineComments))} · reviewDrafts: ${codeSpan(String(config.reviewDrafts))}`,
    `- Ignored paths beyond the defaults: ${addedIgnores.length > 0 ? listWithin(addedIgnores.map((glob) => codeSpan(glob)), ', ') : 'none'}`,
    `- Rules changed: ${rules.length > 0 ? listWithin(rules, '; ') : 'none'}`,
  ];
  return ['<details>', '<summary>Effective configuration</summary>', '', ...lines, '', '</details>'].join('\n');
}
