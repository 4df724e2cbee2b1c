/** Creates and completes the `pr-reviewer` check run; annotations go in batches of at most 50. */
import type { ProbotOctokit } from 'probot';
import type { CheckRunAnnotation } from '../report/check-run.js';
import type { Conclusion } from '../types.js';
import { callGitHub } from './api-error.js';
import { CHECK_NAME } from './check-name.js';

/** GitHub's limit for `output.summary` and `output.text`. */
export const MAX_OUTPUT_CHARS = 65_535;
/** GitHub's limit for `output.title`. */
const MAX_TITLE_CHARS = 255;

/** The text parts of a check run output. */
export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
}

/** Where the check run lives: the repository and the commit it reports on. */
export interface CheckRunTarget {
  octokit: ProbotOctokit;
  owner: string;
  repo: string;
  headSha: string;
}

/** Cuts `text` to `max` characters, saying so, so GitHub never refuses the output for its size. */
export function clampText(text: string, max = MAX_OUTPUT_CHARS): string {
  if (text.length <= max) return text;
  const note = '\n\n… (truncated at GitHub\'s size limit)';
  return text.slice(0, max - note.length) + note;
}

function clampOutput(output: CheckOutput): CheckOutput {
  return {
    title: clampText(output.title, MAX_TITLE_CHARS),
    summary: clampText(output.summary),
    ...(output.text !== undefined ? { text: clampText(output.text) } : {}),
  };
}

/** Creates the check run `in_progress` on the head sha; returns its id. */
export async function createCheckRun(target: CheckRunTarget, now: Date = new Date()): Promise<number> {
  const { octokit, owner, repo, headSha } = target;
  const { data } = await callGitHub('creating the check run', () =>
    octokit.rest.checks.create({ owner, repo, name: CHECK_NAME, head_sha: headSha, status: 'in_progress', started_at: now.toISOString() }),
  );
  return data.id;
}

/**
 * Completes the check run with the first batch of annotations; creates it completed when
 * `checkRunId` is undefined (the run was never created). Returns the run's id.
 */
export async function completeCheckRun(
  target: CheckRunTarget,
  checkRunId: number | undefined,
  conclusion: Conclusion,
  output: CheckOutput,
  annotations: readonly CheckRunAnnotation[] = [],
  now: Date = new Date(),
): Promise<number> {
  const { octokit, owner, repo, headSha } = target;
  const completion = {
    status: 'completed' as const,
    conclusion,
    completed_at: now.toISOString(),
    output: { ...clampOutput(output), ...(annotations.length > 0 ? { annotations: [...annotations] } : {}) },
  };
  if (checkRunId === undefined) {
    const { data } = await callGitHub('creating the completed check run', () =>
      octokit.rest.checks.create({ owner, repo, name: CHECK_NAME, head_sha: headSha, ...completion }),
    );
    return data.id;
  }
  await callGitHub('completing the check run', () => octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, ...completion }));
  return checkRunId;
}

/** Appends further annotation batches; GitHub adds each update's annotations to the run's list. */
export async function appendAnnotations(
  target: CheckRunTarget,
  checkRunId: number,
  output: CheckOutput,
  batches: readonly (readonly CheckRunAnnotation[])[],
): Promise<void> {
  const { octokit, owner, repo } = target;
  // Title and summary are required on every update; the text is left as the completion set it.
  const { title, summary } = clampOutput(output);
  for (const batch of batches) {
    await callGitHub('adding annotations', () =>
      octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, output: { title, summary, annotations: [...batch] } }),
    );
  }
}

/**
 * The newest `in_progress` run of this check on the head sha, if any: a worker that died between
 * creating a run and storing its id left it, and the job's next attempt resumes it.
 */
export async function findInProgressCheckRun(target: CheckRunTarget): Promise<number | undefined> {
  const { octokit, owner, repo, headSha } = target;
  const { data } = await callGitHub('listing check runs', () =>
    octokit.rest.checks.listForRef({ owner, repo, ref: headSha, check_name: CHECK_NAME, status: 'in_progress', filter: 'latest', per_page: 10 }),
  );
  return data.check_runs[0]?.id;
}
