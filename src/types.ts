/** Shared data types of the review pipeline. `Finding` is a public contract (see docs). */

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'security',
  'reliability',
  'performance',
  'maintainability',
  'testing',
  'architecture',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Language = 'typescript' | 'python';

/** A mechanical fix: replace lines `line..endLine` (1-based, inclusive) with `replacement`. */
export interface Fix {
  line: number;
  endLine: number;
  replacement: string;
}

/** One problem found in one place (contract). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category;
  file: string;
  line: number;
  endLine: number;
  column?: number;
  message: string;
  recommendation: string;
  fix?: Fix;
}

/** Something the review could not do, shown in the summary (never silently dropped). */
export interface Note {
  file?: string;
  ruleId?: string;
  message: string;
}

/** A changed file of a pull request or a local diff. */
export interface ChangedFile {
  path: string;
  previousPath?: string;
  status: 'added' | 'modified' | 'renamed' | 'copied' | 'changed';
  /** Lines (new side, 1-based) added by the change. */
  addedLines: ReadonlySet<number>;
  /** Lines (new side) a review comment may be placed on: inside a hunk, added or context. */
  commentableLines: ReadonlySet<number>;
  /** Every line counts as changed (the `scan` command). */
  wholeFile?: boolean;
}

/** A changed file that was not analysed, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** What a source lists for one review. */
export interface ChangeSet {
  files: ChangedFile[];
  skipped: SkippedFile[];
  /** How many files the platform says the change has (to detect truncated listings). */
  reportedFileCount?: number;
}

/** The repository's file paths at the head of the change (for project-level detectors). */
export interface RepoListing {
  /** Sorted, `/`-separated, relative to the repository root (or the scan's directory). */
  paths: string[];
  /** False when the platform cut the listing short (GitHub's truncated tree). */
  complete: boolean;
}

/** Where a review's input comes from: GitHub or a local git diff. */
export interface Source {
  /** Changed files, their commentable lines, and files left out with a reason. */
  listChanges(): Promise<ChangeSet>;
  /** File contents at the head of the change, or null when it cannot be read. */
  readFile(path: string): Promise<string | null>;
  /**
   * Every file path of the repository at the head. Optional: without it the project-level detectors
   * (missing tests, circular imports, dangling references) do not run.
   */
  listPaths?(): Promise<RepoListing>;
  /**
   * A changed file's contents at the base of the change (its previous path when renamed), or null.
   * Optional: without it nothing is compared with the base (all findings count as introduced).
   */
  readBaseFile?(file: ChangedFile): Promise<string | null>;
}

export type Trigger = 'pull_request' | 'comment' | 'check_rerequested' | 'cli';

/** One unit of queued work (contract). */
export interface ReviewJob {
  installationId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  trigger: Trigger;
  deliveryId: string;
}

export type Conclusion = 'success' | 'failure' | 'neutral';

export type SeverityCounts = Record<Severity, number>;
