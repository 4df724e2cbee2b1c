import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { SourceError } from '../../src/errors.js';
import { createGitSource } from '../../src/local/git-source.js';
import type { ChangedFile, ChangeSet } from '../../src/types.js';
import { makeRepo, type TempRepo } from '../helpers/git-repo.js';

const numbered = (from: number, to: number, prefix = 'line'): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix} ${from + i}\n`).join('');

function fileOf(changes: ChangeSet, path: string): ChangedFile {
  const file = changes.files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} not listed: ${changes.files.map((f) => f.path).join(', ')}`);
  return file;
}

const sorted = (lines: ReadonlySet<number>): number[] => [...lines].sort((a, b) => a - b);

/** main: a.ts, old.ts, gone.ts, logo.bin; feature: one commit changing each of them. */
function featureRepo(): TempRepo {
  const repo = makeRepo();
  repo.write('a.ts', numbered(1, 10));
  repo.write('old.ts', numbered(1, 20, 'moved'));
  repo.write('gone.ts', 'export const gone = 1;\n');
  repo.write('logo.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
  repo.write('.gitignore', 'ignored.ts\n');
  repo.commitAll('base');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write('a.ts', numbered(1, 2) + 'changed 3\n' + numbered(4, 10) + 'added 11\n');
  repo.git('mv', 'old.ts', 'new.ts');
  repo.write('new.ts', numbered(1, 19, 'moved') + 'changed 20\n');
  repo.git('rm', '--quiet', 'gone.ts');
  repo.write('logo.bin', Buffer.from([0, 9, 9, 9, 0, 255]));
  repo.write('tool.py', 'print("hi")\n');
  repo.commitAll('feature');
  return repo;
}

describe('createGitSource', () => {
  let repo: TempRepo;
  afterEach(() => repo?.remove());

  test('lists base...head: added and commentable lines, renames, removed and binary files skipped', async () => {
    repo = featureRepo();
    const changes = await createGitSource({ root: repo.dir, head: 'feature' }).listChanges();
    expect(changes.files.map((f) => [f.path, f.status])).toEqual([
      ['a.ts', 'modified'],
      ['new.ts', 'renamed'],
      ['tool.py', 'added'],
    ]);
    const a = fileOf(changes, 'a.ts');
    expect(sorted(a.addedLines)).toEqual([3, 11]);
    // Two hunks (3 lines of context each): line 7 lies between them, so no comment can go there.
    expect(sorted(a.commentableLines)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11]);
    const moved = fileOf(changes, 'new.ts');
    expect(moved.previousPath).toBe('old.ts');
    expect(sorted(moved.addedLines)).toEqual([20]);
    expect(sorted(moved.commentableLines)).toEqual([17, 18, 19, 20]);
    expect(sorted(fileOf(changes, 'tool.py').addedLines)).toEqual([1]);
    expect(changes.skipped).toEqual([
      { path: 'gone.ts', reason: 'removed' },
      { path: 'logo.bin', reason: 'binary' },
    ]);
  });

  test('the default head is HEAD plus the working tree, with untracked files that are not ignored', async () => {
    repo = featureRepo();
    repo.write('a.ts', numbered(1, 2) + 'changed 3\n' + numbered(4, 9) + 'edited 10\nadded 11\n');
    repo.write('fresh/untracked.ts', 'export const x = 1;\nexport const y = 2;\n');
    repo.write('ignored.ts', 'export const ignored = 1;\n');
    repo.write('blob.dat', Buffer.from([0, 0, 0]));
    const source = createGitSource({ root: repo.dir });
    const changes = await source.listChanges();
    expect((await source.range()).baseReason).toBe('merge base with main');
    expect(changes.files.map((f) => f.path)).toEqual(['a.ts', 'fresh/untracked.ts', 'new.ts', 'tool.py']);
    expect(sorted(fileOf(changes, 'a.ts').addedLines)).toEqual([3, 10, 11]);
    const untracked = fileOf(changes, 'fresh/untracked.ts');
    expect(untracked.status).toBe('added');
    expect(sorted(untracked.addedLines)).toEqual([1, 2]);
    expect(changes.skipped).toContainEqual({ path: 'blob.dat', reason: 'binary' });
    expect(await source.readFile('a.ts')).toContain('edited 10');
    expect(await source.readFile('fresh/untracked.ts')).toBe('export const x = 1;\nexport const y = 2;\n');
  });

  test('an explicit head is read from the commit, not from the working tree', async () => {
    repo = featureRepo();
    repo.write('a.ts', 'uncommitted\n');
    const source = createGitSource({ root: repo.dir, head: 'feature' });
    expect(await source.readFile('a.ts')).toBe(numbered(1, 2) + 'changed 3\n' + numbered(4, 10) + 'added 11\n');
    expect(await source.readFile('missing.ts')).toBeNull();
  });

  test('base...head: commits on the base branch after the fork are not part of the change', async () => {
    repo = featureRepo();
    repo.git('checkout', '--quiet', 'main');
    repo.write('main-only.ts', 'export const later = 1;\n');
    repo.commitAll('main moves on');
    const changes = await createGitSource({ root: repo.dir, base: 'main', head: 'feature' }).listChanges();
    expect(changes.files.map((f) => f.path)).not.toContain('main-only.ts');
    expect(changes.skipped.map((f) => f.path)).not.toContain('main-only.ts');
    expect(changes.files.map((f) => f.path)).toEqual(['a.ts', 'new.ts', 'tool.py']);
  });

  test('on the default branch itself the default base is HEAD~1', async () => {
    repo = makeRepo();
    repo.write('a.ts', numbered(1, 3));
    repo.commitAll('first');
    repo.write('a.ts', numbered(1, 3) + 'added 4\n');
    repo.commitAll('second');
    const source = createGitSource({ root: repo.dir });
    expect((await source.range()).baseReason).toBe('HEAD~1');
    const changes = await source.listChanges();
    expect(sorted(fileOf(changes, 'a.ts').addedLines)).toEqual([4]);
  });

  test('a single commit is compared with the empty tree; a repository without commits lists its files', async () => {
    repo = makeRepo();
    repo.write('a.ts', numbered(1, 3));
    const unborn = await createGitSource({ root: repo.dir }).listChanges();
    expect(sorted(fileOf(unborn, 'a.ts').addedLines)).toEqual([1, 2, 3]);
    repo.commitAll('only');
    const source = createGitSource({ root: repo.dir });
    expect((await source.range()).baseReason).toBe('the empty tree (first commit)');
    const changes = await source.listChanges();
    expect(fileOf(changes, 'a.ts').status).toBe('added');
    expect(sorted(fileOf(changes, 'a.ts').addedLines)).toEqual([1, 2, 3]);
  });

  test('the default branch may be master; the merge base with it is the base', async () => {
    repo = makeRepo();
    repo.git('branch', '-m', 'master');
    repo.write('a.ts', numbered(1, 3));
    repo.commitAll('base');
    repo.git('checkout', '--quiet', '-b', 'topic');
    repo.write('b.ts', 'export const b = 1;\n');
    repo.commitAll('topic');
    const source = createGitSource({ root: repo.dir });
    expect((await source.range()).baseReason).toBe('merge base with master');
    expect((await source.listChanges()).files.map((f) => f.path)).toEqual(['b.ts']);
  });

  test('paths with spaces, quotes and non-ASCII letters keep their hunks', async () => {
    repo = makeRepo();
    repo.commitAll('empty');
    repo.git('checkout', '--quiet', '-b', 'topic');
    for (const path of ['dir with space/a b.ts', 'quote"d.ts', 'ünïcödé.py', 'tab\there.ts']) repo.write(path, 'x = 1\ny = 2\n');
    repo.commitAll('odd names');
    const changes = await createGitSource({ root: repo.dir }).listChanges();
    expect(changes.skipped).toEqual([]);
    expect(changes.files.map((f) => [f.path, sorted(f.addedLines)])).toEqual([
      ['dir with space/a b.ts', [1, 2]],
      ['quote"d.ts', [1, 2]],
      ['tab\there.ts', [1, 2]],
      ['ünïcödé.py', [1, 2]],
    ]);
  });

  test('symbolic links are skipped; a link replaced by a file is reviewed as that file', async () => {
    repo = makeRepo();
    repo.write('target.ts', numbered(1, 2));
    symlinkSync('target.ts', join(repo.dir, 'was-link.ts'));
    repo.commitAll('base');
    repo.git('checkout', '--quiet', '-b', 'topic');
    symlinkSync('target.ts', join(repo.dir, 'link.ts'));
    rmSync(join(repo.dir, 'was-link.ts'));
    repo.write('was-link.ts', numbered(1, 3));
    repo.commitAll('links');
    const changes = await createGitSource({ root: repo.dir }).listChanges();
    expect(changes.skipped).toEqual([{ path: 'link.ts', reason: 'symlink' }]);
    expect(changes.files.map((f) => [f.path, f.status, sorted(f.addedLines)])).toEqual([['was-link.ts', 'changed', [1, 2, 3]]]);
  });

  test('an unknown ref is a SourceError naming it', async () => {
    repo = makeRepo();
    repo.write('a.ts', 'x\n');
    repo.commitAll('base');
    await expect(createGitSource({ root: repo.dir, base: 'no-such-branch' }).listChanges()).rejects.toThrow(
      new SourceError('--base no-such-branch: not a commit in this repository'),
    );
  });
});
