import { renderJson } from '../../src/report/format-json.js';
import { keyedFinding, reviewResult } from '../helpers/review-result.js';

describe('renderJson', () => {
  it('prints exactly the contract: findings without fingerprint/commentable, and a summary', () => {
    const fix = { line: 3, endLine: 3, replacement: '' };
    const findings = [
      keyedFinding({ ruleId: 'unused-import', severity: 'low', file: 'app/worker.py', line: 3, endLine: 3, column: 1, fix }),
      keyedFinding({ ruleId: 'sql-injection', severity: 'critical', category: 'security', file: 'src/db.ts', line: 7, endLine: 7 }),
    ];
    const text = renderJson(reviewResult({ findings }));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(JSON.parse(text)).toEqual({
      findings: [
        {
          ruleId: 'sql-injection', severity: 'critical', category: 'security', file: 'src/db.ts', line: 7, endLine: 7,
          message: findings[1].message, recommendation: findings[1].recommendation,
        },
        {
          ruleId: 'unused-import', severity: 'low', category: 'reliability', file: 'app/worker.py', line: 3, endLine: 3, column: 1,
          message: findings[0].message, recommendation: findings[0].recommendation, fix,
        },
      ],
      summary: { total: 2, critical: 1, high: 0, medium: 0, low: 1 },
    });
  });

  it('keys each finding in contract order', () => {
    const [finding] = JSON.parse(renderJson(reviewResult())).findings as Array<Record<string, unknown>>;
    expect(Object.keys(finding)).toEqual(['ruleId', 'severity', 'category', 'file', 'line', 'endLine', 'column', 'message', 'recommendation', 'fix']);
  });

  it('prints an empty list and zero counts when there are no findings', () => {
    expect(renderJson(reviewResult({ findings: [] }))).toBe(
      '{\n  "findings": [],\n  "summary": {\n    "total": 0,\n    "critical": 0,\n    "high": 0,\n    "medium": 0,\n    "low": 0\n  }\n}\n',
    );
  });
});
