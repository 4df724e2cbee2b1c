/**
 * What a pull request changes about the findings of the files it touches: the findings it
 * introduces, those on its changed lines that were already there at the base (the line was edited,
 * the problem predates the PR), and those it resolves (at the base, gone at the head).
 * Findings are matched by identity (rule, path, normalised line text, occurrence), so moved code
 * keeps its identity and a reworded line does not.
 */
import type { KeyedFinding } from '../pipeline/types.js';
import type { Finding } from '../types.js';
import { fingerprintFindings } from './fingerprint.js';

export interface BaseComparisonInput {
  /** The findings the review reports (on changed lines, after suppressions and config). */
  reported: readonly KeyedFinding[];
  /** Every finding of the analysed files at the head, whole files. */
  headAll: readonly Finding[];
  headLines: (path: string) => readonly string[];
  /** Every finding of the same files at the base, whole files, with head paths (renames mapped). */
  baseAll: readonly Finding[];
  baseLines: (path: string) => readonly string[];
}

export interface BaseComparison {
  introduced: KeyedFinding[];
  preexisting: KeyedFinding[];
  resolved: Finding[];
}

const locationKey = (f: Pick<Finding, 'ruleId' | 'file' | 'line' | 'message'>): string => `${f.ruleId}\u0000${f.file}\u0000${f.line}\u0000${f.message}`;

/** Splits `reported` into introduced and pre-existing, and lists the base findings the head lost. */
export function compareWithBase(input: BaseComparisonInput): BaseComparison {
  const headIds = fingerprintFindings(input.headAll, input.headLines);
  const baseIds = fingerprintFindings(input.baseAll, input.baseLines);
  const headIdAt = new Map(input.headAll.map((f, i) => [locationKey(f), headIds[i]]));
  const atBase = new Set(baseIds);
  const atHead = new Set(headIds);
  const introduced: KeyedFinding[] = [];
  const preexisting: KeyedFinding[] = [];
  for (const finding of input.reported) {
    const id = headIdAt.get(locationKey(finding));
    (id !== undefined && atBase.has(id) ? preexisting : introduced).push(finding);
  }
  const resolved = input.baseAll.filter((_, i) => !atHead.has(baseIds[i]));
  return { introduced, preexisting, resolved };
}
