import { isSuppressed, suppressedRules } from '../../src/filter/suppressions.js';

describe('suppressions', () => {
  test.each([
    ['x = eval(s)  # pr-reviewer-ignore code-injection', ['code-injection']],
    ['// pr-reviewer-ignore sql-injection -- reviewed, constant table', ['sql-injection']],
    ['/* pr-reviewer-ignore a-rule, b-rule */', ['a-rule', 'b-rule']],
    ['const s = "pr-reviewer-ignore sql-injection"', []],
    ['// pr-reviewer-ignore', []],
  ])('%s', (line, ids) => {
    expect(suppressedRules(line)).toEqual(ids);
  });

  test('applies to the same line and the line above, not two above', () => {
    const lines = ['// pr-reviewer-ignore r', 'flagged()', 'flagged()'];
    expect(isSuppressed('r', 2, lines)).toBe(true);
    expect(isSuppressed('r', 1, lines)).toBe(true);
    expect(isSuppressed('r', 3, lines)).toBe(false);
    expect(isSuppressed('other', 2, lines)).toBe(false);
  });
});
