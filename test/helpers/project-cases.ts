/**
 * The project detector case runner: a small in-memory repository (path → text), the paths the
 * change touches, and the findings (`path:line`) the detector must report, no more, no fewer. Runs
 * the real project pass of the engine with the real bounded reader.
 */
import type { Detector, ProjectChangedFile, ProjectDetector, ProjectExample } from '../../detectors/define.js';
import { analyzeProject } from '../../src/analysis/project.js';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/config/defaults.js';
import { createProjectReader } from '../../src/pipeline/project-reader.js';
import type { Note } from '../../src/types.js';
import { dedent } from './detector-cases.js';

export interface ProjectCase extends ProjectExample {
  /** Added lines of a changed file (default: every line of it). */
  added?: Readonly<Record<string, number[]>>;
  options?: Record<string, unknown>;
  /** The listing was cut short (a truncated GitHub tree). */
  incomplete?: boolean;
  /** How many files the reader may fetch. */
  maxReads?: number;
  note?: string;
}

export interface ProjectFlagCase extends ProjectCase {
  /** Expected findings as `path:line`. */
  findings: string[];
  /** A fragment each reported message must contain. */
  message?: string;
}

export interface ProjectRun {
  findings: Array<{ file: string; line: number; message: string; fileLevel: boolean }>;
  notes: Note[];
  /** Paths the detector read beyond the changed files. */
  reads: string[];
}

const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
const all = (n: number): Set<number> => new Set(Array.from({ length: n }, (_, i) => i + 1));

/** The changed files of a case, as the pipeline hands them over (text at the head, added lines). */
export function changedFiles(c: ProjectCase, files: Readonly<Record<string, string>>): ProjectChangedFile[] {
  return [...c.changed].sort().map((path) => {
    const text = files[path] ?? null;
    const added = c.added?.[path];
    return {
      path,
      status: 'modified' as const,
      addedLines: added ? new Set(added) : all(text === null ? 0 : lineCount(text)),
      text,
    };
  });
}

/** Runs one project detector alone, switched on, over the case's repository. */
export async function runProjectDetector(detector: ProjectDetector | Detector, c: ProjectCase): Promise<ProjectRun> {
  const files = Object.fromEntries(Object.entries(c.files).map(([p, t]) => [p, dedent(t)]));
  const changed = changedFiles(c, files);
  const paths = Object.keys(files).sort();
  const reads: string[] = [];
  const known = new Map(changed.filter((f) => f.text !== null).map((f) => [f.path, f.text as string]));
  const reader = createProjectReader({
    readFile: async (path) => {
      reads.push(path);
      return files[path] ?? null;
    },
    paths,
    known,
    ...(c.maxReads !== undefined ? { maxReads: c.maxReads } : {}),
  });
  const config: ResolvedConfig = { ...DEFAULT_CONFIG, rules: { [detector.meta.id]: { enabled: true, options: c.options ?? {} } } };
  const result = await analyzeProject([detector as ProjectDetector], { changed, listing: { paths, complete: !c.incomplete }, read: reader.read, readBudgetSpent: reader.exhausted }, config);
  return {
    findings: result.findings.map((f) => ({ file: f.file, line: f.line, message: f.message, fileLevel: result.fileLevel.has(f) })),
    notes: result.notes,
    reads: reads.sort(),
  };
}

function title(c: ProjectCase, i: number): string {
  const what = c.note ?? `${c.changed.join(', ')} in ${Object.keys(c.files).length} files`;
  return `#${i + 1} ${what}`;
}

/** Declares the jest tests of a project detector from its two tables. */
export function describeProjectDetector(detector: ProjectDetector, cases: { flags: ProjectFlagCase[]; ignores: ProjectCase[] }): void {
  describe(`${detector.meta.id} (project)`, () => {
    describe('flags', () => {
      test.each(cases.flags.map((c, i) => [title(c, i), c] as const))('%s', async (_name, c) => {
        const run = await runProjectDetector(detector, c);
        const failures = run.notes.filter((n) => n.message.startsWith('detector failed'));
        expect(failures).toEqual([]);
        expect(run.findings.map((f) => `${f.file}:${f.line}`).sort()).toEqual([...c.findings].sort());
        if (c.message) for (const f of run.findings) expect(f.message).toContain(c.message);
      });
    });
    describe('ignores', () => {
      test.each(cases.ignores.map((c, i) => [title(c, i), c] as const))('%s', async (_name, c) => {
        const run = await runProjectDetector(detector, c);
        expect(run.notes.filter((n) => n.message.startsWith('detector failed'))).toEqual([]);
        expect(run.findings.map((f) => `${f.file}:${f.line}: ${f.message}`)).toEqual([]);
      });
    });
  });
}
