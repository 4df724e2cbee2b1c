/** The `/review` comment command: who may use it and what counts as one. */
import type { ProbotOctokit } from 'probot';
import { statusOf, toApiError } from './api-error.js';

/** Permission levels (and role names) that may trigger a review by comment. */
const ALLOWED_PERMISSIONS = new Set(['admin', 'write']);
const ALLOWED_ROLES = new Set(['admin', 'maintain', 'write']);

/** True when the comment body is the command: `/review` alone or followed by white space. */
export function isReviewCommand(body: string | null | undefined): boolean {
  return /^\/review(?:\s|$)/.test((body ?? '').trimStart());
}

/** Whether `username` has write, maintain or admin access to the repository (404: not a collaborator). */
export async function mayRequestReview(octokit: ProbotOctokit, owner: string, repo: string, username: string): Promise<{ allowed: boolean; permission: string }> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    const allowed = ALLOWED_PERMISSIONS.has(data.permission) || ALLOWED_ROLES.has(data.role_name);
    return { allowed, permission: data.role_name || data.permission };
  } catch (error) {
    if (statusOf(error) === 404) return { allowed: false, permission: 'none' };
    throw toApiError(`reading the permission of ${username} on ${owner}/${repo}`, error);
  }
}
