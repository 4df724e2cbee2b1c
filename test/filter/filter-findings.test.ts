import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { filterFindings } from '../../src/filter/filter-findings.js';
import type { ChangedFile, Finding } from '../../src/types.js';

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'sql-injection',
    severity: 'critical',
    category: 'security',
    file: 'src/db.ts',
    line: 3,
    endLine: 3,
    message: 'm',
    recommendation: 'r',
    ...overrides,
  };
}

const file: ChangedFile = {
  path: 'src/db.ts',
  status: 'modified',
  addedLines: new Set([3, 4]),
  commentableLines: new Set([1, 2, 3, 4, 5]),
};
const lines = ['a', 'b', 'db.query(`${x}`)', '// pr-reviewer-ignore sql-injection -- fixture', 'db.query(`${y}`)', 'z'];

function run(findings: Finding[], config = DEFAULT_CONFIG, files = [file]) {
  return filterFindings({
    findings,
    files: new Map(files.map((f) => [f.path, f])),
    lines: new Map([[file.path, lines]]),
    config,
  });
}

describe('filterFindings', () => {
  test('keeps findings on added lines, drops those on context or outside the diff', () => {
    const out = run([finding({ line: 3, endLine: 3 }), finding({ line: 1, endLine: 1 }), finding({ line: 6, endLine: 6 })]);
    expect(out.findings.map((f) => f.line)).toEqual([3]);
  });

  test('a multi-line finding counts when any line of its range was added', () => {
    expect(run([finding({ line: 1, endLine: 3 })]).findings).toHaveLength(1);
  });

  test('marks findings commentable only when their line is inside a hunk', () => {
    const wide: ChangedFile = { ...file, addedLines: new Set([3, 6]), commentableLines: new Set([3]) };
    const out = run([finding({ line: 3, endLine: 3 }), finding({ line: 6, endLine: 6, ruleId: 'code-injection' })], DEFAULT_CONFIG, [wide]);
    expect(out.findings.map((f) => [f.line, f.commentable])).toEqual([[3, true], [6, false]]);
  });

  test('a pr-reviewer-ignore comment on the line above suppresses only its rule', () => {
    const out = run([
      finding({ line: 5, endLine: 5 }),
      finding({ line: 5, endLine: 5, ruleId: 'code-injection' }),
    ].map((f) => f), DEFAULT_CONFIG, [{ ...file, addedLines: new Set([5]) }]);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['code-injection']);
    expect(out.suppressed).toBe(1);
  });

  test('minSeverity drops findings below the floor', () => {
    const out = run([finding({ severity: 'low', ruleId: 'unused-import' }), finding({})], { ...DEFAULT_CONFIG, minSeverity: 'high' });
    expect(out.findings.map((f) => f.ruleId)).toEqual(['sql-injection']);
  });

  test('exact duplicates collapse to one', () => {
    expect(run([finding({}), finding({})]).findings).toHaveLength(1);
  });

  test('sorts by severity, path, line, rule id whatever the input order', () => {
    const other: ChangedFile = { ...file, path: 'a.ts', addedLines: new Set([3, 4]) };
    const input = [
      finding({ severity: 'low', ruleId: 'unused-import', line: 3 }),
      finding({ ruleId: 'command-injection', line: 4, endLine: 4 }),
      finding({ file: 'a.ts', ruleId: 'code-injection', line: 3 }),
      finding({ ruleId: 'code-injection', line: 4, endLine: 4 }),
    ];
    const order = (fs: Finding[]) => run(fs, DEFAULT_CONFIG, [file, other]).findings.map((f) => `${f.severity} ${f.file}:${f.line} ${f.ruleId}`);
    expect(order(input)).toEqual([
      'critical a.ts:3 code-injection',
      'critical src/db.ts:4 code-injection',
      'critical src/db.ts:4 command-injection',
      'low src/db.ts:3 unused-import',
    ]);
    expect(order([...input].reverse())).toEqual(order(input));
  });
});

describe('filterFindings: file-level findings', () => {
  test('a file-level finding is kept on a changed file whatever its line; not on a file outside the change', () => {
    const whole = finding({ ruleId: 'missing-tests', line: 1, endLine: 1 });
    const elsewhere = finding({ ruleId: 'missing-tests', file: 'src/other.ts', line: 1, endLine: 1 });
    const plain = finding({ line: 1, endLine: 1 });
    const out = filterFindings({
      findings: [whole, elsewhere, plain],
      fileLevel: new Set([whole, elsewhere]),
      files: new Map([[file.path, file]]),
      lines: new Map([[file.path, lines]]),
      config: DEFAULT_CONFIG,
    });
    expect(out.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.commentable}`)).toEqual(['src/db.ts:1 missing-tests true']);
  });
});
