/** The one deterministic order of findings: severity, path, line, column, rule id. */
import { SEVERITIES, type Finding, type Severity } from '../types.js';

/** 0 for critical up to 3 for low. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Comparator for `Array.prototype.sort`. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    (a.column ?? 0) - (b.column ?? 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
