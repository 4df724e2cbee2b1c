import { pino } from 'pino';
import { defineProjectDetector, defineTsDetector } from '../../detectors/define.js';
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
      create: () => ({ enter: { Identifier: () => { throw new Error('boom'); } } }),
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

describe('runReview: project-level detectors', () => {
  const fn = 'export function price(n: number): number {\n  return n * 2;\n}\n';
  const repo: Record<string, string> = { 'src/price.ts': fn, 'test/other.test.ts': "import { o } from '../src/other.js';\n", 'src/other.ts': fn };

  /** A change of `src/price.ts` (line 2 added) in `repo`, with a listing and a reader that counts calls. */
  function projectSource(listing: 'ok' | 'fails' | 'none' = 'ok'): Source & { listed: number; reads: string[] } {
    const base = memorySource({ 'src/price.ts': [fn, [2]] });
    const out = {
      ...base,
      listed: 0,
      reads: [] as string[],
      readFile: async (path: string) => {
        out.reads.push(path);
        return repo[path] ?? null;
      },
    };
    if (listing === 'none') return out;
    return Object.assign(out, {
      listPaths: async () => {
        out.listed++;
        if (listing === 'fails') throw new Error('tree: 502');
        return { paths: Object.keys(repo).sort(), complete: true };
      },
    });
  }

  test('run once per review after the per-file pass; a file-level finding stays though its line was not added', async () => {
    const source = projectSource();
    const { result } = await review(source);
    expect(source.listed).toBe(1);
    expect(result!.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['src/price.ts:1 missing-tests']);
    // The changed file is read once (per-file pass); the project pass reads the related test and the
    // neighbour that might import it, each once.
    expect(source.reads).toEqual(['src/price.ts', 'test/other.test.ts', 'src/other.ts']);
  });

  test('switched off in the config: the repository is not even listed', async () => {
    const source = projectSource();
    await review(source, parseConfig('rules:\n  missing-tests: off\n  circular-import: off\n  missing-index: off\n', 'cfg'));
    expect(source.listed).toBe(0);
  });

  test('a source that cannot list paths: the project rules do not run, the rest does', async () => {
    const { result } = await review(projectSource('none'));
    expect(result!.findings).toEqual([]);
    expect(result!.notes).toEqual([]);
  });

  test('a failing listing is a note, never a dead review', async () => {
    const { publisher, result } = await review(projectSource('fails'));
    expect(publisher.events).toEqual(['begin', 'publish']);
    expect(result!.notes).toEqual([{ message: 'project-level rules not run: listing the repository failed: tree: 502' }]);
  });

  test('a project detector that throws becomes a note; the other detectors still report', async () => {
    const broken = defineProjectDetector({
      meta: { id: 'always-throws-project', language: 'any', severity: 'low', category: 'testing', description: 'd', recommendation: 'r', docs: { why: '', flagged: [], ignored: [] } },
      defaultOptions: {},
      async check(ctx) {
        ctx.report({ file: 'src/price.ts', line: 2, message: 'lost' });
        throw new Error('boom');
      },
    });
    const { result } = await review(projectSource(), DEFAULT_CONFIG, [...registry, broken]);
    expect(result!.notes).toEqual([{ ruleId: 'always-throws-project', message: 'detector failed: boom' }]);
    expect(result!.findings.map((f) => f.ruleId)).toEqual(['missing-tests']);
  });
});

