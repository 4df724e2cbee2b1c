import { fingerprintFindings } from '../../src/filter/fingerprint.js';
import type { Finding } from '../../src/types.js';

const at = (line: number, ruleId = 'sql-injection', file = 'a.ts'): Finding => ({
  ruleId, severity: 'critical', category: 'security', file, line, endLine: line, message: 'm', recommendation: 'r',
});

describe('fingerprintFindings', () => {
  const before = ['import x', 'db.query(`${a}`)', 'db.query(`${a}`)'];
  const after = ['// a new header line', '', 'import x', 'db.query(`${a}`)', '   db.query(`${a}`)'];

  test('is unchanged when lines shift or indentation changes', () => {
    const a = fingerprintFindings([at(2), at(3)], () => before);
    const b = fingerprintFindings([at(4), at(5)], () => after);
    expect(b).toEqual(a);
  });

  test('tells apart repeated identical lines by occurrence, and rules and files', () => {
    const [first, second] = fingerprintFindings([at(2), at(3)], () => before);
    expect(first).not.toBe(second);
    const [other] = fingerprintFindings([at(2, 'code-injection')], () => before);
    const [elsewhere] = fingerprintFindings([at(2, 'sql-injection', 'b.ts')], () => before);
    expect(new Set([first, other, elsewhere]).size).toBe(3);
  });

  test('does not depend on the input order', () => {
    const forward = fingerprintFindings([at(2), at(3)], () => before);
    const reversed = fingerprintFindings([at(3), at(2)], () => before);
    expect(reversed).toEqual([forward[1], forward[0]]);
  });
});
