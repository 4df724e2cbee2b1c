/** What the CLI reads from and writes to; the binary passes the process's, tests their own. */

/** Anything with a string `write` (process.stdout, a test buffer). */
export interface TextSink {
  write(chunk: string): unknown;
}

/** The CLI's view of its process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}
