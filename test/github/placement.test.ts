import { placeComments } from '../../src/github/placement.js';
import type { InlineComment } from '../../src/pipeline/types.js';

const comment = (path: string, line: number, startLine?: number): InlineComment => ({
  path,
  line,
  ...(startLine !== undefined ? { startLine } : {}),
  body: 'b',
  fingerprints: [`${path}:${line}`],
});

// Two hunks: lines 1-4 and 11-13.
const lines = new Map([['a.ts', new Set([1, 2, 3, 4, 11, 12, 13])]]);

describe('placeComments', () => {
  test('a comment inside a hunk is posted', () => {
    expect(placeComments([comment('a.ts', 3)], lines)).toEqual({ placeable: [comment('a.ts', 3)], moved: [] });
  });

  test('a comment outside every hunk, or on a file not in the diff, moves to the summary', () => {
    const outside = [comment('a.ts', 7), comment('b.ts', 1)];
    expect(placeComments(outside, lines)).toEqual({ placeable: [], moved: outside });
  });

  test('a multi-line range inside one hunk is kept', () => {
    expect(placeComments([comment('a.ts', 4, 2)], lines).placeable).toEqual([comment('a.ts', 4, 2)]);
  });

  test('a range crossing two hunks is narrowed to its last line', () => {
    expect(placeComments([comment('a.ts', 12, 3)], lines).placeable).toEqual([comment('a.ts', 12)]);
  });

  test('a range whose start is not before its line is narrowed too', () => {
    expect(placeComments([comment('a.ts', 3, 3)], lines).placeable).toEqual([comment('a.ts', 3)]);
  });
});
