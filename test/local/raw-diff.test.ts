import { parseRawDiff } from '../../src/local/raw-diff.js';

describe('parseRawDiff', () => {
  test('reads statuses, modes and both paths of renames from NUL-separated records', () => {
    const raw = [
      ':100644 100644 aaaaaaa bbbbbbb M', 'src/a.ts',
      ':100644 100644 ccccccc ddddddd R087', 'old name.ts', 'new name.ts',
      ':000000 120000 0000000 eeeeeee A', 'link',
      ':100644 000000 fffffff 0000000 D', 'gone.py',
      '',
    ].join('\0');
    expect(parseRawDiff(raw)).toEqual([
      { status: 'M', path: 'src/a.ts', oldMode: '100644', newMode: '100644' },
      { status: 'R', previousPath: 'old name.ts', path: 'new name.ts', oldMode: '100644', newMode: '100644' },
      { status: 'A', path: 'link', oldMode: '000000', newMode: '120000' },
      { status: 'D', path: 'gone.py', oldMode: '100644', newMode: '000000' },
    ]);
    expect(parseRawDiff('')).toEqual([]);
  });
});
