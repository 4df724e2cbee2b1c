/** Types of the app-process harness (app-process.mjs). */
import type { ChildProcess } from 'node:child_process';
import type { FakePullRequest } from './server.mjs';

export declare const INSTALLATION_ID: number;

export interface AppProcess {
  url: string;
  child: ChildProcess;
  log(): string;
  deliver(
    event: string,
    payload: unknown,
    id?: string,
    options?: { signature?: string },
  ): Promise<{ status: number; ackMs: number }>;
  stop(graceMs?: number): Promise<void>;
}

export declare function freePort(): Promise<number>;
export declare function waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs: number, what: string): Promise<T>;
export declare function startAppProcess(options: {
  root: string;
  githubHost: string;
  cwd?: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}): Promise<AppProcess>;
export declare function pullRequestPayload(pr: FakePullRequest, action?: string, installationId?: number): Record<string, unknown>;

export interface WorkerProcess {
  child: ChildProcess;
  log(): string;
  stop(graceMs?: number): Promise<void>;
}

/** Peak resident set size of `pid` in MB (VmHWM), undefined where /proc is unreadable. */
export declare function peakRssMb(pid: number): number | undefined;
export declare function startWorkerProcess(options: {
  root: string;
  githubHost: string;
  redisUrl: string;
  cwd?: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}): Promise<WorkerProcess>;
