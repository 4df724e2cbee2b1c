/** The CLI's `json` format (contract): `{ findings: Finding[], summary: { total, critical, high, medium, low } }`. */
import { compareFindings } from '../filter/sort.js';
import type { KeyedFinding, ReviewResult } from '../pipeline/types.js';
import type { Finding } from '../types.js';
import { countSeverities } from './wording.js';

/** The public `Finding` of a keyed one, keys in contract order (fingerprint and commentable dropped). */
export function toPublicFinding(f: KeyedFinding): Finding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    file: f.file,
    line: f.line,
    endLine: f.endLine,
    ...(f.column !== undefined ? { column: f.column } : {}),
    message: f.message,
    recommendation: f.recommendation,
    ...(f.fix ? { fix: { line: f.fix.line, endLine: f.fix.endLine, replacement: f.fix.replacement } } : {}),
  };
}

/** The JSON document, pretty-printed with two spaces and a trailing newline. */
export function renderJson(result: ReviewResult): string {
  const findings = [...result.findings].sort(compareFindings);
  const counts = countSeverities(findings);
  const document = {
    findings: findings.map(toPublicFinding),
    summary: { total: findings.length, critical: counts.critical, high: counts.high, medium: counts.medium, low: counts.low },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
