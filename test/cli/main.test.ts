/** Runs the built `bin/pr-reviewer.js` (see test/helpers/build.ts) on temporary repositories. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

const BIN = fileURLToPath(new URL('../../bin/pr-reviewer.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, ...args: string[]): Promise<Run> {
  // git looks no higher than the temporary directory, whatever repository the machine's /tmp is in.
  const env = { ...process.env, LOG_LEVEL: 'info' as const, GIT_CEILING_DIRECTORIES: tmpdir() };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// `asyncio` used without an import: undefined-name, critical.
const FLAWED_PY = 'async def poll():\n    await asyncio.sleep(1)\n';
const OLD_FLAW = 'def legacy():\n    return json.loads("{}")\n';
const FLAWED_TS = 'export function run(input: string) {\n  return eval(input);\n}\n';
const OLD_FLAW_TS = 'export function legacy(code: string) {\n  return eval(code);\n}\n';
const BARE_EXCEPT = 'def load(read):\n    try:\n        return read()\n    except:\n        pass\n';

/** main: old flaws in src/legacy.*; feature: adds src/run.* with new ones and touches the legacy files. */
function featureRepo(): TempRepo {
  const repo = makeRepo();
  repo.write('src/legacy.py', OLD_FLAW);
  repo.write('src/legacy.ts', OLD_FLAW_TS);
  repo.write('README.md', '# demo\n');
  repo.commitAll('base');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write('src/run.py', FLAWED_PY);
  repo.write('src/run.ts', FLAWED_TS);
  repo.write('src/legacy.py', `${OLD_FLAW}VERSION = 2\n`);
  repo.write('src/legacy.ts', `${OLD_FLAW_TS}export const version = 2;\n`);
  repo.commitAll('feature');
  return repo;
}

const repos: TempRepo[] = [];
function track(repo: TempRepo): TempRepo {
  repos.push(repo);
  return repo;
}
afterAll(() => repos.forEach((r) => r.remove()));

describe('pr-reviewer (built binary)', () => {
  test('--help and --version exit 0; a usage error exits 2 with the reason on stderr', async () => {
    const repo = track(makeRepo());
    const [help, version, unknown, format, noPaths] = await Promise.all([
      cli(repo.dir, '--help'),
      cli(repo.dir, '--version'),
      cli(repo.dir, 'review'),
      cli(repo.dir, 'diff', '--format', 'xml'),
      cli(repo.dir, 'scan'),
    ]);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('pr-reviewer diff [--repo DIR] [--base REF] [--head REF]');
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('pr-reviewer: unknown command "review"');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format xml: must be one of text, json, markdown, sarif');
    expect(noPaths.code).toBe(2);
    expect(noPaths.stderr).toContain('scan needs at least one file or directory');
  });

  test('diff --format json: the contract shape, repo-relative paths, only changed lines, exit 1', async () => {
    const repo = track(featureRepo());
    // Run from a subdirectory: paths are still relative to the repository root; logs stay on stderr.
    const run = await cli(join(repo.dir, 'src'), 'diff', '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(Object.keys(report).sort()).toEqual(['findings', 'summary']);
    expect(Object.keys(report.summary).sort()).toEqual(['critical', 'high', 'low', 'medium', 'total']);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'undefined-name', severity: 'critical', category: 'reliability', file: 'src/run.py', line: 2, endLine: 2 }),
    );
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'code-injection', severity: 'critical', category: 'security', file: 'src/run.ts', line: 2, endLine: 2 }),
    );
    for (const finding of report.findings) {
      expect(finding).toEqual(expect.objectContaining({ message: expect.any(String), recommendation: expect.any(String) }));
      // The old flaws in legacy.py and legacy.ts are on lines this change does not touch.
      expect(finding.file).not.toMatch(/^src\/legacy\./);
    }
    expect(report.summary.total).toBe(report.findings.length);
    expect(report.summary.critical).toBeGreaterThanOrEqual(1);
    expect(run.stderr).toContain('"msg":"range resolved"');
  });

  test('--config with failOn: none passes the gate; a clean change exits 0', async () => {
    const repo = track(featureRepo());
    writeFileSync(join(repo.dir, 'lenient.yml'), 'failOn: none\n');
    const lenient = await cli(repo.dir, 'diff', '--head', 'feature', '--config', 'lenient.yml', '--format', 'json');
    expect(lenient.code).toBe(0);
    expect((JSON.parse(lenient.stdout) as { summary: { critical: number } }).summary.critical).toBeGreaterThanOrEqual(1);
    const clean = await cli(repo.dir, 'diff', '--base', 'feature~1', '--head', 'feature~1');
    expect(clean.code).toBe(0);
  });

  test('an invalid config file exits 2 with the exact error', async () => {
    const repo = track(featureRepo());
    repo.write('.github/pr-reviewer.yml', 'failOn: sometimes\n');
    const run = await cli(repo.dir, 'diff');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('pr-reviewer: Invalid configuration: .github/pr-reviewer.yml: failOn: must be one of critical, high, medium, low, none\n');
    const missing = await cli(repo.dir, 'diff', '--config', 'nope.yml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('pr-reviewer: Invalid configuration: nope.yml: no such file');
  });

  test('--format sarif is SARIF 2.1.0 JSON; --format markdown is the summary comment', async () => {
    const repo = track(featureRepo());
    const [sarif, markdown] = await Promise.all([cli(repo.dir, 'diff', '--format', 'sarif'), cli(repo.dir, 'diff', '--format', 'markdown')]);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r) => r.ruleId)).toContain('undefined-name');
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('<!-- pr-reviewer:summary -->');
    expect(markdown.stdout).toContain('src/run.py');
  });

  test('scan of a file: every line counts; a medium finding passes the default gate', async () => {
    const repo = track(makeRepo());
    mkdirSync(join(repo.dir, 'tools'));
    writeFileSync(join(repo.dir, 'tools/load.py'), BARE_EXCEPT);
    const run = await cli(join(repo.dir, 'tools'), 'scan', 'load.py', '--format', 'json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number }> };
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'bare-except', file: 'load.py', line: 4 }));
    const text = await cli(join(repo.dir, 'tools'), 'scan', 'load.py');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^load\.py\n\s+4\s+medium\s.*bare-except$/m);
  });

  test('nothing to analyse is neutral: exit 0 with the output; outside a repository diff exits 2', async () => {
    const repo = track(makeRepo());
    repo.write('README.md', '# one\n');
    repo.commitAll('base');
    repo.git('checkout', '--quiet', '-b', 'docs');
    repo.write('README.md', '# two\n');
    repo.commitAll('docs');
    const docs = await cli(repo.dir, 'diff', '--format', 'json');
    expect(docs.code).toBe(0);
    expect(JSON.parse(docs.stdout)).toEqual({ findings: [], summary: { total: 0, critical: 0, high: 0, medium: 0, low: 0 } });
    const elsewhere = realpathSync(mkdtempSync(join(tmpdir(), 'pr-reviewer-norepo-')));
    const outside = await cli(elsewhere, 'diff');
    rmSync(elsewhere, { recursive: true, force: true });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('not a git repository');
  });
});
