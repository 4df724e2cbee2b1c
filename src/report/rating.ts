/** The overall rating of a review: a score out of 10 and a one-word grade. */
import type { ReviewResult } from '../pipeline/types.js';
import { SEVERITIES, type Severity } from '../types.js';

/** The one-word grade of a score. */
export type RatingGrade = 'Excellent' | 'Good' | 'Fair' | 'Poor' | 'Failing';

/** A score 0–10 (one decimal) and its grade. */
export interface Rating {
  score: number;
  grade: RatingGrade;
}

/** Points per finding of each severity. */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = Object.freeze({
  critical: 10,
  high: 5,
  medium: 2,
  low: 0.5,
});

/** Below this many added lines a change counts as this many, so a tiny diff is not judged by one finding alone. */
const MIN_LINES = 50;
/** The highest score a review with a critical / a high finding can get (grades Poor / Fair). */
const CRITICAL_CAP = 4;
const HIGH_CAP = 6.5;
/** Each good pattern adds this much, up to `MAX_BONUS` (it never lifts a score past a cap or 10). */
const PATTERN_BONUS = 0.25;
const MAX_BONUS = 1;

const GRADES: ReadonlyArray<readonly [number, RatingGrade]> = [
  [9, 'Excellent'],
  [7, 'Good'],
  [5, 'Fair'],
  [3, 'Poor'],
  [0, 'Failing'],
];

/**
 * Rates a review; `null` when nothing was analysed.
 *
 *   points  = 10·critical + 5·high + 2·medium + 0.5·low
 *   density = 100 · points / max(addedLines, 50)          (points per 100 added lines)
 *   base    = 10 / (1 + density / 10)                     (10 with no findings, 5 at density 10)
 *   score   = min(10, cap, base + min(1, 0.25 · goodPatterns)), rounded to one decimal
 *   cap     = 4 with any critical, 6.5 with any high, else 10
 *   grade   = Excellent ≥ 9 > Good ≥ 7 > Fair ≥ 5 > Poor ≥ 3 > Failing
 *
 * Monotonic: another finding, or a severer one, raises `points` and can only lower the cap, so
 * the score never goes up; good patterns can only raise it.
 */
export function rateReview(input: Pick<ReviewResult, 'counts' | 'stats' | 'goodPatterns'>): Rating | null {
  const { counts, stats, goodPatterns } = input;
  if (stats.filesAnalyzed === 0) return null;
  const points = SEVERITIES.reduce((sum, s) => sum + SEVERITY_WEIGHTS[s] * counts[s], 0);
  const density = (100 * points) / Math.max(stats.addedLines, MIN_LINES);
  const base = 10 / (1 + density / 10);
  const cap = counts.critical > 0 ? CRITICAL_CAP : counts.high > 0 ? HIGH_CAP : 10;
  const bonus = Math.min(MAX_BONUS, PATTERN_BONUS * goodPatterns.length);
  const score = Math.round(Math.min(10, cap, base + bonus) * 10) / 10;
  const grade = GRADES.find(([min]) => score >= min)?.[1] ?? 'Failing';
  return { score, grade };
}

/** "7.5/10 (Good)", or "not rated (nothing analysed)". */
export function formatRating(rating: Rating | null): string {
  if (!rating) return 'not rated (nothing analysed)';
  return `${rating.score.toFixed(1)}/10 (${rating.grade})`;
}
