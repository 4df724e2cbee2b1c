import { NO_PATCH_REASON, classifyFile, treeListing } from '../../src/github/source.js';
import type { ChangedFile } from '../../src/types.js';

const entry = (fields: Partial<Parameters<typeof classifyFile>[0]>) => ({ filename: 'src/a.ts', status: 'modified', changes: 1, ...fields });
const sorted = (lines: ReadonlySet<number>) => [...lines].sort((a, b) => a - b);

describe('classifyFile', () => {
  test('a modified file: added and commentable lines from its patch', () => {
    const file = classifyFile(entry({ patch: '@@ -1,3 +1,4 @@\n a\n-b\n+c\n+d\n e' })) as ChangedFile;
    expect(file).toMatchObject({ path: 'src/a.ts', status: 'modified' });
    expect(sorted(file.addedLines)).toEqual([2, 3]);
    expect(sorted(file.commentableLines)).toEqual([1, 2, 3, 4]);
  });

  test('a renamed file keeps its previous path', () => {
    const file = classifyFile(entry({ status: 'renamed', previous_filename: 'src/old.ts', patch: '@@ -1 +1 @@\n-a\n+b' }));
    expect(file).toMatchObject({ path: 'src/a.ts', previousPath: 'src/old.ts', status: 'renamed' });
  });

  test.each([
    ['removed', entry({ status: 'removed', patch: '@@ -1 +0,0 @@\n-a' }), 'removed'],
    ['without a patch (large or binary)', entry({ changes: 5000 }), NO_PATCH_REASON],
    ['with an empty patch', entry({ status: 'added', patch: '' }), NO_PATCH_REASON],
    ['renamed without changes', entry({ status: 'renamed', changes: 0 }), 'renamed without changes'],
    ['unchanged', entry({ status: 'unchanged' }), 'status unchanged'],
  ])('skipped when %s', (_what, listed, reason) => {
    expect(classifyFile(listed)).toEqual({ path: 'src/a.ts', reason });
  });

  test('skipped when the patch is over the size limit', () => {
    expect(classifyFile(entry({ patch: `@@ -0,0 +1 @@\n+${'x'.repeat(50)}` }), 20)).toEqual({ path: 'src/a.ts', reason: 'diff larger than 20 characters' });
  });
});

describe('treeListing', () => {
  test('keeps blobs, drops directories, submodules and symbolic links, sorts, and marks a truncated tree incomplete', () => {
    const listing = treeListing({
      tree: [
        { path: 'src/b.ts', type: 'blob', mode: '100644' },
        { path: 'src', type: 'tree', mode: '040000' },
        { path: 'src/a.ts', type: 'blob', mode: '100755' },
        { path: 'vendor/lib', type: 'commit', mode: '160000' },
        { path: 'link.ts', type: 'blob', mode: '120000' },
      ],
      truncated: true,
    });
    expect(listing).toEqual({ paths: ['src/a.ts', 'src/b.ts'], complete: false });
  });
});
