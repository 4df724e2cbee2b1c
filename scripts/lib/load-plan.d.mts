/** Types of the load plan and its checks (load-plan.mjs). */

export interface DeliveryMix {
  opened: number;
  supersede: number;
  duplicate: number;
  redeliver: number;
  reopen: number;
}

export interface PlannedDelivery {
  pr: number;
  version: number;
  action: string;
  id: string;
  kind: 'opened' | 'supersede' | 'duplicate' | 'redelivery' | 'reopen';
}

/** The figures of the machine-readable line. */
export interface LoadFigures {
  deliveries: number;
  reviews: number;
  stuck: number;
  duplicates: number;
  summaries: { min: number; max: number };
  p99AckMs: number;
  peakRssMb: number;
}

export declare function seededRandom(seed: number): () => number;
export declare function shuffled<T>(list: readonly T[], random: () => number): T[];
export declare function deliveryMix(deliveries: number, prs: number): DeliveryMix;
export declare function versionsPerPr(prs: number, pushes: number): number[];
export declare function chunks<T>(list: readonly T[], size: number): T[][];
export declare function planDeliveries(options: { deliveries: number; prs: number; burst?: number; seed?: number }): {
  mix: DeliveryMix;
  versions: number[];
  phases: PlannedDelivery[][][];
};
export declare function percentile(values: readonly number[], p: number): number;
export declare function duplicateInlineComments(
  reviewComments: ReadonlyArray<{ id: number; key: string; body: string; in_reply_to_id?: number }>,
): { duplicates: number; byPr: Record<string, number> };
export declare function summariesPerPr(
  issueComments: ReadonlyArray<{ key: string; body: string }>,
  prKeys: readonly string[],
): { counts: Record<string, number>; min: number; max: number };
export declare function checkRunOutcomes(
  checkRuns: ReadonlyArray<{ status: string; conclusion?: string; output?: { title?: string; summary?: string } }>,
): { created: number; reviews: number; superseded: number; neutral: number; stuck: number };
export declare function unreviewedHeads<T extends { headSha: string }>(
  checkRuns: ReadonlyArray<{ head_sha: string; status: string; conclusion?: string }>,
  finalHeads: readonly T[],
): T[];
export declare function invariantFailures(result: LoadFigures & {
  unreviewed: readonly unknown[];
  badAcks: number;
  rejected: number;
  drained: boolean;
}): string[];
export declare function machineLine(result: LoadFigures): string;
