/** Completes the check of a queued review that a newer push replaced before it ran. */
import type { Probot } from 'probot';
import type { SupersededHandler } from '../queue/types.js';
import type { ReviewJob } from '../types.js';
import { completeCheckRun } from './check-run.js';

/** The check output of a superseded review: `neutral`, naming the newer head. */
export function supersededOutput(by: Pick<ReviewJob, 'headSha'>): { title: string; summary: string } {
  return { title: 'Not reviewed', summary: `superseded by ${by.headSha}` };
}

/** A handler that writes a completed `neutral` "superseded by <sha>" check run on the old head. */
export function completeSuperseded(app: Pick<Probot, 'auth'>): SupersededHandler {
  return async (superseded, by) => {
    const octokit = await app.auth(superseded.installationId);
    const target = { octokit, owner: superseded.owner, repo: superseded.repo, headSha: superseded.headSha };
    await completeCheckRun(target, undefined, 'neutral', supersededOutput(by));
  };
}