describe('runReview: project-level detectors and the time budget', () => {
  test('past the time budget the project rules do not start, and say why', async () => {
    const fn = 'export function price(n: number): number {\n  return n * 2;\n}\n';
    let clock = 0;
    const base = memorySource({ 'src/price.ts': [fn, [2]] });
    const source: Source = {
      ...base,
      // Reading the changed file takes an hour: the budget is gone before the project stage.
      readFile: async (path) => {
        clock += 3_600_000;
        return base.readFile(path);
      },
      listPaths: async () => ({ paths: ['src/price.ts', 'test/other.test.ts'], complete: true }),
    };
    const publisher = new RecordingPublisher();
    const now = () => clock;
    const result = await runReview({ source, publisher, analyzer: createAnalyzer(registry), registry, loadConfig: async () => parseConfig('timeoutSeconds: 25\n', 'cfg'), logger, now });
    expect(result!.findings.filter((f) => f.ruleId === 'missing-tests')).toEqual([]);
    expect(result!.notes).toContainEqual({ message: expect.stringMatching(/^project-level rules not run: the review's time budget/) });
  });
});

describe('good patterns', () => {
  const goodTs = [
    "import { pool } from './db.js';",
    '',
    'export async function findUser(id: string): Promise<unknown> {',
    "  const res = await fetch('https://api.example.com/u', { signal: AbortSignal.timeout(5000) });",
    "  return pool.query('SELECT * FROM users WHERE id = $1', [id, await res.text()]);",
    '}',
    '',
  ].join('\n');
  const goodPy = [
    'import requests',
    '',
    '',
    'def find(cursor: object, user_id: int) -> list:',
    '    requests.get("https://api.example.com", timeout=5)',
    '    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))',
    '    return cursor.fetchall()',
    '',
  ].join('\n');

  test('seen on changed lines: listed by kind with their places', async () => {
    const { result } = await review(memorySource({ 'src/users.ts': [goodTs, [3, 4, 5]], 'app/find.py': [goodPy, [4, 5, 6]] }));
    expect(result!.goodPatterns).toEqual([
      'Parameterized queries (2): `app/find.py:6`, `src/users.ts:5`',
      'Timeouts on network calls (2): `app/find.py:5`, `src/users.ts:4`',
      'Typed function signatures (2): `app/find.py:4`, `src/users.ts:3`',
    ]);
  });

  test('not on a changed line, or cancelled by a finding of the opposite rule: not listed', async () => {
    const { result: untouched } = await review(memorySource({ 'src/users.ts': [goodTs, [1]] }));
    expect(untouched!.goodPatterns).toEqual([]);
    const bad = `${goodPy}\n\ndef other(url: str) -> None:\n    requests.get(url)\n`;
    const lines = bad.split('\n').map((_, i) => i + 1);
    const { result } = await review(memorySource({ 'app/find.py': [bad, lines] }));
    expect(result!.findings.map((f) => f.ruleId)).toContain('missing-timeout');
    expect(result!.goodPatterns.some((p) => p.startsWith('Timeouts'))).toBe(false);
    expect(result!.goodPatterns.some((p) => p.startsWith('Parameterized'))).toBe(true);
  });
});

describe('compared with the base', () => {
  const baseTs = [
    'export function run(s: string) {',
    '  return eval(s);',
    '}',
    '',
    'export function load(db: { query(q: string): unknown }, id: string) {',
    '  return db.query(`SELECT * FROM t WHERE id = ${id}`);',
    '}',
    '',
  ].join('\n');
  // The eval is re-indented inside a guard (same code, touched line); the SQL injection is fixed;
  // a new eval is added.
  const headTs = [
    'export function run(s: string) {',
    '  if (s) {',
    '    return eval(s);',
    '  }',
    '  return eval(String(s));',
    '}',
    '',
    'export function load(db: { query(q: string, v: unknown[]): unknown }, id: string) {',
    "  return db.query('SELECT * FROM t WHERE id = $1', [id]);",
    '}',
    '',
  ].join('\n');

  function withBase(head: string, added: number[], base: string | null): Source {
    const source = memorySource({ 'src/a.ts': [head, added] });
    return { ...source, readBaseFile: async () => base };
  }

  test('the gate counts what the PR introduces; old findings on touched lines are marked, fixed ones counted as resolved', async () => {
    const { result } = await review(withBase(headTs, [2, 3, 4, 5, 8, 9], baseTs));
    const evals = result!.findings.filter((f) => f.ruleId === 'code-injection').map((f) => f.line);
    expect(evals).toEqual([3, 5]);
    expect(result!.baseline).toEqual({
      introduced: { critical: 1, high: 0, medium: 0, low: 0 },
      preexisting: [result!.findings.find((f) => f.line === 3)!.fingerprint],
      resolved: { critical: 1, high: 0, medium: 0, low: 0 },
    });
    expect(result!.gate.conclusion).toBe('failure');
    expect(result!.gate.title).toMatch(/^1 critical/);
  });

  test('only old findings on the touched lines: the gate passes, and the summary says why', async () => {
    const head = baseTs.replace('  return eval(s);', '  if (s) {\n    return eval(s);\n  }\n  return null;');
    const { result } = await review(withBase(head, [2, 3, 4, 5], baseTs));
    expect(result!.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['code-injection:3']);
    expect(result!.gate.conclusion).toBe('success');
    const { renderSummary } = await import('../../src/report/summary.js');
    const summary = renderSummary(result!, { posted: 1, summaryOnly: 0 });
    expect(summary).toContain('Compared with the base, this PR introduces no finding and resolves none. 1 finding on changed lines was already there');
    expect(summary).toContain('_(already at the base)_');
  });

  test('no base reader, or a new file: no comparison, every finding counts', async () => {
    const { result } = await review(memorySource({ 'src/a.ts': [headTs, [2, 3, 4, 5, 8, 9]] }));
    expect(result!.baseline).toBeUndefined();
    expect(result!.gate.conclusion).toBe('failure');
  });
});

describe('good patterns: errors with context and structured logging', () => {
  const ts = [
    "import pino from 'pino';",
    '',
    'const logger = pino();',
    '',
    'export async function charge(orderId: string, pay: (id: string) => Promise<void>): Promise<void> {',
    '  try {',
    '    await pay(orderId);',
    '  } catch (err) {',
    "    throw new Error(`charging order ${orderId} failed`, { cause: err });",
    '  }',
    "  logger.info({ orderId }, 'order charged');",
    '}',
    '',
  ].join('\n');
  const py = [
    'import logging',
    '',
    'logger = logging.getLogger(__name__)',
    '',
    '',
    'class ChargeError(Exception):',
    '    pass',
    '',
    '',
    'def charge(order_id: str, pay: object) -> None:',
    '    try:',
    '        pay(order_id)',
    '    except ValueError as err:',
    '        raise ChargeError(order_id) from err',
    '    logger.info("order %s charged", order_id)',
    '',
  ].join('\n');

  test('a rethrow with its cause and a logger call with fields are praised on changed lines', async () => {
    const all = (text: string) => text.split('\n').map((_, i) => i + 1);
    // The TypeScript praise comes from swallowed-exception, which is off by default but runs for its praise.
    const { result } = await review(memorySource({ 'src/charge.ts': [ts, all(ts)], 'app/charge.py': [py, all(py)] }), DEFAULT_CONFIG);
    expect(result!.findings).toEqual([]);
    expect(result!.goodPatterns).toEqual(
      expect.arrayContaining([
        'Structured logging (2): `app/charge.py:15`, `src/charge.ts:11`',
        'Errors handled with context (2): `app/charge.py:13`, `src/charge.ts:8`',
      ]),
    );
  });

  test('a rule off by default that runs for its praise reports no finding unless the config turns it on; named off, it does not run', async () => {
    const empty = "export function sync(): void {\n  try {\n    save();\n  } catch (err) {}\n  try {\n    save();\n  } catch (err) {\n    throw new Error('save failed', { cause: err });\n  }\n}\n";
    const source = () => memorySource({ 'src/sync.ts': [empty, empty.split('\n').map((_, i) => i + 1)] });
    const rule = (enabled: boolean) => ({ ...DEFAULT_CONFIG, rules: { 'swallowed-exception': { enabled, options: {} } } });
    const byDefault = (await review(source(), DEFAULT_CONFIG)).result!;
    expect(byDefault.findings.map((f) => f.ruleId)).not.toContain('swallowed-exception');
    expect(byDefault.goodPatterns).toEqual(expect.arrayContaining([expect.stringContaining('Errors handled with context')]));
    const on = (await review(source(), rule(true))).result!;
    expect(on.findings.filter((f) => f.ruleId === 'swallowed-exception').map((f) => f.line)).toEqual([4]);
    const off = (await review(source(), rule(false))).result!;
    expect(off.findings.map((f) => f.ruleId)).not.toContain('swallowed-exception');
    expect(off.goodPatterns).not.toEqual(expect.arrayContaining([expect.stringContaining('Errors handled with context')]));
  });
});
