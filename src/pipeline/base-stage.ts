/**
 * The comparison with the base: the changed files that existed before the PR are read and analysed
 * at the base too, so the review can say what the PR introduces, what was already there on the lines
 * it touched, and what it resolves. The gate then counts only what the PR introduces.
 */
import pLimit from 'p-limit';
import type { Analyzer } from '../analysis/engine.js';
import { splitLines } from '../analysis/split-lines.js';
import type { ResolvedConfig } from '../config/defaults.js';
import { compareWithBase, type BaseComparison } from '../filter/base-comparison.js';
import { severityRank } from '../filter/sort.js';
import type { Logger } from '../logger.js';
import type { ChangedFile, Finding, Source } from '../types.js';
import type { KeyedFinding } from './types.js';

/** Base files read at once (the same bound as head reads). */
const READ_CONCURRENCY = 8;

export interface BaseStageInput {
  source: Source;
  analyzer: Analyzer;
  config: ResolvedConfig;
  logger: Logger;
  /** The analysed changed files. */
  files: readonly ChangedFile[];
  /** Whole-file findings and lines of the analysed files at the head. */
  headFindings: readonly Finding[];
  headLines: ReadonlyMap<string, readonly string[]>;
  /** What the review reports (changed lines, filtered). */
  reported: readonly KeyedFinding[];
  /** Why no further work may start (the review's time budget), or undefined. */
  timeReason?: () => string | undefined;
}

/** The comparison, or undefined when nothing could be compared (a new-files-only PR, no base reader). */
export async function runBaseStage(input: BaseStageInput): Promise<BaseComparison | undefined> {
  const { source } = input;
  const readBase = source.readBaseFile?.bind(source);
  const candidates = input.files.filter((f) => f.status !== 'added' && !f.wholeFile && input.headLines.has(f.path));
  if (!readBase || candidates.length === 0) return undefined;
  const limit = pLimit(READ_CONCURRENCY);
  const texts = await Promise.all(
    candidates.map((file) => limit(() => (input.timeReason?.() ? Promise.resolve(null) : readBase(file).catch(() => null)))),
  );
  const baseFindings: Finding[] = [];
  const baseLines = new Map<string, readonly string[]>();
  const compared = new Set<string>();
  for (const [i, file] of candidates.entries()) {
    const text = texts[i];
    if (text === null || text === undefined) continue;
    // Analysed under the head path, so identities (rule, path, line text) line up across a rename.
    const analysis = await input.analyzer.analyzeFile({ path: file.path, text }, input.config);
    if (!analysis.analyzed) continue;
    compared.add(file.path);
    baseFindings.push(...analysis.findings);
    baseLines.set(file.path, splitLines(text));
  }
  if (compared.size === 0) return undefined;
  const minRank = severityRank(input.config.minSeverity);
  const comparison = compareWithBase({
    // A file that could not be read at the base has nothing to compare with: its findings count as new.
    reported: input.reported,
    headAll: input.headFindings.filter((f) => compared.has(f.file)),
    headLines: (path) => input.headLines.get(path) ?? [],
    baseAll: baseFindings,
    baseLines: (path) => baseLines.get(path) ?? [],
  });
  const resolved = comparison.resolved.filter((f) => severityRank(f.severity) <= minRank);
  input.logger.info({ compared: compared.size, introduced: comparison.introduced.length, preexisting: comparison.preexisting.length, resolved: resolved.length }, 'compared with the base');
  return { ...comparison, resolved };
}
