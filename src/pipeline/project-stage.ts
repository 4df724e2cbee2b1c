/**
 * The project-level stage of a review: after the per-file pass, once per review, lists the
 * repository's paths (only when an enabled project detector has something to look at) and runs the
 * project detectors with a cached, bounded reader. Any failure here is a note, never a dead review.
 */
import type { Detector, ProjectChangedFile } from '../../detectors/define.js';
import { analyzeProject, projectDetectorsFor, type ProjectAnalysis } from '../analysis/project.js';
import type { ResolvedConfig } from '../config/defaults.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChangedFile, RepoListing, Source } from '../types.js';
import { createProjectReader } from './project-reader.js';

/** What the stage needs from the review: its source, registry, config, logger and the per-file pass's results. */
export interface ProjectStageInput {
  source: Source;
  registry: readonly Detector[];
  config: ResolvedConfig;
  logger: Logger;
  /** Every changed file the source listed. */
  files: readonly ChangedFile[];
  /** Texts read at the head by the per-file pass. */
  texts: ReadonlyMap<string, string>;
  /** Why no further work may start (the review's time budget), or undefined. */
  timeReason?: () => string | undefined;
}

function empty(notes: ProjectAnalysis['notes'] = []): ProjectAnalysis {
  return { findings: [], fileLevel: new Set(), notes };
}

function toProjectFile(file: ChangedFile, texts: ReadonlyMap<string, string>): ProjectChangedFile {
  return {
    path: file.path,
    ...(file.previousPath !== undefined ? { previousPath: file.previousPath } : {}),
    status: file.status,
    addedLines: file.addedLines,
    ...(file.wholeFile ? { wholeFile: true } : {}),
    text: texts.get(file.path) ?? null,
  };
}

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Runs the project detectors of one review; returns their findings, file-level set and notes. */
export async function runProjectStage(input: ProjectStageInput): Promise<ProjectAnalysis> {
  const changed = input.files.map((f) => toProjectFile(f, input.texts)).sort(byPath);
  const detectors = projectDetectorsFor(input.registry, changed, input.config);
  if (detectors.length === 0 || !input.source.listPaths) return empty();
  const late = input.timeReason?.();
  if (late) return empty([{ message: `project-level rules not run: ${late.replace(/^not analysed: /, '')}` }]);
  const started = performance.now();
  let listing: RepoListing;
  try {
    listing = await input.source.listPaths();
  } catch (error) {
    input.logger.warn({ err: error }, 'repository listing failed');
    return empty([{ message: `project-level rules not run: listing the repository failed: ${describeError(error)}` }]);
  }
  const reader = createProjectReader({ readFile: (path) => input.source.readFile(path), paths: listing.paths, known: input.texts, ...(input.timeReason ? { stop: input.timeReason } : {}) });
  const result = await analyzeProject(detectors, { changed, listing, read: reader.read, readBudgetSpent: reader.exhausted }, input.config);
  if (reader.exhausted()) {
    const why = input.timeReason?.()?.replace(/^not analysed: /, '') ?? 'the read budget was spent';
    result.notes.push({ message: `project-level rules stopped reading after ${reader.reads()} files (${why}): what lies in unread files is not reported` });
  }
  input.logger.info(
    { detectors: detectors.length, paths: listing.paths.length, complete: listing.complete, reads: reader.reads(), findings: result.findings.length, ms: Math.round(performance.now() - started) },
    'project analysis done',
  );
  return result;
}
