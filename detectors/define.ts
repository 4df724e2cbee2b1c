/**
 * The detector contract: metadata plus a `create` function that subscribes to node kinds of the
 * one shared traversal (ESLint's model). Detectors are pure: no I/O, no logging, no clock.
 */
import type { ts } from 'ts-morph';
import type { PyNode, PyTree } from '../src/analysis/py-tree.js';
import type { GoodPatternKind } from '../src/report/good-patterns.js';
import type { Category, Fix, Language, Severity } from '../src/types.js';

export type DetectorOptions = Record<string, unknown>;

/** Documentation lives on the detector; `npm run docs` renders it. */
export interface DetectorDocs {
  why: string;
  /** Code the detector flags (each example must produce a finding). */
  flagged: string[];
  /** Near misses it deliberately leaves alone (each must produce none). */
  ignored: string[];
}

export interface DetectorMeta {
  id: string;
  language: Language;
  severity: Severity;
  category: Category;
  description: string;
  recommendation: string;
  docs: DetectorDocs;
  /**
   * `false` ships the rule switched off (a repository turns it on in its config); the reason belongs
   * in `docs.why`. Default: on.
   */
  enabledByDefault?: boolean;
  /**
   * A rule that also spots a good pattern (`ctx.praise`) and is off by default still runs for its
   * praise, its findings dropped, unless the config names it (then it is fully on or fully off).
   */
  praisesWhenOff?: boolean;
}

/** What a detector reports; rule id, severity, category and file are filled in by the engine. */
export interface Report {
  line: number;
  endLine?: number;
  column?: number;
  message: string;
  /** Overrides the metadata's recommendation when the advice is specific to this code. */
  recommendation?: string;
  fix?: Fix;
}

export interface ParsedFileBase {
  path: string;
  text: string;
  /** Source lines without their terminators; `lines[0]` is line 1. */
  lines: readonly string[];
  /**
   * Computes a per-file analysis once and shares it between detectors (a scope model, a map of
   * imports). The cache lives and dies with the parsed file.
   */
  memo<T>(key: string, compute: () => T): T;
}

/** A TypeScript/JavaScript file parsed once with parent pointers set. */
export interface TsFile extends ParsedFileBase {
  language: 'typescript';
  sourceFile: ts.SourceFile;
  /** 1-based line of a position. */
  lineOf(pos: number): number;
}

/** A Python file parsed once by tree-sitter, its tree copied into JS memory (see `PyTree`). */
export interface PyFile extends ParsedFileBase {
  language: 'python';
  tree: PyTree;
}

export type { PyNode };

/** Good practice a detector saw (shown in the summary when it sits on a changed line). */
export interface Praise {
  line: number;
  pattern: GoodPatternKind;
}

export interface DetectorContext<F, O extends DetectorOptions> {
  file: F;
  options: Readonly<O>;
  report(report: Report): void;
  /** Records good practice on `line` (a query with bound parameters, a call with a timeout ...). */
  praise(praise: Praise): void;
}

type Handler<N> = (node: N) => void;

/** A node kind by its name in `ts.SyntaxKind` (`CallExpression`, `IfStatement`). */
export type TsKindName = keyof typeof ts.SyntaxKind;

/**
 * TypeScript handlers keyed by kind name, as ESLint keys its handlers by node type. Not by the
 * `SyntaxKind` number: an object with keys in the hundreds gets an elements store as long as the
 * largest key (about 2.7 kB per object, each file and detector making one or two). Write a table as
 * an object literal, or with `handlersFor` (one handler shared by a list of kinds): tables built key
 * by key with a fresh closure per kind kept every file's tree alive through young-generation
 * collections (docs/performance.md).
 */
export type TsHandlers = { [K in TsKindName]?: Handler<ts.Node> };

/** TypeScript handlers keyed by kind name; `exit` runs after the node's children. */
export interface TsVisitor {
  enter?: TsHandlers;
  exit?: TsHandlers;
  /** Runs once after the traversal (whole-file conclusions such as unused imports). */
  end?: () => void;
}

/** Python handlers keyed by tree-sitter node type (`call`, `except_clause`, ...). */
export interface PyVisitor {
  enter?: Record<string, Handler<PyNode>>;
  exit?: Record<string, Handler<PyNode>>;
  end?: () => void;
}

export interface TsDetector<O extends DetectorOptions = DetectorOptions> {
  meta: DetectorMeta & { language: 'typescript' };
  defaultOptions: O;
  create(ctx: DetectorContext<TsFile, O>): TsVisitor;
}

export interface PyDetector<O extends DetectorOptions = DetectorOptions> {
  meta: DetectorMeta & { language: 'python' };
  defaultOptions: O;
  create(ctx: DetectorContext<PyFile, O>): PyVisitor;
}

