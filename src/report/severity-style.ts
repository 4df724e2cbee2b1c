/** How each severity and gate conclusion is shown: emoji marker and label. */
import type { Conclusion, Severity } from '../types.js';

/** Emoji marker per severity, used in comments, the summary and the check run. */
export const SEVERITY_MARKER: Readonly<Record<Severity, string>> = Object.freeze({
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
});

/** Capitalised severity name, e.g. "Critical". */
export function severityLabel(severity: Severity): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}

/** Marker and word for a gate conclusion, e.g. "❌ Failed". */
export function conclusionLabel(conclusion: Conclusion): string {
  switch (conclusion) {
    case 'success':
      return '✅ Passed';
    case 'failure':
      return '❌ Failed';
    case 'neutral':
      return '⚪ Neutral';
  }
}
