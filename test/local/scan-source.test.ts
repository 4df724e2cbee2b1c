import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SourceError } from '../../src/errors.js';
import { createScanSource } from '../../src/local/scan-source.js';

let dir: string;

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'pr-reviewer-scan-')));
  write('src/a.ts', 'export const a = 1;\nexport const b = 2;\n');
  write('src/b.py', 'x = 1\ny = 2\nz = 3');
  write('src/notes.md', '# notes\n');
  write('node_modules/dep/index.js', 'module.exports = 1;\n');
  write('dist/out.js', 'console.log(1);\n');
  write('.venv/lib/site.py', 'x = 1\n');
  write('web/app.min.js', 'var a=1;\n');
  write('data.bin', Buffer.from([1, 0, 2]));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createScanSource', () => {
  test('walks directories for analysable files; every line counts as changed', async () => {
    const changes = await createScanSource({ cwd: dir, paths: ['.'] }).listChanges();
    expect(changes.files.map((f) => f.path)).toEqual(['src/a.ts', 'src/b.py']);
    for (const file of changes.files) {
      expect(file.wholeFile).toBe(true);
      expect([...file.commentableLines]).toEqual([...file.addedLines]);
    }
    expect([...changes.files[0].addedLines]).toEqual([1, 2]);
    // The last line of b.py has no newline; it is still a line.
    expect([...changes.files[1].addedLines]).toEqual([1, 2, 3]);
    expect(changes.skipped).toEqual([]);
  });

  test('files named explicitly are listed as given, binary ones skipped; duplicates collapse', async () => {
    const changes = await createScanSource({ cwd: dir, paths: ['src/notes.md', 'data.bin', 'src', join(dir, 'src/a.ts')] }).listChanges();
    expect(changes.files.map((f) => f.path)).toEqual(['src/notes.md', 'src/a.ts', 'src/b.py']);
    expect(changes.skipped).toEqual([{ path: 'data.bin', reason: 'binary' }]);
  });

  test('paths are relative to the current directory', async () => {
    const source = createScanSource({ cwd: join(dir, 'src'), paths: ['a.ts', '../web'] });
    const changes = await source.listChanges();
    expect(changes.files.map((f) => f.path)).toEqual(['a.ts']);
    expect(await source.readFile('a.ts')).toBe('export const a = 1;\nexport const b = 2;\n');
    expect(await source.readFile('b.py')).toBeNull();
  });

  test('a path that does not exist is a SourceError naming it', async () => {
    const listing = createScanSource({ cwd: dir, paths: ['nope.ts'] }).listChanges();
    await expect(listing).rejects.toBeInstanceOf(SourceError);
    await expect(listing).rejects.toThrow('nope.ts: no such file or directory');
  });
});