/** Any registered detector: per-file (TypeScript, Python) or project-level. */
export type Detector = TsDetector | PyDetector | ProjectDetector;

/** A detector that analyses one parsed file. */
export type FileDetector = TsDetector | PyDetector;

/** Declares a TypeScript/JavaScript detector (typed identity, frozen). */
export function defineTsDetector<O extends DetectorOptions>(
  detector: Omit<TsDetector<O>, 'meta'> & { meta: Omit<DetectorMeta, 'language'> },
): TsDetector<O> {
  return Object.freeze({ ...detector, meta: Object.freeze({ ...detector.meta, language: 'typescript' as const }) });
}

/** Declares a Python detector (typed identity, frozen). */
export function definePyDetector<O extends DetectorOptions>(
  detector: Omit<PyDetector<O>, 'meta'> & { meta: Omit<DetectorMeta, 'language'> },
): PyDetector<O> {
  return Object.freeze({ ...detector, meta: Object.freeze({ ...detector.meta, language: 'python' as const }) });
}

/**
 * Project-level detectors (missing tests, circular imports, dangling references) look past the
 * changed file: they get the change, the repository's paths at the head and a read-only reader.
 * They run once per review, after the per-file pass, and stay pure: no I/O except through `read`.
 */

/** A small repository for a project detector's docs example: path → text; `changed` lists the PR's files. */
export interface ProjectExample {
  files: Readonly<Record<string, string>>;
  /** Paths of `files` the change touches; every line of them counts as added. */
  changed: readonly string[];
}

/** Documentation of a project detector; its examples are small repositories. */
export interface ProjectDocs {
  why: string;
  flagged: ProjectExample[];
  ignored: ProjectExample[];
}

/** Metadata of a project detector: `language` is 'any' or the languages whose files it reads. */
export interface ProjectMeta extends Omit<DetectorMeta, 'language' | 'docs'> {
  language: 'any' | readonly Language[];
  docs: ProjectDocs;
}

/** A changed file as a project detector sees it. */
export interface ProjectChangedFile {
  path: string;
  previousPath?: string;
  status: 'added' | 'modified' | 'renamed' | 'copied' | 'changed';
  /** Lines (new side, 1-based) added by the change. */
  addedLines: ReadonlySet<number>;
  /** Every line counts as added (the `scan` command). */
  wholeFile?: boolean;
  /** Text at the head, or null when it was not read (skipped, unreadable, not a source file). */
  text: string | null;
}

/** A project finding names its file; `fileLevel` findings concern the whole file (kept on any changed file). */
export interface ProjectReport extends Report {
  file: string;
  fileLevel?: boolean;
}

/** What a project detector's `check` gets: the change, the repository's paths, a reader, options and sinks. */
export interface ProjectContext<O extends DetectorOptions> {
  /** The change's files, sorted by path. */
  changed: readonly ProjectChangedFile[];
  /** Every file path of the repository at the head, sorted. */
  paths: readonly string[];
  /** False when the listing was cut short (a truncated GitHub tree): rules needing completeness stand down. */
  complete: boolean;
  /** A file's text at the head, or null (not in the repository, too large, binary, read budget spent). Cached per review. */
  read(path: string): Promise<string | null>;
  /** True once `read` refused a file because the review's read budget is spent: null then means "unknown". */
  readBudgetSpent(): boolean;
  options: Readonly<O>;
  report(report: ProjectReport): void;
  /** Records good practice in a changed file (tests changed alongside the source ...). */
  praise(praise: Praise & { file: string }): void;
  /** Says in the summary why the rule stood down or stopped early (never silent about lost coverage). */
  note(message: string): void;
}

/** A detector that runs once per review over the whole change (see `defineProjectDetector`). */
export interface ProjectDetector<O extends DetectorOptions = DetectorOptions> {
  kind: 'project';
  meta: ProjectMeta;
  defaultOptions: O;
  check(ctx: ProjectContext<O>): Promise<void>;
}

/** Declares a project-level detector (typed identity, frozen). */
export function defineProjectDetector<O extends DetectorOptions>(detector: Omit<ProjectDetector<O>, 'kind'>): ProjectDetector<O> {
  return Object.freeze({ ...detector, kind: 'project' as const, meta: Object.freeze({ ...detector.meta }) });
}

/** True for a project-level detector, false for a per-file one. */
export function isProjectDetector(detector: Detector): detector is ProjectDetector {
  return 'kind' in detector && detector.kind === 'project';
}

/** The registry's second sort key and the detector's folder: its language, or `project`. */
export function detectorFolder(detector: Detector): Language | 'project' {
  return isProjectDetector(detector) ? 'project' : detector.meta.language;
}
