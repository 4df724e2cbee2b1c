import { parsePatch } from '../../src/diff/parse-patch.js';

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('parsePatch', () => {
  test('added and context lines of several hunks, on the new side', () => {
    const patch = [
      '@@ -1,3 +1,4 @@',
      ' a',
      '-b',
      '+c',
      '+d',
      ' e',
      '@@ -10,2 +11,3 @@ function f() {',
      ' x',
      '-y',
      '+z',
      '+w',
    ].join('\n');
    const { added, commentable } = parsePatch(patch);
    expect(sorted(added)).toEqual([2, 3, 12, 13]);
    expect(sorted(commentable)).toEqual([1, 2, 3, 4, 11, 12, 13]);
  });

  test('a new file: every line added', () => {
    const { added, commentable } = parsePatch('@@ -0,0 +1,3 @@\n+a\n+b\n+c');
    expect(sorted(added)).toEqual([1, 2, 3]);
    expect(sorted(commentable)).toEqual([1, 2, 3]);
  });

  test('"no newline at end of file" markers are not lines', () => {
    const { added, commentable } = parsePatch('@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file');
    expect(sorted(added)).toEqual([1]);
    expect(sorted(commentable)).toEqual([1]);
  });

  test('a deletion-only hunk adds nothing; its context stays commentable', () => {
    const { added, commentable } = parsePatch('@@ -4,3 +4,2 @@\n keep\n-gone\n tail');
    expect(sorted(added)).toEqual([]);
    expect(sorted(commentable)).toEqual([4, 5]);
  });

  test('an empty patch has no lines', () => {
    expect(sorted(parsePatch('').commentable)).toEqual([]);
  });
});
