/** The merge gate: the check run's conclusion and its one-line title. */
import type { GateLevel } from '../config/defaults.js';
import type { Gate, ReviewStats } from '../pipeline/types.js';
import { SEVERITIES, type SeverityCounts } from '../types.js';
import { countOf, countsPhrase, formatCount, totalOf } from './wording.js';

/** True when some finding is at or above `failOn` (`none` never fails). */
function failsAt(counts: SeverityCounts, failOn: GateLevel): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return SEVERITIES.some((severity, rank) => rank <= threshold && counts[severity] > 0);
}

/**
 * `failure` when a finding at or above `failOn` exists, else `neutral` when nothing was analysed
 * (an empty review is never shown green), else `success`.
 */
export function decideGate(
  counts: SeverityCounts,
  failOn: GateLevel,
  stats: Pick<ReviewStats, 'filesChanged' | 'filesAnalyzed'>,
): Gate {
  const phrase = countsPhrase(counts);
  if (failsAt(counts, failOn)) return { conclusion: 'failure', title: `${phrase} — fails at ${failOn}` };
  const notAnalysed = Math.max(0, stats.filesChanged - stats.filesAnalyzed);
  if (stats.filesAnalyzed === 0) {
    const why = stats.filesChanged === 0 ? 'no changed files' : `${countOf(notAnalysed, 'file')} skipped`;
    return { conclusion: 'neutral', title: `Nothing analysed: ${why}` };
  }
  if (totalOf(counts) === 0) {
    const skipped = notAnalysed > 0 ? ` (${formatCount(notAnalysed)} not analysed)` : '';
    return { conclusion: 'success', title: `No findings in ${countOf(stats.filesAnalyzed, 'file')}${skipped}` };
  }
  const gate = failOn === 'none' ? 'gate off (failOn: none)' : `none at or above ${failOn}`;
  return { conclusion: 'success', title: `${phrase} — ${gate}` };
}
