/** The `pr-reviewer` command line: parses argv, runs a command, returns the exit status. */
import { UsageError, describeError } from '../errors.js';
import type { CliIo } from './io.js';
import { parseCliArgs } from './parse-args.js';
import { EXIT } from './exit-codes.js';
import { USAGE } from './usage.js';
import { packageVersion } from './version.js';

export type { CliIo } from './io.js';

/** Runs the CLI with `argv` (without node and script); never throws, resolves with the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    if (command.kind === 'help') {
      io.stdout.write(USAGE);
      return EXIT.pass;
    }
    if (command.kind === 'version') {
      io.stdout.write(`${await packageVersion()}\n`);
      return EXIT.pass;
    }
    // Loaded only for a review: the parsers and detectors are the slow part of start-up.
    const { runReviewCommand } = await import('./review-command.js');
    return await runReviewCommand(command, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pr-reviewer: ${error.message}\nRun "pr-reviewer --help" for usage.\n`);
    } else {
      io.stderr.write(`pr-reviewer: ${describeError(error)}\n`);
    }
    return EXIT.error;
  }
}
