/** The rules a report describes (SARIF's `tool.driver.rules`), from the detector registry. */
import type { Detector } from '../../detectors/define.js';
import type { RuleDescriptor } from './format-sarif.js';

/** One entry per rule id (TypeScript and Python variants share an id and its description). */
export function ruleDescriptors(registry: readonly Detector[]): RuleDescriptor[] {
  const seen = new Map<string, RuleDescriptor>();
  for (const { meta } of registry) {
    if (!seen.has(meta.id)) {
      const { id, description, recommendation, severity, category } = meta;
      seen.set(meta.id, { id, description, recommendation, severity, category });
    }
  }
  return [...seen.values()];
}
