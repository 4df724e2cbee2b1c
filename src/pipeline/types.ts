/** The data that flows from the filter stage to the report stage and the publishers. */
import type { ResolvedConfig } from '../config/defaults.js';
import type { Conclusion, Finding, Note, SeverityCounts, SkippedFile } from '../types.js';

/** A finding with its stable identity (rule, path, normalised line text, occurrence). */
export interface KeyedFinding extends Finding {
  fingerprint: string;
  /** True when the finding's line may carry an inline comment (inside a hunk, new side). */
  commentable: boolean;
}

/** Per-review numbers shown in the summary and used by the rating. */
export interface ReviewStats {
  filesChanged: number;
  filesAnalyzed: number;
  addedLines: number;
  /** Findings dropped by inline `pr-reviewer-ignore` comments. */
  suppressed: number;
}

export interface Gate {
  conclusion: Conclusion;
  /** One line for the check run title, e.g. "2 high findings: failing at high". */
  title: string;
}

/** What the PR changes about the findings of the files it touches, compared with its base. */
export interface Baseline {
  /** Reported findings the PR introduces, per severity. */
  introduced: SeverityCounts;
  /** Fingerprints of reported findings that were already there at the base, on lines the PR touched. */
  preexisting: string[];
  /** Findings at the base, in the changed files, that the head no longer has, per severity. */
  resolved: SeverityCounts;
}

/** Everything a renderer needs about one review; pure data. */
export interface ReviewResult {
  findings: KeyedFinding[];
  notes: Note[];
  skipped: SkippedFile[];
  stats: ReviewStats;
  counts: SeverityCounts;
  gate: Gate;
  config: ResolvedConfig;
  /** Good practices seen in the changed code (e.g. "parameterized queries"). */
  goodPatterns: string[];
  /** The comparison with the base, when changed files existed before the PR (the gate counts `introduced`). */
  baseline?: Baseline;
  /** The commit reviewed, when known. */
  headSha?: string;
}

/** An inline review comment, ready to post on a line GitHub accepts. */
export interface InlineComment {
  path: string;
  line: number;
  /** First line of a multi-line comment (same hunk), when the finding spans lines. */
  startLine?: number;
  body: string;
  /** The fingerprints of the findings this comment carries (more than one when folded). */
  fingerprints: string[];
}
