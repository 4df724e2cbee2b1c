import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createGitSource } from '../../src/local/git-source.js';
import { createScanSource } from '../../src/local/scan-source.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

/** main: src/a.ts, src/b.ts, test/a.test.ts; HEAD adds src/c.ts; the working tree edits and adds more. */
function repoWithTree(): { repo: TempRepo; head: string } {
  const repo = makeRepo();
  repo.write('src/a.ts', 'export const a = 1;\n');
  repo.write('src/b.ts', 'export const b = 2;\n');
  repo.write('test/a.test.ts', "import { a } from '../src/a.js';\n");
  repo.write('.gitignore', 'ignored.ts\n');
  repo.commitAll('base');
  repo.write('src/c.ts', 'export const c = 3;\n');
  const head = repo.commitAll('add c');
  repo.write('src/untracked.py', 'x = 1\n');
  repo.write('ignored.ts', 'export const no = 1;\n');
  rmSync(join(repo.dir, 'src/b.ts'));
  return { repo, head };
}

describe('listPaths of the local sources', () => {
  let repo: TempRepo;
  afterEach(() => repo?.remove());

  test('git, a head commit: the files of that commit, sorted, whatever the working tree holds', async () => {
    const made = repoWithTree();
    repo = made.repo;
    const listing = await createGitSource({ root: repo.dir, base: 'HEAD~1', head: made.head }).listPaths();
    expect(listing).toEqual({ paths: ['.gitignore', 'src/a.ts', 'src/b.ts', 'src/c.ts', 'test/a.test.ts'], complete: true });
  });

  test('git, the working tree: tracked files still present plus untracked ones, ignored ones left out', async () => {
    repo = repoWithTree().repo;
    const source = createGitSource({ root: repo.dir });
    expect((await source.listPaths()).paths).toEqual(['.gitignore', 'src/a.ts', 'src/c.ts', 'src/untracked.py', 'test/a.test.ts']);
    // The reader serves any listed file, not only the changed ones.
    expect(await source.readFile('test/a.test.ts')).toContain('../src/a.js');
  });

  test('git, a head commit: symbolic links are not listed', async () => {
    repo = makeRepo();
    repo.write('a.ts', 'export const a = 1;\n');
    symlinkSync('a.ts', join(repo.dir, 'link.ts'));
    const head = repo.commitAll('one');
    expect((await createGitSource({ root: repo.dir, head }).listPaths()).paths).toEqual(['a.ts']);
  });

  test('scan: the files under the scanned directories, relative to the working directory, and readable', async () => {
    repo = repoWithTree().repo;
    repo.write('node_modules/dep/index.js', 'module.exports = 1;\n');
    const source = createScanSource({ cwd: repo.dir, paths: ['src', 'test/a.test.ts'] });
    await source.listChanges();
    const listing = await source.listPaths!();
    expect(listing).toEqual({ paths: ['src/a.ts', 'src/c.ts', 'src/untracked.py', 'test/a.test.ts'], complete: true });
    expect(await source.readFile('src/c.ts')).toBe('export const c = 3;\n');
    expect(await source.readFile('.gitignore')).toBeNull();
  });
});
