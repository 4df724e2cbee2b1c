import { pino } from 'pino';
import { defineTsDetector } from '../../detectors/define.js';
import { registry } from '../../detectors/index.js';
import { createAnalyzer } from '../../src/analysis/engine.js';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/config/defaults.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { runReview } from '../../src/pipeline/run-review.js';
import type { Abort, Publisher } from '../../src/pipeline/publisher.js';
import type { ReviewResult } from '../../src/pipeline/types.js';
import type { ChangeSet, ChangedFile, Source } from '../../src/types.js';
import { ts } from 'ts-morph';

/** An in-memory change: path → [new text, added line numbers]. */
function memorySource(files: Record<string, [string, number[]]>, extra: Partial<ChangeSet> = {}): Source {
  const changed: ChangedFile[] = Object.entries(files).map(([path, [text, added]]) => ({
    path,
    status: 'modified',
    addedLines: new Set(added),
    commentableLines: new Set(text.split('\n').map((_, i) => i + 1)),
  }));
  return {
    listChanges: async () => ({ files: changed, skipped: [], ...extra }),
    readFile: async (path) => files[path]?.[0] ?? null,
  };
}

class RecordingPublisher implements Publisher {
  events: string[] = [];
  result?: ReviewResult;
  aborted?: Abort;
  async begin() { this.events.push('begin'); }
  async publish(result: ReviewResult) { this.events.push('publish'); this.result = result; }
  async abort(reason: Abort) { this.events.push('abort'); this.aborted = reason; }
}

const logger = pino({ level: 'silent' });

async function review(source: Source, config: ResolvedConfig | (() => Promise<ResolvedConfig>) = DEFAULT_CONFIG, detectors = registry) {
  const publisher = new RecordingPublisher();
  const result = await runReview({
    source,
    publisher,
    analyzer: createAnalyzer(detectors),
    registry: detectors,
    loadConfig: typeof config === 'function' ? config : async () => config,
    logger,
  });
  return { publisher, result };
}

const flawedTs = 'import { a } from "x";\nexport function f(s: string) {\n  return eval(s);\n}\n';
const flawedPy = 'try:\n    run()\nexcept:\n    pass\n';

describe('runReview', () => {
  test('analyses each file, keeps findings on added lines, and publishes once', async () => {
    const { publisher, result } = await review(memorySource({ 'src/a.ts': [flawedTs, [3]], 'tool.py': [flawedPy, [1, 2, 3, 4]] }));
    expect(publisher.events).toEqual(['begin', 'publish']);
    const rules = result!.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    expect(rules).toContain('src/a.ts:3 code-injection');
    expect(rules).toContain('tool.py:3 bare-except');
    // `import { a }` is unused, but line 1 was not added by this change.
    expect(rules.some((r) => r.startsWith('src/a.ts:1'))).toBe(false);
    expect(result!.stats.filesAnalyzed).toBe(2);
  });

  test('an invalid config fails the review with the exact error and publishes nothing', async () => {
    const { publisher } = await review(memorySource({ 'a.ts': [flawedTs, [3]] }), async () => parseConfig('failOn: sometimes\n', '.github/pr-reviewer.yml'));
    expect(publisher.events).toEqual(['begin', 'abort']);
    expect(publisher.aborted).toEqual({
      conclusion: 'failure',
      title: 'Invalid configuration',
      detail: '.github/pr-reviewer.yml: failOn: must be one of critical, high, medium, low, none',
    });
  });

  test('a rule id that no detector has is a config error, not a silent no-op', async () => {
    const config = parseConfig('rules:\n  sql-injections: off\n', 'cfg.yml');
    const { publisher } = await review(memorySource({ 'a.ts': [flawedTs, [3]] }), config);
    expect(publisher.aborted?.detail).toBe('cfg.yml: rules.sql-injections: unknown rule id');
  });

  test('a failing source completes the review as neutral with the reason', async () => {
    const source: Source = { listChanges: async () => { throw new Error('listing failed: 502'); }, readFile: async () => null };
    const { publisher } = await review(source);
    expect(publisher.events).toEqual(['begin', 'abort']);
    expect(publisher.aborted).toMatchObject({ conclusion: 'neutral', detail: 'listing failed: 502' });
  });

  test('a detector that throws becomes a note; the other detectors still report', async () => {
    const broken = defineTsDetector({
      meta: { id: 'always-throws', severity: 'low', category: 'reliability', description: 'd', recommendation: 'r', docs: { why: '', flagged: [], ignored: [] } },
      defaultOptions: {},
      create: () => ({ enter: { [ts.SyntaxKind.Identifier]: () => { throw new Error('boom'); } } }),
    });
    const detectors = [...registry, broken];
    const { result } = await review(memorySource({ 'src/a.ts': [flawedTs, [3]] }), DEFAULT_CONFIG, detectors);
    expect(result!.notes).toEqual([{ file: 'src/a.ts', ruleId: 'always-throws', message: 'detector failed: boom' }]);
    expect(result!.findings.map((f) => f.ruleId)).toContain('code-injection');
  });

  test('rules switched off and path ignores are honoured', async () => {
    const config = parseConfig("rules:\n  code-injection: off\npaths:\n  ignore: ['legacy/**']\n", 'cfg');
    const { result } = await review(memorySource({ 'src/a.ts': [flawedTs, [3]], 'legacy/b.ts': [flawedTs, [3]] }), config);
    expect(result!.findings.map((f) => f.ruleId)).not.toContain('code-injection');
    expect(result!.skipped).toContainEqual({ path: 'legacy/b.ts', reason: expect.stringContaining('paths.ignore') });
  });

  test('a change with nothing to analyse is never green', async () => {
    const { result } = await review(memorySource({ 'README.md': ['# hi\n', [1]] }));
    expect(result!.gate.conclusion).toBe('neutral');
    expect(result!.skipped).toEqual([{ path: 'README.md', reason: 'no analyser for this file type' }]);
  });

  test('a file that cannot be read is listed as not analysed', async () => {
    const source = memorySource({ 'a.ts': [flawedTs, [3]] });
    const { result } = await review({ ...source, readFile: async () => null });
    expect(result!.skipped).toEqual([{ path: 'a.ts', reason: 'contents could not be read' }]);
  });

  test('a truncated listing is reported, never silently dropped', async () => {
    const { result } = await review(memorySource({ 'a.ts': [flawedTs, [3]] }, { reportedFileCount: 3001 }));
    expect(result!.skipped).toContainEqual({ path: '(unlisted files)', reason: 'GitHub lists 1 of the 3001 changed files' });
    expect(result!.stats.filesChanged).toBe(3001);
  });

  test('a skip reason (a draft PR) ends the review neutral before any listing', async () => {
    const source = memorySource({ 'a.ts': [flawedTs, [3]] });
    const publisher = new RecordingPublisher();
    await runReview({ source, publisher, analyzer: createAnalyzer(registry), registry, loadConfig: async () => DEFAULT_CONFIG, logger, skipReason: () => 'Draft pull request: not reviewed' });
    expect(publisher.aborted).toEqual({ conclusion: 'neutral', title: 'Not reviewed', detail: 'Draft pull request: not reviewed' });
  });
});
