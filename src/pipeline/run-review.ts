/**
 * Wires the stages: source → analysis → filter → report → publisher. The webhook and the CLI call
 * this same function with another Source and Publisher. Every path ends in `publish` or `abort`.
 */
import picomatch from 'picomatch';
import pLimit from 'p-limit';
import type { Detector } from '../../detectors/define.js';
import type { Analyzer } from '../analysis/engine.js';
import { languageOf } from '../analysis/language.js';
import { splitLines } from '../analysis/split-lines.js';
import type { ResolvedConfig } from '../config/defaults.js';
import { validateRuleIds } from '../config/validate-rules.js';
import { ConfigError, describeError } from '../errors.js';
import { filterFindings } from '../filter/filter-findings.js';
import type { Logger } from '../logger.js';
import { decideGate } from '../report/gate.js';
import { summarizeGoodPatterns, type GoodPatternSighting } from '../report/good-patterns.js';
import { SEVERITIES, type ChangedFile, type Finding, type Note, type SeverityCounts, type SkippedFile, type Source } from '../types.js';
import { createReviewBudget, type ReviewBudget } from './budget.js';
import { runBaseStage } from './base-stage.js';
import { runProjectStage } from './project-stage.js';
import type { Publisher } from './publisher.js';
import type { ReviewResult } from './types.js';

export interface ReviewDeps {
  source: Source;
  publisher: Publisher;
  analyzer: Analyzer;
  registry: readonly Detector[];
  loadConfig: () => Promise<ResolvedConfig>;
  logger: Logger;
  /** Returns a reason to skip the review under this config (e.g. a draft PR). */
  skipReason?: (config: ResolvedConfig) => string | undefined;
  /** How many file contents are fetched at once. */
  readConcurrency?: number;
  headSha?: string;
  /** Monotonic clock in ms for the time budget (`performance.now` by default). */
  now?: () => number;
}

function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

interface Analysed {
  findings: Finding[];
  notes: Note[];
  skipped: SkippedFile[];
  lines: Map<string, readonly string[]>;
  /** Texts read at the head, for the project-level stage. */
  texts: Map<string, string>;
  analyzed: number;
  /** Good practice the detectors saw, anywhere in the analysed files. */
  good: GoodPatternSighting[];
}

/** Whether a line counts as changed: an added line, or any line of a file reviewed whole. */
function changedLine(files: readonly ChangedFile[]): (file: string, line: number) => boolean {
  const byPath = new Map(files.map((f) => [f.path, f]));
  return (path, line) => {
    const file = byPath.get(path);
    return file !== undefined && (file.wholeFile === true || file.addedLines.has(line));
  };
}

async function analyseFiles(files: readonly ChangedFile[], deps: ReviewDeps, config: ResolvedConfig, budget: ReviewBudget): Promise<Analysed> {
  const out: Analysed = { findings: [], notes: [], skipped: [], lines: new Map(), texts: new Map(), analyzed: 0, good: [] };
  const limit = pLimit(deps.readConcurrency ?? 8);
  // Settled up front: a read that fails while an earlier one is awaited must not become an
  // unhandled rejection (which ends the process), and one unreadable file must not end the review.
  const contents = files.map((file) =>
    // Past the time budget the remaining files are not even read.
    limit(() => (budget.timeReason() ? Promise.resolve(null) : deps.source.readFile(file.path))).then(
      (text) => ({ text, error: undefined }),
      (error: unknown) => ({ text: null, error }),
    ),
  );
  // Reads run concurrently; analysis consumes them in path order so output never depends on timing.
  for (const [i, file] of files.entries()) {
    const { text, error } = await contents[i];
    const overBudget = budget.timeReason() ?? (text === null ? undefined : budget.take(Buffer.byteLength(text)));
    if (overBudget) {
      out.skipped.push({ path: file.path, reason: overBudget.replace(/^not analysed: /, '') });
      continue;
    }
    if (text === null) {
      if (error !== undefined) deps.logger.warn({ err: error, path: file.path }, 'file read failed');
      const reason = error === undefined ? 'contents could not be read' : `contents could not be read: ${describeError(error)}`;
      out.skipped.push({ path: file.path, reason });
      continue;
    }
    out.texts.set(file.path, text);
    const result = await deps.analyzer.analyzeFile({ path: file.path, text }, config);
    out.notes.push(...result.notes);
    if (!result.analyzed) {
      out.skipped.push({ path: file.path, reason: result.notes[0]?.message.replace(/^not analysed: /, '') ?? 'not analysed' });
      continue;
    }
    out.analyzed++;
    out.findings.push(...result.findings);
    out.good.push(...(result.good ?? []));
    out.lines.set(file.path, splitLines(text));
  }
  return out;
}

