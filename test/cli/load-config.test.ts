import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliConfigLoader } from '../../src/cli/load-config.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { ConfigError } from '../../src/errors.js';

describe('cliConfigLoader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pr-reviewer-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('defaults without a file; the repository file when present; --config over both', async () => {
    expect(await cliConfigLoader(undefined, dir, dir)()).toBe(DEFAULT_CONFIG);
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/pr-reviewer.yml'), 'failOn: critical\n');
    expect(await cliConfigLoader(undefined, dir, '/')()).toMatchObject({ failOn: 'critical', source: '.github/pr-reviewer.yml' });
    writeFileSync(join(dir, 'strict.yml'), 'failOn: low\n');
    expect(await cliConfigLoader('strict.yml', dir, dir)()).toMatchObject({ failOn: 'low', source: 'strict.yml' });
  });

  test('a missing --config file is a ConfigError', async () => {
    const load = cliConfigLoader('missing.yml', dir, dir);
    await expect(load()).rejects.toBeInstanceOf(ConfigError);
    await expect(load()).rejects.toThrow('missing.yml: no such file');
  });
});
