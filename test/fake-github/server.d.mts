/** Types of the fake GitHub (server.mjs). */
export declare const MAX_BODY_CHARS: number;
export declare const MAX_ANNOTATIONS: number;

export interface FakeFile {
  filename: string;
  status: string;
  patch?: string;
  previous_filename?: string;
}

export interface FakePullRequest {
  owner: string;
  repo: string;
  number: number;
  draft: boolean;
  baseSha: string;
  headSha: string;
  baseRef: string;
  headRef: string;
  files: FakeFile[];
  tree: string[];
}

export interface FakeCall {
  method: string;
  path: string;
  at: number;
}

export interface FakeCheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string };
  updates: unknown[];
}

export interface FakeState {
  calls: FakeCall[];
  checkRuns: FakeCheckRun[];
  reviews: Array<{ id: number; key: string; commit_id?: string; event?: string; body?: string }>;
  reviewComments: Array<{ id: number; key: string; path: string; line: number; body: string; in_reply_to_id?: number; resolved?: boolean }>;
  issueComments: Array<{ id: number; key: string; body: string; edits: number }>;
  reactions: Array<{ commentId: number; content: string }>;
  rejected: Array<{ method: string; path: string; reason: string }>;
  threadEvents: Array<{ id: string; resolved: boolean }>;
}

export interface FakeGitHub {
  port: number;
  host: string;
  url: string;
  state: FakeState;
  /** Serves `pr`; a newer head of the same PR replaces it, older heads' contents stay readable. */
  addPullRequest(pr: FakePullRequest): void;
  injectFault(fault: { method: string; path: RegExp; status: number; times?: number; retryAfter?: number }): void;
  setLatency(ms: number): void;
  checkRunsFor(headSha: string): FakeCheckRun[];
  close(): Promise<void>;
}

export declare function pullRequestFromGit(options: {
  dir: string;
  base: string;
  head: string;
  number: number;
  owner?: string;
  repo?: string;
  draft?: boolean;
}): FakePullRequest;

export declare function startFakeGitHub(options?: { latencyMs?: number }): Promise<FakeGitHub>;
