import type { GateLevel } from '../../src/config/defaults.js';
import { decideGate } from '../../src/report/gate.js';
import type { SeverityCounts } from '../../src/types.js';

const none: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
const analysed = { filesChanged: 6, filesAnalyzed: 4 };

describe('decideGate', () => {
  const counts: SeverityCounts = { critical: 0, high: 2, medium: 1, low: 0 };
  it.each<[GateLevel, 'failure' | 'success', string]>([
    ['critical', 'success', '2 high, 1 medium — none at or above critical'],
    ['high', 'failure', '2 high, 1 medium — fails at high'],
    ['medium', 'failure', '2 high, 1 medium — fails at medium'],
    ['low', 'failure', '2 high, 1 medium — fails at low'],
    ['none', 'success', '2 high, 1 medium — gate off (failOn: none)'],
  ])('failOn %s with 2 high and 1 medium → %s', (failOn, conclusion, title) => {
    expect(decideGate(counts, failOn, analysed)).toEqual({ conclusion, title });
  });

  it.each<[GateLevel, 'failure' | 'success']>([
    ['critical', 'success'],
    ['high', 'success'],
    ['medium', 'success'],
    ['low', 'failure'],
    ['none', 'success'],
  ])('failOn %s with only low findings → %s', (failOn, conclusion) => {
    expect(decideGate({ ...none, low: 3 }, failOn, analysed).conclusion).toBe(conclusion);
  });

  it('a critical finding fails every level but none', () => {
    const critical = { ...none, critical: 1 };
    for (const failOn of ['critical', 'high', 'medium', 'low'] as const) {
      expect(decideGate(critical, failOn, analysed)).toEqual({ conclusion: 'failure', title: `1 critical — fails at ${failOn}` });
    }
    expect(decideGate(critical, 'none', analysed).conclusion).toBe('success');
  });

  it('no findings is a success that says how many files were analysed and skipped', () => {
    expect(decideGate(none, 'high', { filesChanged: 4, filesAnalyzed: 4 })).toEqual({ conclusion: 'success', title: 'No findings in 4 files' });
    expect(decideGate(none, 'high', { filesChanged: 3, filesAnalyzed: 1 })).toEqual({ conclusion: 'success', title: 'No findings in 1 file (2 not analysed)' });
  });

  it('nothing analysed is neutral, never green, whatever failOn is', () => {
    for (const failOn of ['critical', 'high', 'medium', 'low', 'none'] as const) {
      expect(decideGate(none, failOn, { filesChanged: 3, filesAnalyzed: 0 })).toEqual({ conclusion: 'neutral', title: 'Nothing analysed: 3 files skipped' });
    }
    expect(decideGate(none, 'high', { filesChanged: 0, filesAnalyzed: 0 })).toEqual({ conclusion: 'neutral', title: 'Nothing analysed: no changed files' });
    expect(decideGate({ ...none, low: 1 }, 'high', { filesChanged: 1, filesAnalyzed: 0 }).conclusion).toBe('neutral');
  });

  it('a finding at the gate fails even when no file was analysed (project-level detectors)', () => {
    expect(decideGate({ ...none, high: 1 }, 'high', { filesChanged: 2, filesAnalyzed: 0 }).conclusion).toBe('failure');
  });
});
