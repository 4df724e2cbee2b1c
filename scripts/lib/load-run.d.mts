/** Types of the load runner (load-run.mjs). */
import type { DeliveryMix, LoadFigures } from './load-plan.mjs';

/** What one load run measured. */
export interface LoadResult extends LoadFigures {
  mode: 'in-process' | 'redis';
  prs: number;
  installations: number;
  mix: DeliveryMix;
  workers: number;
  checkRuns: { created: number; reviews: number; superseded: number; neutral: number; stuck: number };
  summaries: { counts: Record<string, number>; min: number; max: number };
  unreviewed: Array<{ key: string; headSha: string }>;
  rejected: number;
  badAcks: number;
  p50AckMs: number;
  maxAckMs: number;
  ackByKind: Record<string, { count: number; p50: number; p99: number }>;
  rssMb: number[];
  apiCalls: number;
  writes: number;
  seconds: number;
  drained: boolean;
  failures: string[];
  logTail?: string;
}

export declare function flawedSource(version: number): string;
export declare function runLoad(options: {
  root: string;
  mode?: 'in-process' | 'redis';
  deliveries?: number;
  prs?: number;
  installations?: number;
  burst?: number;
  gapMs?: number;
  workers?: number;
  timeoutMs?: number;
  say?: (line: string) => void;
}): Promise<LoadResult>;
export declare function describeLoad(result: LoadResult): string;
