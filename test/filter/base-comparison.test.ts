import { compareWithBase } from '../../src/filter/base-comparison.js';
import type { Finding } from '../../src/types.js';
import { keyedFinding } from '../helpers/review-result.js';

function finding(ruleId: string, file: string, line: number, message = `${ruleId} here`): Finding {
  return { ruleId, severity: 'high', category: 'security', file, line, endLine: line, message, recommendation: 'r' };
}

const BASE = ['import os', 'def run(q):', '    cursor.execute(f"SELECT {q}")', '    eval(q)', ''];

test('a finding on a changed line that was already at the base is pre-existing, not introduced', () => {
  // The head moved the eval down two lines and added a new SQL injection.
  const head = ['import os', '', '', 'def run(q):', '    cursor.execute(f"SELECT {q}")', '    eval(q)', '    cursor.execute("x" + q)', ''];
  const headAll = [finding('sql-injection', 'a.py', 5), finding('code-injection', 'a.py', 6), finding('sql-injection', 'a.py', 7, 'concat')];
  const baseAll = [finding('sql-injection', 'a.py', 3), finding('code-injection', 'a.py', 4)];
  const reported = [keyedFinding({ ...headAll[1], fingerprint: 'f1' }), keyedFinding({ ...headAll[2], fingerprint: 'f2' })];
  const result = compareWithBase({ reported, headAll, headLines: () => head, baseAll, baseLines: () => BASE });
  expect(result.introduced.map((f) => f.line)).toEqual([7]);
  expect(result.preexisting.map((f) => f.line)).toEqual([6]);
  expect(result.resolved).toEqual([]);
});

test('a base finding the head no longer has is resolved', () => {
  const head = ['import os', 'def run(q):', '    cursor.execute("SELECT %s", (q,))', '    eval(q)', ''];
  const headAll = [finding('code-injection', 'a.py', 4)];
  const baseAll = [finding('sql-injection', 'a.py', 3), finding('code-injection', 'a.py', 4)];
  const result = compareWithBase({ reported: [], headAll, headLines: () => head, baseAll, baseLines: () => BASE });
  expect(result.resolved.map((f) => f.ruleId)).toEqual(['sql-injection']);
});

test('the same rule on the same text twice: the second occurrence is matched as the second', () => {
  const base = ['eval(x)', ''];
  const head = ['eval(x)', 'eval(x)', ''];
  const headAll = [finding('code-injection', 'a.ts', 1), finding('code-injection', 'a.ts', 2)];
  const reported = [keyedFinding({ ...headAll[1], fingerprint: 'f' })];
  const result = compareWithBase({ reported, headAll, headLines: () => head, baseAll: [finding('code-injection', 'a.ts', 1)], baseLines: () => base });
  expect(result.introduced.map((f) => f.line)).toEqual([2]);
});

test('a reworded line is a new finding, even with the same rule', () => {
  const head = ['import os', 'def run(q):', '    cursor.execute(f"SELECT * {q}")', '    eval(q)', ''];
  const headAll = [finding('sql-injection', 'a.py', 3), finding('code-injection', 'a.py', 4)];
  const baseAll = [finding('sql-injection', 'a.py', 3), finding('code-injection', 'a.py', 4)];
  const reported = [keyedFinding({ ...headAll[0], fingerprint: 'f' })];
  const result = compareWithBase({ reported, headAll, headLines: () => head, baseAll, baseLines: () => BASE });
  expect(result.introduced).toHaveLength(1);
  expect(result.resolved.map((f) => f.line)).toEqual([3]);
});
