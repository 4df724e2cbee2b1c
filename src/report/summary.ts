/**
 * The summary comment: one per PR, found by its marker and edited in place. It lists every finding
 * unless that would pass GitHub's comment size limit; then it says exactly what it left out.
 */
import { compareFindings } from '../filter/sort.js';
import type { Baseline, KeyedFinding, ReviewResult } from '../pipeline/types.js';
import { SEVERITIES, type Note, type Severity, type SkippedFile } from '../types.js';
import { fitRows } from './budget.js';
import { renderConfigDetails } from './config-details.js';
import { codeSpan, escapeText, singleLine, tableCell } from './markdown.js';
import { formatRating, rateReview } from './rating.js';
import { SEVERITY_MARKER, conclusionLabel, severityLabel } from './severity-style.js';
import { countOf, countsPhrase, formatCount, totalOf } from './wording.js';

/** The hidden marker that identifies the summary comment. */
export const SUMMARY_MARKER = '<!-- pr-reviewer:summary -->';

/** Target size of the body: GitHub rejects comments over 65,536 characters; this leaves a margin. */
export const SUMMARY_SIZE_TARGET = 60_000;
/** Most characters the "Good patterns" and "Not analysed" lists may take. */
const PATTERNS_BUDGET = 3_000;
const NOT_ANALYSED_BUDGET = 12_000;
/** Kept free for the notices of severities shown as counts only. */
const NOTICE_RESERVE = 1_000;

const TABLE_HEAD = '| Location | Rule | Finding | Recommendation |\n| --- | --- | --- | --- |';

/** What the inline comments of this run cover. */
export interface InlineTally {
  /** Inline comments posted by this run (a folded comment counts once). */
  posted: number;
  /** Findings with no inline comment: not on a commentable line, or over `maxInlineComments`. */
  summaryOnly: number;
  /** Threads of earlier runs resolved because their findings are gone. */
  resolved?: number;
  /** Threads the app had resolved, reopened because their findings came back. */
  reopened?: number;
}

function findingRow(f: KeyedFinding, preexisting: ReadonlySet<string>): string {
  const message = preexisting.has(f.fingerprint) ? `${escapeText(f.message)} _(already at the base)_` : escapeText(f.message);
  const cells = [codeSpan(`${f.file}:${f.line}`), codeSpan(f.ruleId), message, escapeText(f.recommendation)];
  return `| ${cells.map(tableCell).join(' | ')} |`;
}

function sectionTitle(severity: Severity, count: number): string {
  return `### ${SEVERITY_MARKER[severity]} ${severityLabel(severity)} (${formatCount(count)})`;
}

function notListed(count: number, severity: Severity, more: boolean): string {
  const what = `${formatCount(count)} ${more ? 'more ' : ''}${severity} ${count === 1 ? 'finding' : 'findings'}`;
  return `… ${what} not listed: over GitHub's comment size limit; run \`pr-reviewer diff\` locally for all.`;
}

/**
 * The finding sections, Critical → Low, within `budget`: a severity that does not fit, and every
 * lower one, is shown as a count; if not even the severest fits, it lists as many rows as fit.
 */
function findingSections(findings: readonly KeyedFinding[], budget: number, preexisting: ReadonlySet<string>): string[] {
  const sections: string[] = [];
  let left = budget;
  let countsOnly = false;
  for (const severity of SEVERITIES) {
    const of = findings.filter((f) => f.severity === severity);
    if (of.length === 0) continue;
    const title = sectionTitle(severity, of.length);
    const rows = of.map((f) => findingRow(f, preexisting));
    const full = `${title}\n\n${TABLE_HEAD}\n${rows.join('\n')}`;
    if (!countsOnly && full.length + 2 <= left) {
      sections.push(full);
      left -= full.length + 2;
      continue;
    }
    if (!countsOnly && sections.length === 0) {
      const { shown } = fitRows(rows, left - title.length - TABLE_HEAD.length - 200);
      if (shown.length > 0) {
        sections.push(`${title}\n\n${TABLE_HEAD}\n${shown.join('\n')}\n\n${notListed(of.length - shown.length, severity, true)}`);
        countsOnly = true;
        continue;
      }
    }
    countsOnly = true;
    sections.push(`${title}\n\n${notListed(of.length, severity, false)}`);
  }
  return sections;
}

