/** The check run's output: title, summary, text and one annotation per finding (sent in batches). */
import { compareFindings } from '../filter/sort.js';
import type { KeyedFinding, ReviewResult } from '../pipeline/types.js';
import { SEVERITIES, type Severity } from '../types.js';
import { fitRows } from './budget.js';
import { codeSpan, escapeText, singleLine } from './markdown.js';
import { formatRating, rateReview } from './rating.js';
import { SEVERITY_MARKER, conclusionLabel, severityLabel } from './severity-style.js';
import { countOf, formatCount } from './wording.js';

/** GitHub rejects a check-run `summary` or `text` longer than this. */
export const CHECK_RUN_TEXT_LIMIT = 65_535;
/** GitHub accepts at most 50 annotations per request. */
export const ANNOTATION_BATCH_SIZE = 50;
/** Room kept for the truncation note. */
const NOTE_RESERVE = 400;
/** Annotation `message` and `raw_details` are capped at 64 KB by GitHub. */
const ANNOTATION_FIELD_LIMIT = 60_000;

/** GitHub's annotation levels. */
export type AnnotationLevel = 'failure' | 'warning' | 'notice';

/** One check-run annotation, in the shape of GitHub's REST API. */
export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
  raw_details: string;
}

/** The `output` of a completed check run, annotations not yet batched. */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string;
  annotations: CheckRunAnnotation[];
}

/** critical/high → failure, medium → warning, low → notice. */
export function annotationLevel(severity: Severity): AnnotationLevel {
  if (severity === 'critical' || severity === 'high') return 'failure';
  return severity === 'medium' ? 'warning' : 'notice';
}

function capField(text: string): string {
  return text.length <= ANNOTATION_FIELD_LIMIT ? text : `${text.slice(0, ANNOTATION_FIELD_LIMIT - 1)}…`;
}

function toAnnotation(f: KeyedFinding): CheckRunAnnotation {
  return {
    path: f.file,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    annotation_level: annotationLevel(f.severity),
    title: f.ruleId,
    message: capField(f.message),
    raw_details: capField(f.recommendation),
  };
}

/** `annotations` in batches of at most `size` (GitHub's limit per request is 50). */
export function batchAnnotations<T>(annotations: readonly T[], size = ANNOTATION_BATCH_SIZE): T[][] {
  const step = Math.max(1, Math.floor(size));
  const batches: T[][] = [];
  for (let i = 0; i < annotations.length; i += step) batches.push(annotations.slice(i, i + step));
  return batches;
}

function renderSummaryText(result: ReviewResult): string {
  const { stats, counts, config } = result;
  const notAnalysed = result.skipped.length > 0 ? ` ${countOf(result.skipped.length, 'file')} not analysed (listed below).` : '';
  const gate = config.failOn === 'none' ? 'the gate is off (`failOn: none`)' : `fails on \`${config.failOn}\` or above`;
  const text = [
    `**${conclusionLabel(result.gate.conclusion)}: ${singleLine(escapeText(result.gate.title))}**`,
    `${SEVERITIES.map((s) => `${SEVERITY_MARKER[s]} ${formatCount(counts[s])} ${s}`).join(' · ')} · **Rating:** ${formatRating(rateReview(result))}`,
    `Analysed ${formatCount(stats.filesAnalyzed)} of ${countOf(stats.filesChanged, 'changed file')} (${countOf(stats.addedLines, 'added line')}).${notAnalysed} The gate ${gate}.`,
  ].join('\n\n');
  if (text.length <= CHECK_RUN_TEXT_LIMIT) return text;
  return `${text.slice(0, CHECK_RUN_TEXT_LIMIT - NOTE_RESERVE)}\n\n… truncated: over GitHub's 65,535-character limit.`;
}

interface Entry {
  text: string;
  finding: boolean;
}

function findingEntry(f: KeyedFinding): Entry {
  const where = `${codeSpan(`${f.file}:${f.line}`)} · ${codeSpan(f.ruleId)}`;
  const text = `- ${where}: ${singleLine(escapeText(f.message))}\n  **Recommendation:** ${singleLine(escapeText(f.recommendation))}`;
  return { text, finding: true };
}

/** Every finding by severity, then files not analysed and notes; cut with a note at GitHub's limit. */
function renderDetails(result: ReviewResult): string {
  const findings = [...result.findings].sort(compareFindings);
  const entries: Entry[] = [];
  for (const severity of SEVERITIES) {
    const of = findings.filter((f) => f.severity === severity);
    if (of.length === 0) continue;
    entries.push({ text: `\n### ${SEVERITY_MARKER[severity]} ${severityLabel(severity)} (${formatCount(of.length)})\n`, finding: false });
    entries.push(...of.map(findingEntry));
  }
  if (result.skipped.length > 0 || result.notes.length > 0) {
    entries.push({ text: '\n### Not analysed\n', finding: false });
    for (const s of result.skipped) entries.push({ text: `- ${codeSpan(s.path)}: ${singleLine(escapeText(s.reason))}`, finding: false });
    for (const n of result.notes) {
      const where = [n.file, n.ruleId].filter((x): x is string => x !== undefined).map((x) => codeSpan(x)).join(' · ');
      entries.push({ text: `- ${where ? `${where}: ` : ''}${singleLine(escapeText(n.message))}`, finding: false });
    }
  }
  if (entries.length === 0) return result.stats.filesAnalyzed > 0 ? 'No findings on the changed lines.' : 'Nothing was analysed.';
  const { shown, omitted } = fitRows(entries.map((e) => e.text), CHECK_RUN_TEXT_LIMIT - NOTE_RESERVE);
  const text = shown.join('\n').trim();
  if (omitted === 0) return text;
  const left = entries.slice(shown.length);
  const findingsLeft = left.filter((e) => e.finding).length;
  const what = findingsLeft > 0 ? `${countOf(findingsLeft, 'more finding')} and the rest not shown` : 'the rest not shown';
  return `${text}\n\n… truncated: ${what} (GitHub caps this text at 65,535 characters); every finding is an annotation, or run \`pr-reviewer diff\` locally.`;
}

/** The check run's title, summary, text and annotations for a finished review. */
export function renderCheckRun(result: ReviewResult): CheckRunOutput {
  return {
    title: result.gate.title,
    summary: renderSummaryText(result),
    text: renderDetails(result),
    annotations: [...result.findings].sort(compareFindings).map(toAnnotation),
  };
}
