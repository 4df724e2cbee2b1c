import { pino } from 'pino';
import { postReview } from '../../src/github/post-review.js';
import type { InlineComment } from '../../src/pipeline/types.js';
import { GitHubApi } from '../helpers/github-api.js';
import { HEAD_SHA, OWNER, PR_NUMBER, REPO } from '../helpers/github-fixtures.js';
import { assertAllCallsMade, blockNetwork, createTestProbot } from '../helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

const logger = pino({ level: 'silent' });

async function target() {
  const octokit = await createTestProbot().probot.auth(1);
  return { octokit, owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, headSha: HEAD_SHA };
}

const single: InlineComment = { path: 'src/a.ts', line: 4, body: 'one <!-- pr-reviewer:finding:aa -->', fingerprints: ['aa'] };
const range: InlineComment = { path: 'src/a.ts', line: 9, startLine: 7, body: 'range <!-- pr-reviewer:finding:bb -->', fingerprints: ['bb'] };

describe('postReview', () => {
  test('one COMMENT review on the head sha; a range carries start_line and start_side RIGHT', async () => {
    const api = new GitHubApi().token().createReview(200);
    const outcome = await postReview(await target(), [single, range], logger);
    expect(outcome).toEqual({ posted: [single, range], notPosted: [] });
    expect(api.reviews[0]).toEqual({
      commit_id: HEAD_SHA,
      event: 'COMMENT',
      body: expect.stringContaining('2 inline comments'),
      comments: [
        { path: 'src/a.ts', line: 4, side: 'RIGHT', body: single.body },
        { path: 'src/a.ts', line: 9, side: 'RIGHT', start_line: 7, start_side: 'RIGHT', body: range.body },
      ],
    });
  });

  test('no comments: no review at all', async () => {
    await expect(postReview(await target(), [], logger)).resolves.toEqual({ posted: [], notPosted: [] });
  });

  test('a 5xx is recorded, not retried here, and nothing is posted', async () => {
    new GitHubApi().token().createReview(503);
    const outcome = await postReview(await target(), [single], logger);
    expect(outcome.posted).toEqual([]);
    expect(outcome.notPosted).toEqual([single]);
    expect(outcome.problem).toMatch(/^The review could not be posted: posting the review failed \(HTTP 503\)/);
  });
});
