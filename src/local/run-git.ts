/** Runs git without a shell and turns its failures into `SourceError`s carrying git's own message. */
import { execFile } from 'node:child_process';
import { SourceError } from '../errors.js';

/** Large diffs and files must not be cut off by Node's default 1 MB output limit. */
const MAX_BUFFER = 256 * 1024 * 1024;

/** Extra inputs of one git invocation. */
export interface GitOptions {
  /** Written to git's standard input (closed right away otherwise, so git never waits on it). */
  input?: string;
}

/** Runs `git args` in `cwd` and resolves with its standard output. */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd,
        maxBuffer: MAX_BUFFER,
        encoding: 'utf8',
        // Read-only use: never take the index lock, never prompt for credentials.
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' },
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        // ENOENT: git is not on PATH or `cwd` does not exist; either way git never ran.
        const notStarted = (error as { code?: unknown }).code === 'ENOENT';
        const detail = notStarted ? `could not start git in ${cwd} (is git installed?)` : stderr.trim() || error.message;
        reject(new SourceError(`git ${args.join(' ')} failed: ${detail}`, { cause: error }));
      },
    );
    // git may exit without reading its input; the EPIPE that follows is not the failure to report.
    child.stdin?.on('error', () => undefined);
    if (options.input === undefined) child.stdin?.end();
    else child.stdin?.end(options.input);
  });
}

/** Like `runGit`, but resolves with null when git exits non-zero (a ref that does not exist). */
export async function tryGit(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    return await runGit(cwd, args);
  } catch (error) {
    if (error instanceof SourceError && isExitStatus(error.cause)) return null;
    throw error;
  }
}

/** True for "git ran and exited non-zero", false for "git could not be started" (ENOENT). */
function isExitStatus(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'number';
}
