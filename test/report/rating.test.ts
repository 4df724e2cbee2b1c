import { formatRating, rateReview } from '../../src/report/rating.js';
import { SEVERITIES, type Severity, type SeverityCounts } from '../../src/types.js';

const none: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
const stats = (addedLines: number, filesAnalyzed = 3) => ({ filesChanged: 3, filesAnalyzed, addedLines, suppressed: 0 });

function score(counts: SeverityCounts, addedLines = 200, goodPatterns: string[] = []): number {
  const rating = rateReview({ counts, stats: stats(addedLines), goodPatterns });
  if (!rating) throw new Error('expected a rating');
  return rating.score;
}

describe('rateReview', () => {
  it('is 10, Excellent, with no findings', () => {
    expect(rateReview({ counts: none, stats: stats(120), goodPatterns: [] })).toEqual({ score: 10, grade: 'Excellent' });
  });

  it('is null (not rated) when nothing was analysed', () => {
    expect(rateReview({ counts: none, stats: stats(0, 0), goodPatterns: [] })).toBeNull();
    expect(formatRating(null)).toBe('not rated (nothing analysed)');
  });

  it('follows the documented formula', () => {
    // 1 medium in 100 lines: points 2, density 2, 10 / 1.2 = 8.33.
    expect(rateReview({ counts: { ...none, medium: 1 }, stats: stats(100), goodPatterns: [] })).toEqual({ score: 8.3, grade: 'Good' });
    // 10 medium in 100 lines: density 20, 10 / 3 = 3.33.
    expect(rateReview({ counts: { ...none, medium: 10 }, stats: stats(100), goodPatterns: [] })).toEqual({ score: 3.3, grade: 'Poor' });
    // Fewer than 50 added lines count as 50.
    expect(score({ ...none, low: 1 }, 5)).toBe(score({ ...none, low: 1 }, 50));
  });

  it('caps a review with a critical finding at 4 and one with a high finding at 6.5', () => {
    expect(rateReview({ counts: { ...none, critical: 1 }, stats: stats(5000), goodPatterns: ['a', 'b', 'c', 'd'] })).toEqual({ score: 4, grade: 'Poor' });
    expect(rateReview({ counts: { ...none, high: 1 }, stats: stats(5000), goodPatterns: [] })).toEqual({ score: 6.5, grade: 'Fair' });
  });

  it('never rises with another finding or a severer one', () => {
    for (const lines of [0, 10, 50, 200, 1000, 20000]) {
      for (const patterns of [[], ['p'], ['p', 'q', 'r', 's', 't']]) {
        let counts = { ...none };
        let previous = score(counts, lines, patterns);
        // Add findings one at a time, cycling low → critical: each step must not raise the score.
        for (let i = 0; i < 60; i++) {
          const severity: Severity = SEVERITIES[3 - (i % 4)];
          counts = { ...counts, [severity]: counts[severity] + 1 };
          const next = score(counts, lines, patterns);
          expect(next).toBeLessThanOrEqual(previous);
          previous = next;
        }
        // Making one finding severer (moving it one severity up) must not raise it either.
        for (const base of [{ ...none, low: 1, medium: 1, high: 1 }, { critical: 1, high: 2, medium: 3, low: 4 }]) {
          for (let from = 3; from > 0; from--) {
            const lower: SeverityCounts = { ...base };
            const higher: SeverityCounts = { ...base, [SEVERITIES[from]]: base[SEVERITIES[from]] - 1, [SEVERITIES[from - 1]]: base[SEVERITIES[from - 1]] + 1 };
            expect(score(higher, lines, patterns)).toBeLessThanOrEqual(score(lower, lines, patterns));
          }
        }
      }
    }
  });

  it('good patterns lift a score a little, never past a cap', () => {
    const counts = { ...none, medium: 2 };
    expect(score(counts, 200, ['a', 'b'])).toBeGreaterThan(score(counts, 200));
    expect(score(counts, 200, Array.from({ length: 20 }, String))).toBeCloseTo(score(counts, 200) + 1, 5);
    expect(score({ ...none, high: 1 }, 10000, ['a', 'b', 'c', 'd'])).toBe(6.5);
  });

  it('formats score and grade', () => {
    expect(formatRating({ score: 7.5, grade: 'Good' })).toBe('7.5/10 (Good)');
    expect(formatRating({ score: 10, grade: 'Excellent' })).toBe('10.0/10 (Excellent)');
  });
});

describe('the worked example of docs/report.md', () => {
  const stats = { filesChanged: 4, filesAnalyzed: 4, addedLines: 240, suppressed: 0 };
  test('240 added lines, 1 high, 2 medium, 3 low, two good patterns: 6.5 (Fair), capped by the high', () => {
    expect(rateReview({ counts: { critical: 0, high: 1, medium: 2, low: 3 }, stats, goodPatterns: ['a', 'b'] })).toEqual({ score: 6.5, grade: 'Fair' });
  });
  test('the high fixed: 8.6 (Good)', () => {
    expect(rateReview({ counts: { critical: 0, high: 0, medium: 2, low: 3 }, stats, goodPatterns: ['a', 'b'] })).toEqual({ score: 8.6, grade: 'Good' });
  });
});
