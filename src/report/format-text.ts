/** The CLI's `text` format: findings grouped by file with aligned columns (like ESLint's stylish). */
import { severityRank } from '../filter/sort.js';
import type { KeyedFinding, ReviewResult } from '../pipeline/types.js';
import { conclusionLabel } from './severity-style.js';
import { formatRating, rateReview } from './rating.js';
import { countOf, countsPhrase, formatCount } from './wording.js';

/** Terminal text on one line: runs of white space (line breaks included) become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function byFileThenLine(a: KeyedFinding, b: KeyedFinding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    (a.column ?? 0) - (b.column ?? 0) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** Rows of cells as lines, each column padded to its widest cell; the last column is not padded. */
function alignRows(rows: ReadonlyArray<readonly string[]>, indent: string): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => indent + row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ').trimEnd());
}

function fileBlock(path: string, findings: readonly KeyedFinding[]): string {
  const rows = findings.map((f) => [`${f.line}${f.column !== undefined ? `:${f.column}` : ''}`, f.severity, oneLine(f.message), f.ruleId]);
  return [path, ...alignRows(rows, '  ')].join('\n');
}

function notAnalysedBlock(result: ReviewResult): string | undefined {
  const rows = [
    ...result.skipped.map((s) => [s.path, oneLine(s.reason)]),
    ...result.notes.map((n) => [n.file ? `${n.file}${n.ruleId ? ` (${n.ruleId})` : ''}` : (n.ruleId ?? 'note'), oneLine(n.message)]),
  ];
  if (rows.length === 0) return undefined;
  return ['Not analysed', ...alignRows(rows, '  ')].join('\n');
}

/** Findings grouped by file, files not analysed, a totals line and the gate (ends with a newline). */
export function renderText(result: ReviewResult): string {
  const blocks: string[] = [];
  const findings = [...result.findings].sort(byFileThenLine);
  let start = 0;
  for (let i = 1; i <= findings.length; i++) {
    if (i === findings.length || findings[i].file !== findings[start].file) {
      blocks.push(fileBlock(findings[start].file, findings.slice(start, i)));
      start = i;
    }
  }
  const notAnalysed = notAnalysedBlock(result);
  if (notAnalysed) blocks.push(notAnalysed);
  const { stats } = result;
  const phrase = countsPhrase(result.counts);
  const mark = findings.length > 0 ? '✖' : '✔';
  const totals = `${mark} ${countOf(findings.length, 'finding')}${phrase ? ` (${phrase})` : ''} in ${formatCount(stats.filesAnalyzed)} of ${countOf(stats.filesChanged, 'changed file')} · rating ${formatRating(rateReview(result))}`;
  blocks.push(`${totals}\n${conclusionLabel(result.gate.conclusion)}: ${result.gate.title}`);
  return `${blocks.join('\n\n')}\n`;
}
