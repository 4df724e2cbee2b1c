import { pino } from 'pino';
import { createConfigLoader } from '../../src/github/config-loader.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { ConfigError } from '../../src/errors.js';
import { GitHubApi, CONFIG_PATH } from '../helpers/github-api.js';
import { assertAllCallsMade, blockNetwork, createTestProbot } from '../helpers/probot.js';

beforeAll(blockNetwork);
afterEach(assertAllCallsMade);

const logger = pino({ level: 'silent' });

async function loader(baseRef = 'main') {
  const octokit = await createTestProbot().probot.auth(1);
  return createConfigLoader({ octokit, owner: 'Codertocat', repo: 'Hello-World', baseRef, logger });
}

describe('createConfigLoader', () => {
  test('reads the file at the base ref', async () => {
    const load = await loader('main');
    new GitHubApi().token().config('failOn: critical\nmaxInlineComments: 3\n', 'main');
    await expect(load()).resolves.toMatchObject({ failOn: 'critical', maxInlineComments: 3, source: CONFIG_PATH });
  });

  test("falls back to the owner's .github repository", async () => {
    const load = await loader('main');
    new GitHubApi().token().ownerConfig('minSeverity: high\n', 'main');
    await expect(load()).resolves.toMatchObject({ minSeverity: 'high', source: 'Codertocat/.github/.github/pr-reviewer.yml' });
  });

  test('falls back to the defaults when neither has the file', async () => {
    const load = await loader('main');
    new GitHubApi().token().noConfig('main');
    await expect(load()).resolves.toBe(DEFAULT_CONFIG);
  });

  test('an installation without access to the .github repository (403) gets the defaults', async () => {
    const load = await loader('main');
    const api = new GitHubApi().token();
    api.scope.get('/repos/Codertocat/Hello-World/contents/.github%2Fpr-reviewer.yml').query({ ref: 'main' }).reply(404, { message: 'Not Found' });
    api.scope.get('/repos/Codertocat/.github/contents/.github%2Fpr-reviewer.yml').reply(403, { message: 'Resource not accessible by integration' });
    await expect(load()).resolves.toBe(DEFAULT_CONFIG);
  });

  test('an invalid file is a ConfigError with the exact message', async () => {
    const load = await loader('main');
    new GitHubApi().token().config('maxInlineComments: many\n', 'main');
    const error = await load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('.github/pr-reviewer.yml: maxInlineComments: must be integer');
  });

  test('a server error is a GitHubApiError, not the defaults', async () => {
    const load = await loader('main');
    const api = new GitHubApi().token();
    api.scope.get('/repos/Codertocat/Hello-World/contents/.github%2Fpr-reviewer.yml').query({ ref: 'main' }).reply(500, { message: 'boom' });
    await expect(load()).rejects.toMatchObject({ name: 'GitHubApiError', status: 500 });
  });
});
