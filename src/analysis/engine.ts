/**
 * The analysis engine: picks a language per file, parses it once, runs every enabled detector of
 * that language in one shared traversal. A parse failure or a throwing detector becomes a note.
 */
import { isProjectDetector, type Detector, type DetectorContext, type DetectorOptions, type FileDetector, type Praise, type PyDetector, type Report, type TsDetector } from '../../detectors/define.js';
import type { ResolvedConfig } from '../config/defaults.js';
import { describeError } from '../errors.js';
import type { GoodPatternSighting } from '../report/good-patterns.js';
import type { Finding, Language, Note } from '../types.js';
import type { ActiveDetector } from './dispatch.js';
import { unparseableReason } from './input-guard.js';
import { languageOf } from './language.js';
import { type PythonParser, loadPythonParser } from './parse-python.js';
import { parseTypeScript } from './parse-typescript.js';
import { walkPython } from './walk-python.js';
import { walkTypeScript } from './walk-typescript.js';

export interface AnalysisInput {
  path: string;
  text: string;
}

export interface FileAnalysis {
  findings: Finding[];
  notes: Note[];
  /** False when the file was not analysed (unknown language or a parse failure). */
  analyzed: boolean;
  /** Good practice the detectors saw, anywhere in the file (the pipeline keeps what is on changed lines). */
  good?: GoodPatternSighting[];
}

/** Analyses files; holds the loaded parsers so a long-running app pays their start-up once. */
export interface Analyzer {
  analyzeFile(input: AnalysisInput, config: ResolvedConfig): Promise<FileAnalysis>;
}

/** Files larger than this are skipped with a note (minified bundles, generated code). */
export const MAX_FILE_BYTES = 1_000_000;

function enabledFor(detectors: readonly FileDetector[], config: ResolvedConfig): FileDetector[] {
  return detectors.filter((d) => isEnabled(d, config) || praiseOnly(d, config));
}

/** Off by default, not named by the config, and spots a good pattern: run for its praise only. */
function praiseOnly(detector: Detector, config: ResolvedConfig): boolean {
  return detector.meta.praisesWhenOff === true && detector.meta.enabledByDefault === false && config.rules[detector.meta.id] === undefined;
}

/** A rule the config names is on unless set `off`; one it does not name follows its default. */
export function isEnabled(detector: Detector, config: ResolvedConfig): boolean {
  const setting = config.rules[detector.meta.id];
  return setting ? setting.enabled : detector.meta.enabledByDefault !== false;
}

/** The finding a detector's report becomes: rule id, severity (config first) and category filled in. */
export function findingOf(detector: Detector, config: ResolvedConfig, path: string, report: Report): Finding {
  const setting = config.rules[detector.meta.id];
  const { meta } = detector;
  return {
    ruleId: meta.id,
    severity: setting?.severity ?? meta.severity,
    category: meta.category,
    file: path,
    line: report.line,
    endLine: Math.max(report.endLine ?? report.line, report.line),
    ...(report.column !== undefined ? { column: report.column } : {}),
    message: report.message,
    recommendation: report.recommendation ?? meta.recommendation,
    ...(report.fix ? { fix: report.fix } : {}),
  };
}

/** The detector's options: its defaults under the config's. */
export function optionsOf(detector: Detector, config: ResolvedConfig): Readonly<DetectorOptions> {
  return Object.freeze({ ...detector.defaultOptions, ...config.rules[detector.meta.id]?.options });
}

/** True when `options` sets anything (an own enumerable key, as a spread would copy). */
function setsAny(options: object): boolean {
  return Object.keys(options).length > 0 || Object.getOwnPropertySymbols(options).some((s) => Object.prototype.propertyIsEnumerable.call(options, s));
}

/**
 * One detector's run over one file: its context (`report` and `praise` are methods, so a file costs
 * one object per detector, not a context and two closures) and what it found.
 */
class DetectorRun<F extends { path: string }> implements ActiveDetector, DetectorContext<F, DetectorOptions> {
  failed?: unknown = undefined;
  findings: Finding[] | undefined = undefined;
  good: GoodPatternSighting[] | undefined = undefined;

  constructor(
    readonly detector: FileDetector,
    readonly id: string,
    readonly file: F,
    readonly options: Readonly<DetectorOptions>,
    private readonly config: ResolvedConfig,
  ) {}

  report(report: Report): void {
    (this.findings ??= []).push(findingOf(this.detector, this.config, this.file.path, report));
  }

  praise({ line, pattern }: Praise): void {
    (this.good ??= []).push({ pattern, file: this.file.path, line });
  }
}

/** What a config makes of one language's detectors: the ones that run, with their options. */
interface Plan {
  detectors: FileDetector[];
  options: Array<Readonly<DetectorOptions>>;
}

