/**
 * The filter stage: keeps findings that touch a line the change adds, drops suppressed ones and
 * those under `minSeverity`, removes duplicates, fingerprints and sorts the rest.
 */
import type { ResolvedConfig } from '../config/defaults.js';
import type { KeyedFinding } from '../pipeline/types.js';
import type { ChangedFile, Finding } from '../types.js';
import { fingerprintFindings } from './fingerprint.js';
import { compareFindings, severityRank } from './sort.js';
import { isSuppressed } from './suppressions.js';

export interface FilterInput {
  findings: readonly Finding[];
  files: ReadonlyMap<string, ChangedFile>;
  /** Source lines of each analysed file (new side). */
  lines: ReadonlyMap<string, readonly string[]>;
  config: ResolvedConfig;
  /** Findings about a whole file (project-level rules): kept on any changed file, added lines or not. */
  fileLevel?: ReadonlySet<Finding>;
}

export interface FilterOutput {
  findings: KeyedFinding[];
  suppressed: number;
}

/** True when any line of the finding's range was added by the change. */
function touchesAddedLine(finding: Finding, file: ChangedFile): boolean {
  if (file.wholeFile) return true;
  for (let line = finding.line; line <= finding.endLine; line++) if (file.addedLines.has(line)) return true;
  return false;
}

/** Applies the changed-line filter, suppressions, severity floor, dedupe and the sort order. */
export function filterFindings({ findings, files, lines, config, fileLevel }: FilterInput): FilterOutput {
  const floor = severityRank(config.minSeverity);
  const seen = new Set<string>();
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const file = files.get(finding.file);
    if (!file || !(fileLevel?.has(finding) || touchesAddedLine(finding, file))) continue;
    if (severityRank(finding.severity) > floor) continue;
    const key = `${finding.ruleId}\u0000${finding.file}\u0000${finding.line}\u0000${finding.column ?? ''}\u0000${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (isSuppressed(finding.ruleId, finding.line, lines.get(finding.file) ?? [])) {
      suppressed++;
      continue;
    }
    kept.push(finding);
  }
  const fingerprints = fingerprintFindings(kept, (path) => lines.get(path) ?? []);
  const keyed = kept.map((finding, i) => ({
    ...finding,
    fingerprint: fingerprints[i],
    commentable: files.get(finding.file)?.commentableLines.has(finding.line) === true,
  }));
  return { findings: keyed.sort(compareFindings), suppressed };
}
