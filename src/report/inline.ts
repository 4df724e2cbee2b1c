/**
 * Plans the inline review comments of one run: which findings get a comment, folded how, with
 * which body; everything else goes to the summary only.
 */
import { compareFindings } from '../filter/sort.js';
import type { InlineComment, KeyedFinding } from '../pipeline/types.js';
import { escapeText, fencedBlock, singleLine } from './markdown.js';
import { SEVERITY_MARKER, severityLabel } from './severity-style.js';

/** More findings than this of one rule in one file are folded into one comment. */
export const FOLD_THRESHOLD = 3;
/** At most this many findings in one folded comment, so its body stays far below GitHub's limit. */
const MAX_FOLDED = 100;

const MARKER_PREFIX = '<!-- pr-reviewer:finding:';
const MARKER_PATTERN = /<!-- pr-reviewer:finding:([A-Za-z0-9_.:-]+) -->/g;

/** What a run knows before commenting: the cap, earlier comments, commentable lines. */
export interface InlineOptions {
  /** At most this many comments (a folded comment counts once). */
  max: number;
  /** Fingerprints already commented on by an earlier run: not commented again. */
  posted: ReadonlySet<string>;
  /**
   * Lines a comment may be placed on, per path (inside a hunk, new side). Without it only a
   * finding's own line is known to be commentable, so only single-line suggestions are made.
   */
  commentableLines?: ReadonlyMap<string, ReadonlySet<number>>;
}

/** The comments to post in one review, and the findings left to the summary. */
export interface InlinePlan {
  comments: InlineComment[];
  /** Findings not commented inline in this run (not commentable, or over `max`), ranked. */
  summaryOnly: KeyedFinding[];
}

/** The hidden marker a comment carries for one finding. */
export function findingMarker(fingerprint: string): string {
  return `${MARKER_PREFIX}${fingerprint} -->`;
}

/** The fingerprints of the markers in a comment body, in order, without repeats. */
export function parseFindingMarkers(body: string): string[] {
  return [...new Set(Array.from(body.matchAll(MARKER_PATTERN), (m) => m[1]))];
}

/** True when a comment may be placed on `line` of the finding's file. */
function isCommentable(finding: KeyedFinding, line: number, options: InlineOptions): boolean {
  if (line === finding.line) return finding.commentable;
  return options.commentableLines?.get(finding.file)?.has(line) === true;
}

/**
 * The fix's range when a suggestion can replace it: a sane range that contains the finding's line
 * and whose every line is commentable (so one hunk holds it and GitHub accepts the comment).
 */
function suggestionRange(finding: KeyedFinding, options: InlineOptions): { line: number; endLine: number } | undefined {
  const fix = finding.fix;
  if (!fix || fix.line < 1 || fix.endLine < fix.line) return undefined;
  if (finding.line < fix.line || finding.line > fix.endLine) return undefined;
  for (let line = fix.line; line <= fix.endLine; line++) if (!isCommentable(finding, line, options)) return undefined;
  return { line: fix.line, endLine: fix.endLine };
}

/** First line of a comment: severity marker, severity, category, rule id. */
function heading(finding: KeyedFinding): string {
  const marker = SEVERITY_MARKER[finding.severity];
  return `**${marker} ${severityLabel(finding.severity)} · ${finding.category}** · \`${finding.ruleId}\``;
}

function linesOf(finding: KeyedFinding): string {
  return finding.endLine > finding.line ? `lines ${finding.line}–${finding.endLine}` : `line ${finding.line}`;
}

/** The comment for one finding, with a suggestion block when its fix can be applied. */
function singleComment(finding: KeyedFinding, options: InlineOptions): InlineComment {
  const parts = [heading(finding), escapeText(finding.message), `**Recommendation:** ${escapeText(finding.recommendation)}`];
  const range = suggestionRange(finding, options);
  if (range && finding.fix) parts.push(fencedBlock('suggestion', finding.fix.replacement));
  parts.push(findingMarker(finding.fingerprint));
  const body = parts.join('\n\n');
  if (!range) return { path: finding.file, line: finding.line, body, fingerprints: [finding.fingerprint] };
  return {
    path: finding.file,
    line: range.endLine,
    ...(range.endLine > range.line ? { startLine: range.line } : {}),
    body,
    fingerprints: [finding.fingerprint],
  };
}

/** One comment on the first finding listing the others (no suggestion: it would fix one of many). */
function foldedComment(group: readonly KeyedFinding[]): InlineComment {
  const [first, ...others] = group;
  const listed = others.map((f) => `- ${linesOf(f)}: ${singleLine(escapeText(f.message))}`);
  const body = [
    heading(first),
    escapeText(first.message),
    `**Recommendation:** ${escapeText(first.recommendation)}`,
    `**Same rule elsewhere in this file** (${others.length} more):\n${listed.join('\n')}`,
    group.map((f) => findingMarker(f.fingerprint)).join('\n'),
  ].join('\n\n');
  return { path: first.file, line: first.line, body, fingerprints: group.map((f) => f.fingerprint) };
}

/** Splits `items` into chunks of at most `size`. */
function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Picks the inline comments: commentable findings not already posted, ranked by severity then
 * path/line, more than 3 of one rule in one file folded into one comment on the first, at most
 * `max` comments. Findings already posted are left out entirely; the rest go to `summaryOnly`.
 */
export function planInlineComments(findings: readonly KeyedFinding[], options: InlineOptions): InlinePlan {
  const ranked = [...findings].sort(compareFindings);
  const summaryOnly: KeyedFinding[] = [];
  const candidates: KeyedFinding[] = [];
  for (const finding of ranked) {
    if (!finding.commentable) summaryOnly.push(finding);
    else if (!options.posted.has(finding.fingerprint)) candidates.push(finding);
  }
  const groups = new Map<string, KeyedFinding[]>();
  for (const finding of candidates) {
    const key = `${finding.file}\u0000${finding.ruleId}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  // Units in rank order: a folded group takes the place of its best-ranked finding.
  const units: KeyedFinding[][] = [];
  const folded = new Set<string>();
  for (const finding of candidates) {
    const key = `${finding.file}\u0000${finding.ruleId}`;
    const group = groups.get(key) ?? [finding];
    if (group.length <= FOLD_THRESHOLD) units.push([finding]);
    else if (!folded.has(key)) {
      folded.add(key);
      units.push(...chunk(group, MAX_FOLDED));
    }
  }
  const max = Math.max(0, Math.floor(options.max));
  const comments = units.slice(0, max).map((unit) => (unit.length === 1 ? singleComment(unit[0], options) : foldedComment(unit)));
  for (const unit of units.slice(max)) summaryOnly.push(...unit);
  return { comments, summaryOnly: summaryOnly.sort(compareFindings) };
}
