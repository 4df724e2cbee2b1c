/** Turns argv into one command, or a UsageError naming what is wrong. */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

/** The output formats of `--format`. */
export const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
/** One of `FORMATS`. */
export type OutputFormat = (typeof FORMATS)[number];

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'diff'; repo?: string; base?: string; head?: string; format: OutputFormat; config?: string }
  | { kind: 'scan'; paths: string[]; format: OutputFormat; config?: string };

const OPTIONS = {
  repo: { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Options only `diff` accepts. */
const DIFF_ONLY = ['repo', 'base', 'head'] as const;

function parseFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return 'text';
  const format = FORMATS.find((f) => f === value);
  if (!format) throw new UsageError(`--format ${value}: must be one of ${FORMATS.join(', ')}`);
  return format;
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util reports unknown options and missing values as TypeErrors with an ERR_PARSE_ARGS code.
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** Parses `pr-reviewer` arguments (without the node and script paths). */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values, positionals } = parse(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('missing command: diff or scan');
  if (command === 'help') return { kind: 'help' };
  const format = parseFormat(values.format);
  const config = nonEmpty('config', values.config);
  if (command === 'diff') {
    if (rest.length > 0) throw new UsageError(`diff takes no paths (got ${rest.join(' ')}); use --repo DIR for another repository`);
    const [repo, base, head] = DIFF_ONLY.map((k) => nonEmpty(k, values[k]));
    return {
      kind: 'diff',
      format,
      ...(config !== undefined ? { config } : {}),
      ...(repo !== undefined ? { repo } : {}),
      ...(base !== undefined ? { base } : {}),
      ...(head !== undefined ? { head } : {}),
    };
  }
  if (command === 'scan') {
    const misplaced = DIFF_ONLY.filter((k) => values[k] !== undefined);
    if (misplaced.length > 0) throw new UsageError(`--${misplaced[0]} is only valid with diff`);
    if (rest.length === 0) throw new UsageError('scan needs at least one file or directory');
    return { kind: 'scan', paths: rest, format, ...(config !== undefined ? { config } : {}) };
  }
  throw new UsageError(`unknown command "${command}": use diff or scan`);
}
