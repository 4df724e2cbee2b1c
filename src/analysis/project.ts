/**
 * The project-level pass of the engine: runs each enabled project detector once per review over the
 * change, the repository's paths and a read-only reader. A detector that throws becomes a note and
 * its findings are dropped, exactly as in the per-file pass.
 */
import type { GoodPatternSighting } from '../report/good-patterns.js';
import {
  isProjectDetector,
  type Detector,
  type ProjectChangedFile,
  type ProjectContext,
  type ProjectDetector,
  type ProjectReport,
} from '../../detectors/define.js';
import type { ResolvedConfig } from '../config/defaults.js';
import { describeError } from '../errors.js';
import type { Finding, Note, RepoListing } from '../types.js';
import { findingOf, isEnabled, optionsOf } from './engine.js';
import { languageOf } from './language.js';

/** What the project pass gets from the pipeline. */
export interface ProjectInput {
  changed: readonly ProjectChangedFile[];
  listing: RepoListing;
  read(path: string): Promise<string | null>;
  /** True once the reader refused a read for its budget. */
  readBudgetSpent(): boolean;
}

/** What the project pass found: findings, which of them are file-level, and notes. */
export interface ProjectAnalysis {
  findings: Finding[];
  /** Findings about a whole file: kept on any changed file, whatever lines were added. */
  fileLevel: ReadonlySet<Finding>;
  notes: Note[];
  /** Good practice the project detectors saw in changed files. */
  good?: GoodPatternSighting[];
}

/** True when the detector reads some language of the change ('any' reads every change). */
function appliesTo(detector: ProjectDetector, changed: readonly ProjectChangedFile[]): boolean {
  const { language } = detector.meta;
  if (language === 'any') return true;
  return changed.some((f) => {
    const lang = languageOf(f.path);
    return lang !== undefined && language.includes(lang);
  });
}

/** The enabled project detectors that have something to look at in this change, in registry order. */
export function projectDetectorsFor(registry: readonly Detector[], changed: readonly ProjectChangedFile[], config: ResolvedConfig): ProjectDetector[] {
  return registry.filter((d): d is ProjectDetector => isProjectDetector(d) && isEnabled(d, config) && appliesTo(d, changed));
}

/** Runs `detectors` one after the other (fixed order, so output never depends on timing). */
export async function analyzeProject(detectors: readonly ProjectDetector[], input: ProjectInput, config: ResolvedConfig): Promise<ProjectAnalysis> {
  const findings: Finding[] = [];
  const fileLevel = new Set<Finding>();
  const notes: Note[] = [];
  const good: GoodPatternSighting[] = [];
  for (const detector of detectors) {
    const own: Finding[] = [];
    const ownNotes: Note[] = [];
    const ownGood: GoodPatternSighting[] = [];
    const ctx: ProjectContext<Record<string, unknown>> = {
      changed: input.changed,
      paths: input.listing.paths,
      complete: input.listing.complete,
      read: input.read,
      readBudgetSpent: input.readBudgetSpent,
      options: optionsOf(detector, config),
      report(report: ProjectReport) {
        const finding = findingOf(detector, config, report.file, report);
        own.push(finding);
        if (report.fileLevel) fileLevel.add(finding);
      },
      note(message: string) {
        ownNotes.push({ ruleId: detector.meta.id, message });
      },
      praise({ file, line, pattern }) {
        ownGood.push({ file, line, pattern });
      },
    };
    try {
      await detector.check(ctx);
      findings.push(...own);
      notes.push(...ownNotes);
      good.push(...ownGood);
    } catch (error) {
      for (const f of own) fileLevel.delete(f);
      notes.push({ ruleId: detector.meta.id, message: `detector failed: ${describeError(error)}` });
    }
  }
  return { findings, fileLevel, notes, good };
}
