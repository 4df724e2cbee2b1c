/**
 * The detector contract: metadata plus a `create` function that subscribes to node kinds of the
 * one shared traversal (ESLint's model). Detectors are pure: no I/O, no logging, no clock.
 */
import type { Node as PyNode, Tree } from 'web-tree-sitter';
import type { ts } from 'ts-morph';
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

/** A Python file parsed once by tree-sitter. */
export interface PyFile extends ParsedFileBase {
  language: 'python';
  tree: Tree;
}

export interface DetectorContext<F, O extends DetectorOptions> {
  file: F;
  options: Readonly<O>;
  report(report: Report): void;
}

type Handler<N> = (node: N) => void;

/** TypeScript handlers keyed by `ts.SyntaxKind`; `exit` runs after the node's children. */
export interface TsVisitor {
  enter?: Partial<Record<ts.SyntaxKind, Handler<ts.Node>>>;
  exit?: Partial<Record<ts.SyntaxKind, Handler<ts.Node>>>;
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

export type Detector = TsDetector | PyDetector;

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
