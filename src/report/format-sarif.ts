/** The CLI's `sarif` format: a SARIF 2.1.0 log (GitHub code scanning and other SARIF viewers). */
import { compareFindings } from '../filter/sort.js';
import type { KeyedFinding, ReviewResult } from '../pipeline/types.js';
import type { Category, Severity } from '../types.js';

/** What the SARIF log says about a rule: taken from detector metadata. */
export interface RuleDescriptor {
  id: string;
  description: string;
  recommendation: string;
  severity: Severity;
  category: Category;
}

/** Facts about the tool the pure renderer cannot look up itself. */
export interface SarifOptions {
  /** The pr-reviewer version (the renderer reads no files). */
  version?: string;
  informationUri?: string;
}

/** SARIF result levels used here. */
export type SarifLevel = 'error' | 'warning' | 'note';

interface SarifRegion {
  startLine: number;
  endLine?: number;
  startColumn?: number;
}

interface SarifArtifactLocation {
  uri: string;
  uriBaseId: string;
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }>;
  partialFingerprints: Record<string, string>;
  properties: { severity: Severity; category: Category; recommendation: string };
  fixes?: Array<{
    description: { text: string };
    artifactChanges: Array<{
      artifactLocation: SarifArtifactLocation;
      replacements: Array<{ deletedRegion: SarifRegion; insertedContent: { text: string } }>;
    }>;
  }>;
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { category: Category; tags: string[]; 'security-severity'?: string };
}

/** A SARIF 2.1.0 log with one run. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; version?: string; informationUri?: string; rules: SarifRule[] } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ level: SarifLevel; message: { text: string } }> }>;
    results: SarifResult[];
    columnKind: 'utf16CodeUnits';
  }>;
}

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Paths are relative to the repository root (diff) or the working directory (scan). */
const SRC_ROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'prReviewer/v1';
/** GitHub code scanning ranks security alerts by this score (CVSS-like, 0–10). */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** critical/high → error, medium → warning, low → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `?`, `[`). */
function toUri(path: string): SarifArtifactLocation {
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRC_ROOT };
}

function toRule(rule: RuleDescriptor): SarifRule {
  const properties: SarifRule['properties'] = { category: rule.category, tags: [rule.category] };
  if (rule.category === 'security') properties['security-severity'] = SECURITY_SEVERITY[rule.severity];
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    help: { text: rule.recommendation },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties,
  };
}

function toResult(f: KeyedFinding, ruleIndex: ReadonlyMap<string, number>): SarifResult {
  const region: SarifRegion = { startLine: f.line, endLine: Math.max(f.line, f.endLine) };
  if (f.column !== undefined && f.column >= 1) region.startColumn = f.column;
  const index = ruleIndex.get(f.ruleId);
  const result: SarifResult = {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: toUri(f.file), region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { severity: f.severity, category: f.category, recommendation: f.recommendation },
  };
  if (f.fix && f.fix.line >= 1 && f.fix.endLine >= f.fix.line) {
    result.fixes = [
      {
        description: { text: f.recommendation },
        artifactChanges: [
          {
            artifactLocation: toUri(f.file),
            // Whole lines: without columns a region runs to the end of `endLine`, its newline excluded.
            replacements: [{ deletedRegion: { startLine: f.fix.line, endLine: f.fix.endLine }, insertedContent: { text: f.fix.replacement } }],
          },
        ],
      },
    ];
  }
  return result;
}

/** The SARIF log as an object: rules (one per id, sorted), results, notes as notifications. */
export function buildSarifLog(result: ReviewResult, rules: readonly RuleDescriptor[], options: SarifOptions = {}): SarifLog {
  // TypeScript and Python variants of a detector share an id: one rule each.
  const unique = new Map<string, RuleDescriptor>();
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) if (!unique.has(rule.id)) unique.set(rule.id, rule);
  const sarifRules = [...unique.values()].map(toRule);
  const ruleIndex = new Map(sarifRules.map((r, i) => [r.id, i]));
  const notifications = [
    ...result.skipped.map((s) => ({ level: 'note' as const, message: { text: `Not analysed: ${s.path}: ${s.reason}` } })),
    ...result.notes.map((n) => ({
      level: 'warning' as const,
      message: { text: [n.file, n.ruleId, n.message].filter((x) => x !== undefined).join(': ') },
    })),
  ];
  return {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pr-reviewer',
            ...(options.version !== undefined ? { version: options.version } : {}),
            ...(options.informationUri !== undefined ? { informationUri: options.informationUri } : {}),
            rules: sarifRules,
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        results: [...result.findings].sort(compareFindings).map((f) => toResult(f, ruleIndex)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** The SARIF log as JSON, pretty-printed with a trailing newline. */
export function renderSarif(result: ReviewResult, rules: readonly RuleDescriptor[], options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarifLog(result, rules, options), null, 2)}\n`;
}