/** Creates an analyzer over a registry; the Python grammar is loaded on the first Python file. */
export function createAnalyzer(registry: readonly Detector[]): Analyzer {
  let python: Promise<PythonParser> | undefined;
  /** The registry's per-file detectors by language, in registry order (sorted out once, not per file). */
  const byLanguage = new Map<Language, FileDetector[]>();
  for (const d of registry) {
    if (isProjectDetector(d)) continue;
    const list = byLanguage.get(d.meta.language);
    if (list) list.push(d);
    else byLanguage.set(d.meta.language, [d]);
  }

  /**
   * A detector's frozen defaults, made once and shared by every file whose config sets no option for
   * it (the same content `optionsOf` would copy for each file).
   */
  const defaults = new Map<FileDetector, Readonly<DetectorOptions>>();
  function optionsFor(detector: FileDetector, config: ResolvedConfig): Readonly<DetectorOptions> {
    const set = config.rules[detector.meta.id]?.options;
    if (set != null && setsAny(set)) return optionsOf(detector, config);
    let shared = defaults.get(detector);
    if (shared === undefined) {
      shared = Object.freeze({ ...detector.defaultOptions });
      defaults.set(detector, shared);
    }
    return shared;
  }

  /**
   * The plan of the last config seen, per language: a review analyses all its files with one config
   * (a resolved config is frozen), so the rules are sorted out once per review, not per file.
   */
  let planned: { config: ResolvedConfig; plans: Map<Language, Plan> } | undefined;
  function planFor(language: Language, config: ResolvedConfig): Plan {
    if (planned?.config !== config) planned = { config, plans: new Map() };
    let plan = planned.plans.get(language);
    if (plan === undefined) {
      const detectors = enabledFor(byLanguage.get(language) ?? [], config);
      plan = { detectors, options: detectors.map((d) => optionsFor(d, config)) };
      planned.plans.set(language, plan);
    }
    return plan;
  }

  function run<F extends { path: string }, V>(
    { detectors, options }: Plan,
    file: F,
    config: ResolvedConfig,
    walk: (visitors: Array<{ owner: ActiveDetector; visitor: V }>) => void,
  ): FileAnalysis {
    const runs: Array<DetectorRun<F>> = [];
    const visitors: Array<{ owner: ActiveDetector; visitor: V }> = [];
    for (let i = 0; i < detectors.length; i++) {
      const detector = detectors[i];
      const ctx = new DetectorRun(detector, detector.meta.id, file, options[i], config);
      runs.push(ctx);
      try {
        visitors.push({ owner: ctx, visitor: (detector.create as unknown as (c: typeof ctx) => V)(ctx) });
      } catch (error) {
        ctx.failed = error;
      }
    }
    walk(visitors);
    const findings: Finding[] = [];
    const good: GoodPatternSighting[] = [];
    const notes: Note[] = [];
    for (const ctx of runs) {
      const forPraiseOnly = praiseOnly(ctx.detector, config);
      if (ctx.failed === undefined) {
        if (!forPraiseOnly && ctx.findings) findings.push(...ctx.findings);
        if (ctx.good) good.push(...ctx.good);
      } else if (!forPraiseOnly) {
        notes.push({ file: file.path, ruleId: ctx.id, message: `detector failed: ${describeError(ctx.failed)}` });
      }
    }
    return { findings, notes, analyzed: true, good };
  }

  return {
    async analyzeFile({ path, text }, config) {
      const language = languageOf(path);
      if (!language) return { findings: [], notes: [], analyzed: false };
      // A UTF-16 unit is at most 3 bytes of UTF-8: most files are measured by their length alone.
      if (text.length * 3 > MAX_FILE_BYTES && Buffer.byteLength(text) > MAX_FILE_BYTES) {
        return { findings: [], notes: [{ file: path, message: `not analysed: larger than ${MAX_FILE_BYTES} bytes` }], analyzed: false };
      }
      const unparseable = unparseableReason(text);
      if (unparseable) return { findings: [], notes: [{ file: path, message: `not analysed: ${unparseable}` }], analyzed: false };
      const plan = planFor(language, config);
      try {
        if (language === 'typescript') {
          const file = parseTypeScript(path, text);
          return run(plan, file, config, (visitors) =>
            walkTypeScript(file.sourceFile, visitors as Parameters<typeof walkTypeScript>[1]),
          );
        }
        python ??= loadPythonParser();
        const file = (await python).parse(path, text);
        if (!file) return { findings: [], notes: [{ file: path, message: 'not analysed: the Python parser gave up' }], analyzed: false };
        try {
          return run(plan, file, config, (visitors) =>
            walkPython(file.tree, visitors as Parameters<typeof walkPython>[1]),
          );
        } finally {
          file.tree.delete();
        }
      } catch (error) {
        return { findings: [], notes: [{ file: path, message: `not analysed: ${describeError(error)}` }], analyzed: false };
      }
    },
  };
}

export type { TsDetector, PyDetector };
