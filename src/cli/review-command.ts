/** Runs `diff` and `scan`: builds the Source, config loader and Publisher, then the one pipeline. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { registry } from '../../detectors/index.js';
import { createAnalyzer } from '../analysis/engine.js';
import { UsageError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { findRepoRoot } from '../local/git-refs.js';
import { createGitSource } from '../local/git-source.js';
import { createScanSource } from '../local/scan-source.js';
import { runReview } from '../pipeline/run-review.js';
import type { Source } from '../types.js';
import type { CliIo } from './io.js';
import { cliConfigLoader } from './load-config.js';
import type { CliCommand } from './parse-args.js';
import { ruleDescriptors } from '../report/rule-descriptors.js';
import { TerminalPublisher } from './terminal-publisher.js';
import { packageVersion } from './version.js';

type ReviewCommand = Extract<CliCommand, { kind: 'diff' | 'scan' }>;

async function prepare(command: ReviewCommand, io: CliIo, logger: Logger): Promise<{ source: Source; configDir: string; headSha?: string }> {
  if (command.kind === 'scan') return { source: createScanSource({ cwd: io.cwd, paths: command.paths }), configDir: io.cwd };
  const dir = resolve(io.cwd, command.repo ?? '.');
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new UsageError(`--repo ${command.repo ?? '.'}: no such directory`);
  const root = await findRepoRoot(dir);
  const source = createGitSource({ root, ...(command.base !== undefined ? { base: command.base } : {}), ...(command.head !== undefined ? { head: command.head } : {}) });
  // Resolving the refs first turns a mistyped --base or --head into a clear error before any work.
  const range = await source.range();
  logger.info({ root, base: range.base, head: range.head ?? 'working tree', reason: range.baseReason }, 'range resolved');
  return { source, configDir: root, ...(range.head !== null ? { headSha: range.head } : {}) };
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** A logger on stderr at LOG_LEVEL (default `warn`), so stdout carries only the report. */
function cliLogger(io: CliIo): Logger {
  const level = io.env.LOG_LEVEL || 'warn';
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`LOG_LEVEL ${level}: must be one of ${LOG_LEVELS.join(', ')}`);
  return createLogger(level, io.stderr);
}

/** Reviews and prints; resolves with the exit status. */
export async function runReviewCommand(command: ReviewCommand, io: CliIo): Promise<number> {
  const logger = cliLogger(io);
  const { source, configDir, headSha } = await prepare(command, io, logger);
  const publisher = new TerminalPublisher(command.format, ruleDescriptors(registry), io.stdout, io.stderr, { version: await packageVersion() });
  await runReview({
    source,
    publisher,
    analyzer: createAnalyzer(registry),
    registry,
    loadConfig: cliConfigLoader(command.config, configDir, io.cwd),
    logger: logger.child({ command: command.kind }),
    ...(headSha !== undefined ? { headSha } : {}),
  });
  return publisher.exitCode();
}
