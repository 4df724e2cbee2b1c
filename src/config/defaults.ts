/** The configuration every review starts from; a repository's file overrides it. */
import type { Severity } from '../types.js';

export const CONFIG_PATH = '.github/pr-reviewer.yml';

export type GateLevel = Severity | 'none';

/** A rule's effective setting after the user's config is applied. */
export interface RuleSetting {
  enabled: boolean;
  severity?: Severity;
  options: Readonly<Record<string, unknown>>;
}

/** Validated, frozen configuration of one review. */
export interface ResolvedConfig {
  failOn: GateLevel;
  minSeverity: Severity;
  maxInlineComments: number;
  reviewDrafts: boolean;
  /** The review's time budget: files not analysed by then are listed as skipped. */
  timeoutSeconds: number;
  paths: { ignore: readonly string[] };
  rules: Readonly<Record<string, RuleSetting>>;
  /** Where it came from, for the summary: a path, `owner/.github`, or `defaults`. */
  source: string;
}

export const DEFAULT_IGNORES: readonly string[] = Object.freeze([
  '**/node_modules/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/dist/**',
  '**/build/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*.bundle.js',
  '**/*.map',
  '**/*.generated.*',
  '**/*.pb.go',
  '**/*_pb2.py',
  '**/package-lock.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
]);

export const DEFAULT_CONFIG: ResolvedConfig = Object.freeze({
  failOn: 'high',
  minSeverity: 'low',
  maxInlineComments: 25,
  reviewDrafts: false,
  timeoutSeconds: 120,
  paths: Object.freeze({ ignore: DEFAULT_IGNORES }),
  rules: Object.freeze({}),
  source: 'defaults',
});
