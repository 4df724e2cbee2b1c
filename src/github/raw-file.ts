/** Reads one file's raw text through the contents API (any size up to GitHub's 100 MB). */
import type { ProbotOctokit } from 'probot';
import { callGitHub, statusOf } from './api-error.js';

/** A file in a repository at a ref. */
export interface RawFileRequest {
  owner: string;
  repo: string;
  path: string;
  /** Branch, tag or sha; the repository's default branch when omitted. */
  ref?: string;
}

async function bodyText(body: unknown): Promise<string> {
  if (typeof body === 'string') return body;
  if (body === null || body === undefined) return '';
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  if (body instanceof ReadableStream) return new Response(body).text();
  throw new TypeError('unexpected response body from the contents API');
}

/**
 * The file's text, or null when GitHub answers 404 (no such file at that ref, or no such repository).
 * Other failures throw `GitHubApiError`.
 */
export async function readRawFile(octokit: ProbotOctokit, request: RawFileRequest): Promise<string | null> {
  const { owner, repo, path, ref } = request;
  return callGitHub(`reading ${owner}/${repo}:${path}${ref ? `@${ref}` : ''}`, async () => {
    try {
      const response = await octokit.rest.repos.getContent({
        owner,
        repo,
        path,
        ...(ref ? { ref } : {}),
        mediaType: { format: 'raw' },
        // The raw body is read as text whatever content type GitHub labels it with (a .json file
        // would otherwise come back parsed, a file without charset as an ArrayBuffer).
        request: { parseSuccessResponseBody: false },
      });
      return await bodyText(response.data as unknown);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  });
}
