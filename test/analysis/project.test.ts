import { defineProjectDetector, type ProjectChangedFile } from '../../detectors/define.js';
import { registry } from '../../detectors/index.js';
import { analyzeProject, projectDetectorsFor } from '../../src/analysis/project.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { parseConfig } from '../../src/config/parse-config.js';

const changed = (...paths: string[]): ProjectChangedFile[] => paths.map((path) => ({ path, status: 'modified', addedLines: new Set([1]), text: '' }));

function probe(id: string, language: 'any' | Array<'typescript' | 'python'>, order: string[]) {
  return defineProjectDetector({
    meta: { id, language, severity: 'low', category: 'testing', description: 'd', recommendation: 'r', docs: { why: '', flagged: [], ignored: [] } },
    defaultOptions: { limit: 1 },
    async check(ctx) {
      order.push(`${id}:${String(ctx.options.limit)}`);
      ctx.report({ file: 'a.py', line: 2, message: 'm', fileLevel: id === 'first' });
      ctx.note('said');
    },
  });
}

describe('projectDetectorsFor', () => {
  test('enabled project rules whose languages the change has', () => {
    const ids = (paths: string[], config = DEFAULT_CONFIG) => projectDetectorsFor(registry, changed(...paths), config).map((d) => d.meta.id);
    expect(ids(['README.md'])).toEqual(['missing-tests']);
    expect(ids(['app/models.py'])).toEqual(['circular-import', 'dangling-reference', 'missing-index', 'missing-tests']);
    expect(ids(['src/a.ts'])).toEqual(['circular-import', 'missing-index', 'missing-tests']);
    expect(ids(['src/a.ts'], parseConfig('rules:\n  missing-tests: off\n', 'cfg'))).toEqual(['circular-import', 'missing-index']);
  });
});

describe('analyzeProject', () => {
  test('runs in the given order with merged options; findings carry rule metadata; notes name the rule', async () => {
    const order: string[] = [];
    const config = parseConfig('rules:\n  second: { severity: high, limit: 5 }\n', 'cfg');
    const result = await analyzeProject([probe('first', 'any', order), probe('second', ['python'], order)], {
      changed: changed('a.py'),
      listing: { paths: ['a.py'], complete: true },
      read: async () => null,
      readBudgetSpent: () => false,
    }, config);
    expect(order).toEqual(['first:1', 'second:5']);
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.category, f.file, f.line, result.fileLevel.has(f)])).toEqual([
      ['first', 'low', 'testing', 'a.py', 2, true],
      ['second', 'high', 'testing', 'a.py', 2, false],
    ]);
    expect(result.notes).toEqual([{ ruleId: 'first', message: 'said' }, { ruleId: 'second', message: 'said' }]);
  });
});
