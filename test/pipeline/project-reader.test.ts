import { createProjectReader } from '../../src/pipeline/project-reader.js';

function reader(files: Record<string, string>, options: { maxReads?: number; known?: Record<string, string> } = {}) {
  const calls: string[] = [];
  const r = createProjectReader({
    readFile: async (path) => {
      calls.push(path);
      if (path === 'boom.ts') throw new Error('502');
      return files[path] ?? null;
    },
    paths: [...Object.keys(files), 'boom.ts'].sort(),
    known: new Map(Object.entries(options.known ?? {})),
    ...(options.maxReads !== undefined ? { maxReads: options.maxReads } : {}),
  });
  return { r, calls };
}

describe('createProjectReader', () => {
  test('reads each file once, serves changed files from memory, answers null outside the listing', async () => {
    const { r, calls } = reader({ 'a.ts': 'a', 'b.ts': 'b' }, { known: { 'c.ts': 'changed' } });
    expect(await Promise.all([r.read('a.ts'), r.read('a.ts'), r.read('c.ts'), r.read('nope.ts')])).toEqual(['a', 'a', 'changed', null]);
    expect(calls).toEqual(['a.ts']);
    expect(r.reads()).toBe(1);
  });

  test('a failing read is null (unknown), not a failure of the review', async () => {
    const { r } = reader({ 'a.ts': 'a' });
    expect(await r.read('boom.ts')).toBeNull();
  });

  test('binary and oversized files are null', async () => {
    const { r } = reader({ 'bin.dat': 'a\u0000b', 'big.ts': 'x'.repeat(1_000_001) });
    expect(await r.read('bin.dat')).toBeNull();
    expect(await r.read('big.ts')).toBeNull();
  });

  test('the budget: reads beyond it are refused and say so; cached ones still answer', async () => {
    const { r, calls } = reader({ 'a.ts': 'a', 'b.ts': 'b' }, { maxReads: 1 });
    expect(await r.read('a.ts')).toBe('a');
    expect(r.exhausted()).toBe(false);
    expect(await r.read('b.ts')).toBeNull();
    expect(r.exhausted()).toBe(true);
    expect(await r.read('a.ts')).toBe('a');
    expect(calls).toEqual(['a.ts']);
  });

  test('a stop reason (the time budget) refuses further reads like a spent budget', async () => {
    let late = false;
    const r = createProjectReader({ readFile: async () => 'text', paths: ['a.ts', 'b.ts'], known: new Map(), stop: () => (late ? 'time' : undefined) });
    expect(await r.read('a.ts')).toBe('text');
    late = true;
    expect(await r.read('b.ts')).toBeNull();
    expect(r.exhausted()).toBe(true);
  });
});