/** Splits the change into files to analyse and files skipped by path rules or language. */
function selectFiles(files: readonly ChangedFile[], config: ResolvedConfig): { analyse: ChangedFile[]; skipped: SkippedFile[] } {
  const ignored = picomatch([...config.paths.ignore], { dot: true });
  const analyse: ChangedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    if (ignored(file.path)) skipped.push({ path: file.path, reason: 'ignored by paths.ignore (vendored, generated or configured)' });
    else if (!languageOf(file.path)) skipped.push({ path: file.path, reason: 'no analyser for this file type' });
    else analyse.push(file);
  }
  analyse.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { analyse, skipped };
}

/** Runs one review end to end; returns the result, or undefined when it was skipped or aborted. */
export async function runReview(deps: ReviewDeps): Promise<ReviewResult | undefined> {
  const { publisher, logger } = deps;
  const started = performance.now();
  try {
    // Inside the try: if the check run cannot be created, `abort` still tries to leave one completed.
    await publisher.begin();
    let config: ResolvedConfig;
    try {
      config = validateRuleIds(await deps.loadConfig(), deps.registry);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      logger.warn({ err: error }, 'invalid config');
      await publisher.abort({ conclusion: 'failure', title: 'Invalid configuration', detail: error.message });
      return undefined;
    }
    const skip = deps.skipReason?.(config);
    if (skip) {
      await publisher.abort({ conclusion: 'neutral', title: 'Not reviewed', detail: skip });
      return undefined;
    }
    const changes = await deps.source.listChanges();
    const { analyse, skipped } = selectFiles(changes.files, config);
    logger.info({ files: changes.files.length, toAnalyse: analyse.length, skipped: changes.skipped.length + skipped.length }, 'change listed');
    const budget = createReviewBudget({ timeoutSeconds: config.timeoutSeconds, ...(deps.now ? { now: deps.now } : { startedAt: started }) });
    const analysed = await analyseFiles(analyse, deps, config, budget);
    const project = await runProjectStage({ source: deps.source, registry: deps.registry, config, logger, files: changes.files, texts: analysed.texts, timeReason: budget.timeReason });
    const filtered = filterFindings({
      findings: [...analysed.findings, ...project.findings],
      fileLevel: project.fileLevel,
      files: new Map(analyse.map((f) => [f.path, f])),
      lines: analysed.lines,
      config,
    });
    const allSkipped = [...changes.skipped, ...skipped, ...analysed.skipped];
    const listed = changes.files.length + changes.skipped.length;
    if (changes.reportedFileCount !== undefined && changes.reportedFileCount > listed) {
      allSkipped.push({ path: '(unlisted files)', reason: `GitHub lists ${listed} of the ${changes.reportedFileCount} changed files` });
    }
    const stats = {
      filesChanged: changes.reportedFileCount ?? listed,
      filesAnalyzed: analysed.analyzed,
      addedLines: analyse.reduce((n, f) => n + (f.wholeFile ? (analysed.lines.get(f.path)?.length ?? 0) : f.addedLines.size), 0),
      suppressed: filtered.suppressed,
    };
    const counts = countBySeverity(filtered.findings);
    const base = await runBaseStage({
      source: deps.source,
      analyzer: deps.analyzer,
      config,
      logger,
      files: analyse,
      headFindings: analysed.findings,
      headLines: analysed.lines,
      reported: filtered.findings,
      timeReason: budget.timeReason,
    });
    // The gate counts what the PR introduces: a problem already on a line it touched is not its doing.
    const introduced = base ? countBySeverity(base.introduced) : counts;
    const result: ReviewResult = {
      findings: filtered.findings,
      notes: [...analysed.notes, ...project.notes],
      skipped: allSkipped,
      stats,
      counts,
      gate: decideGate(introduced, config.failOn, stats),
      ...(base
        ? { baseline: { introduced, preexisting: base.preexisting.map((f) => f.fingerprint), resolved: countBySeverity(base.resolved) } }
        : {}),
      config,
      goodPatterns: summarizeGoodPatterns([...analysed.good, ...(project.good ?? [])], filtered.findings, changedLine(analyse)),
      ...(deps.headSha ? { headSha: deps.headSha } : {}),
    };
    logger.info({ findings: result.findings.length, ...counts, analysed: stats.filesAnalyzed, ms: Math.round(performance.now() - started) }, 'analysis done');
    await publisher.publish(result);
    return result;
  } catch (error) {
    logger.error({ err: error }, 'review failed');
    await publisher.abort({ conclusion: 'neutral', title: 'Review could not finish', detail: describeError(error), error });
    return undefined;
  }
}
