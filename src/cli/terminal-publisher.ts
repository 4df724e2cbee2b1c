/** The CLI's Publisher: prints the rendered review on stdout, an aborted review's reason on stderr. */
import type { Abort, Publisher } from '../pipeline/publisher.js';
import type { ReviewResult } from '../pipeline/types.js';
import { renderForCli } from '../report/format.js';
import type { RuleDescriptor, SarifOptions } from '../report/format-sarif.js';
import { EXIT } from './exit-codes.js';
import type { TextSink } from './io.js';
import type { OutputFormat } from './parse-args.js';

/** How the review ended, once `publish` or `abort` has run. */
export type Outcome = { kind: 'published'; result: ReviewResult } | { kind: 'aborted'; reason: Abort };

/** Prints to the terminal; `exitCode()` maps the outcome to the CLI's exit status. */
export class TerminalPublisher implements Publisher {
  outcome: Outcome | undefined;

  constructor(
    private readonly format: OutputFormat,
    private readonly rules: readonly RuleDescriptor[],
    private readonly stdout: TextSink,
    private readonly stderr: TextSink,
    private readonly sarif: SarifOptions = {},
  ) {}

  async begin(): Promise<void> {
    // Nothing to announce on a terminal.
  }

  async publish(result: ReviewResult): Promise<void> {
    const output = renderForCli(this.format, result, this.rules, this.sarif);
    this.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    this.outcome = { kind: 'published', result };
  }

  async abort(reason: Abort): Promise<void> {
    this.stderr.write(`pr-reviewer: ${reason.title}: ${reason.detail}\n`);
    this.outcome = { kind: 'aborted', reason };
  }

  /** 1 when the gate fails, 0 when it passes or nothing was analysed (neutral), 2 when aborted. */
  exitCode(): number {
    if (this.outcome?.kind !== 'published') return EXIT.error;
    return this.outcome.result.gate.conclusion === 'failure' ? EXIT.fail : EXIT.pass;
  }
}
