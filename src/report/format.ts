/** One entry point for the CLI's output formats. */
import type { ReviewResult } from '../pipeline/types.js';
import { renderJson } from './format-json.js';
import { renderSarif, type RuleDescriptor, type SarifOptions } from './format-sarif.js';
import { renderText } from './format-text.js';
import { planInlineComments } from './inline.js';
import { renderSummary } from './summary.js';

/** The values of `--format`. */
export type CliFormat = 'text' | 'json' | 'markdown' | 'sarif';

/** The summary exactly as a first review of this change would post it. */
function renderMarkdown(result: ReviewResult): string {
  const plan = planInlineComments(result.findings, { max: result.config.maxInlineComments, posted: new Set() });
  return renderSummary(result, { posted: plan.comments.length, summaryOnly: plan.summaryOnly.length });
}

/** `result` in a CLI format; `rules` (detector metadata) feed SARIF's rule list. */
export function renderForCli(format: CliFormat, result: ReviewResult, rules: readonly RuleDescriptor[], options: SarifOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(result);
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'sarif':
      return renderSarif(result, rules, options);
  }
}