/** A bullet list within `budget`, ending with how many items were left out. */
function boundedList(items: readonly string[], budget: number, what: string): string {
  const { shown, omitted } = fitRows(items, budget);
  const more = omitted > 0 ? [`- … and ${formatCount(omitted)} more ${what}: over GitHub's comment size limit`] : [];
  return [...shown, ...more].join('\n');
}

function skippedItem(s: SkippedFile): string {
  return `- ${codeSpan(s.path)}: ${singleLine(escapeText(s.reason))}`;
}

function noteItem(n: Note): string {
  const where = [n.file, n.ruleId].filter((x): x is string => x !== undefined).map(codeSpan).join(' · ');
  return `- ${where ? `${where}: ` : ''}${singleLine(escapeText(n.message))}`;
}

/** "Compared with the base: introduces 1 high; resolves 2 medium. 1 finding on changed lines was already there." */
function baselineSentence(baseline: Baseline): string {
  const introduced = totalOf(baseline.introduced) > 0 ? `introduces ${countsPhrase(baseline.introduced)}` : 'introduces no finding';
  const resolved = totalOf(baseline.resolved) > 0 ? `resolves ${countsPhrase(baseline.resolved)}` : 'resolves none';
  const old = baseline.preexisting.length;
  const already = old > 0 ? ` ${countOf(old, 'finding')} on changed lines ${old === 1 ? 'was' : 'were'} already there at the base and ${old === 1 ? 'does' : 'do'} not count toward the gate.` : '';
  return `Compared with the base, this PR ${introduced} and ${resolved}.${already}`;
}

/** Headline, counts, rating and what was covered. */
function renderHead(result: ReviewResult, inline: InlineTally): string {
  const { stats, counts } = result;
  const countLine = SEVERITIES.map((s) => `${SEVERITY_MARKER[s]} ${formatCount(counts[s])} ${s}`).join(' · ');
  const covered = [
    `Analysed ${formatCount(stats.filesAnalyzed)} of ${countOf(stats.filesChanged, 'changed file')} (${countOf(stats.addedLines, 'added line')}).`,
  ];
  if (result.findings.length > 0) {
    covered.push(`${countOf(inline.posted, 'new inline comment')} in this review; ${countOf(inline.summaryOnly, 'finding')} only in this summary.`);
  }
  if (result.baseline) covered.push(baselineSentence(result.baseline));
  if (inline.resolved) covered.push(`${countOf(inline.resolved, 'earlier thread')} resolved: no longer found.`);
  if (inline.reopened) covered.push(`${countOf(inline.reopened, 'thread')} reopened: the finding is back.`);
  if (stats.suppressed > 0) covered.push(`${countOf(stats.suppressed, 'finding')} suppressed by \`pr-reviewer-ignore\`.`);
  return [
    SUMMARY_MARKER,
    `## ${conclusionLabel(result.gate.conclusion)}: ${singleLine(escapeText(result.gate.title))}`,
    `${countLine} · **Rating:** ${formatRating(rateReview(result))}`,
    covered.join(' '),
  ].join('\n\n');
}

/** The summary comment's markdown (deterministic; at most ~60,000 characters). */
export function renderSummary(result: ReviewResult, inline: InlineTally): string {
  const before = [renderHead(result, inline)];
  const after: string[] = [];
  if (result.goodPatterns.length > 0) {
    const items = result.goodPatterns.map((p) => `- ${singleLine(escapeText(p))}`);
    after.push(`### ✅ Good patterns\n\n${boundedList(items, PATTERNS_BUDGET, 'good patterns')}`);
  }
  if (result.skipped.length > 0 || result.notes.length > 0) {
    const items = [...result.skipped.map(skippedItem), ...result.notes.map(noteItem)];
    after.push(`### Not analysed\n\n${boundedList(items, NOT_ANALYSED_BUDGET, 'files or notes')}`);
  }
  after.push(renderConfigDetails(result.config));
  if (result.headSha) after.push(`<sub>Reviewed commit ${singleLine(escapeText(result.headSha))}</sub>`);
  const fixed = [...before, ...after].reduce((n, part) => n + part.length + 2, 0);
  const findings = [...result.findings].sort(compareFindings);
  const sections = findingSections(findings, SUMMARY_SIZE_TARGET - fixed - NOTICE_RESERVE, new Set(result.baseline?.preexisting ?? []));
  if (findings.length === 0 && result.stats.filesAnalyzed > 0) sections.push('No findings on the changed lines.');
  return `${[...before, ...sections, ...after].join('\n\n')}\n`;
}
