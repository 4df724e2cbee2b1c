import { diffHeader, quoteGitPath, splitDiffSections } from '../../src/local/diff-sections.js';

const PATCH = [
  'diff --git a/a.ts b/a.ts',
  'index 1111111..2222222 100644',
  '--- a/a.ts',
  '+++ b/a.ts',
  '@@ -1,2 +1,3 @@',
  ' one',
  '+diff --git a/fake b/fake',
  ' two',
  'diff --git "a/tab\\there.ts" "b/tab\\there.ts"',
  'new file mode 100644',
  '--- /dev/null',
  '+++ "b/tab\\there.ts"',
  '@@ -0,0 +1 @@',
  '+x',
  'diff --git a/logo.png b/logo.png',
  'index 3333333..4444444 100644',
  'Binary files a/logo.png and b/logo.png differ',
  '',
].join('\n');

describe('splitDiffSections', () => {
  test('keys each file by its header; an added line that reads like a header stays in its hunk', () => {
    const sections = splitDiffSections(PATCH);
    expect([...sections.keys()]).toEqual([diffHeader('a.ts', 'a.ts'), diffHeader('tab\there.ts', 'tab\there.ts'), diffHeader('logo.png', 'logo.png')]);
    const a = sections.get('diff --git a/a.ts b/a.ts')!;
    expect(a.binary).toBe(false);
    expect(a.chunks[0].changes.map((c) => c.type)).toEqual(['normal', 'add', 'normal']);
    expect(sections.get('diff --git "a/tab\\there.ts" "b/tab\\there.ts"')!.chunks).toHaveLength(1);
    expect(sections.get('diff --git a/logo.png b/logo.png')).toEqual({ chunks: [], binary: true });
  });
});

describe('quoteGitPath', () => {
  test('quotes like git with core.quotePath=false: control characters, quotes and backslashes only', () => {
    expect(quoteGitPath('a/', 'dir with space/ünï.ts')).toBe('a/dir with space/ünï.ts');
    expect(quoteGitPath('b/', 'say "hi".ts')).toBe('"b/say \\"hi\\".ts"');
    expect(quoteGitPath('b/', 'back\\slash\x01.ts')).toBe('"b/back\\\\slash\\001.ts"');
  });
});
