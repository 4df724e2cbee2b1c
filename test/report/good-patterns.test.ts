import { summarizeGoodPatterns, type GoodPatternSighting } from '../../src/report/good-patterns.js';
import { keyedFinding } from '../helpers/review-result.js';

const changed = new Set(['src/db.ts:12', 'src/db.ts:30', 'app/q.py:40', 'app/q.py:41', 'app/q.py:42', 'src/http.ts:7']);
const isChanged = (file: string, line: number) => changed.has(`${file}:${line}`);

const sightings: GoodPatternSighting[] = [
  { pattern: 'parameterized-query', file: 'src/db.ts', line: 12 },
  { pattern: 'parameterized-query', file: 'app/q.py', line: 40 },
  { pattern: 'parameterized-query', file: 'src/db.ts', line: 99 }, // not a changed line
  { pattern: 'network-timeout', file: 'src/http.ts', line: 7 },
];

test('one line per kind seen on changed lines, with its places, in a fixed order', () => {
  expect(summarizeGoodPatterns(sightings, [], isChanged)).toEqual([
    'Parameterized queries (2): `app/q.py:40`, `src/db.ts:12`',
    'Timeouts on network calls (1): `src/http.ts:7`',
  ]);
});

test('a finding of the opposite rule in the same review cancels the praise', () => {
  const missing = keyedFinding({ ruleId: 'missing-timeout', file: 'src/other.ts', line: 3 });
  expect(summarizeGoodPatterns(sightings, [missing], isChanged)).toEqual(['Parameterized queries (2): `app/q.py:40`, `src/db.ts:12`']);
});

test('more than three places: the rest are counted', () => {
  const many: GoodPatternSighting[] = ['src/db.ts:12', 'src/db.ts:30', 'app/q.py:40', 'app/q.py:41', 'app/q.py:42'].map((p) => {
    const [file, line] = p.split(':');
    return { pattern: 'typed-signature', file, line: Number(line) };
  });
  expect(summarizeGoodPatterns(many, [], isChanged)).toEqual(['Typed function signatures (5): `app/q.py:40`, `app/q.py:41`, `app/q.py:42` and 2 more']);
});

test('nothing seen on changed lines: no line at all', () => {
  expect(summarizeGoodPatterns([{ pattern: 'structured-logging', file: 'x.ts', line: 1 }], [], isChanged)).toEqual([]);
});
