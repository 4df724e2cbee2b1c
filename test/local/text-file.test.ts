import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_TEXT_BYTES, allLines, countLines, readTextFile } from '../../src/local/text-file.js';

describe('countLines', () => {
  test.each([
    ['', 0],
    ['a', 1],
    ['a\n', 1],
    ['a\nb', 2],
    ['a\r\nb\r\n', 2],
    ['\n\n', 2],
  ])('%j has %i lines', (text, lines) => expect(countLines(text)).toBe(lines));

  test('allLines numbers them from 1', () => expect([...allLines(3)]).toEqual([1, 2, 3]));
});

describe('readTextFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pr-reviewer-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads text, refuses binary and oversized files with a reason', async () => {
    writeFileSync(join(dir, 'a.py'), 'x = 1\ny = 2\n');
    writeFileSync(join(dir, 'b.bin'), Buffer.from([65, 0, 66]));
    writeFileSync(join(dir, 'big.js'), 'x'.repeat(MAX_TEXT_BYTES + 1));
    expect(await readTextFile(join(dir, 'a.py'))).toEqual({ text: 'x = 1\ny = 2\n', lineCount: 2 });
    expect(await readTextFile(join(dir, 'b.bin'))).toEqual({ skipped: 'binary' });
    expect(await readTextFile(join(dir, 'big.js'))).toEqual({ skipped: `larger than ${MAX_TEXT_BYTES} bytes` });
  });
});
