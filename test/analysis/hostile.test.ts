/**
 * Hostile input (issue 5): the generated corpus in test/fixtures/hostile/ (scripts/make-hostile.mjs)
 * goes through the real engine and pipeline. Nothing crashes, nothing hangs, and every file that is
 * not analysed is skipped with its reason in the summary.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pino } from 'pino';
import { ts } from 'ts-morph';
import { registry } from '../../detectors/index.js';
import { createAnalyzer } from '../../src/analysis/engine.js';
import { MAX_NESTING_DEPTH, bracketDepth } from '../../src/analysis/input-guard.js';
import { loadPythonParser } from '../../src/analysis/parse-python.js';
import { walkPython } from '../../src/analysis/walk-python.js';
import { walkTypeScript } from '../../src/analysis/walk-typescript.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { NO_PATCH_REASON, classifyFile } from '../../src/github/source.js';
import { createReviewBudget } from '../../src/pipeline/budget.js';
import type { Abort, Publisher } from '../../src/pipeline/publisher.js';
import { runReview } from '../../src/pipeline/run-review.js';
import type { ReviewResult } from '../../src/pipeline/types.js';
import { renderSummary } from '../../src/report/summary.js';
import type { ChangedFile, SkippedFile, Source } from '../../src/types.js';

const DIR = new URL('../fixtures/hostile/', import.meta.url);
const analyzer = createAnalyzer(registry);
const logger = pino({ level: 'silent' });
/** Per file: generous for 2 shared cores, far below "hangs". */
const FILE_MS = 10_000;

beforeAll(() => {
  if (!existsSync(new URL('pr-2000-files.json', DIR))) execFileSync(process.execPath, ['scripts/make-hostile.mjs'], { stdio: 'ignore' });
});

/** The file as the GitHub source hands it over: bytes decoded as UTF-8 (invalid bytes become U+FFFD). */
function text(name: string): string {
  return new TextDecoder().decode(readFileSync(new URL(name, DIR)));
}

async function analyse(name: string) {
  const started = performance.now();
  const result = await analyzer.analyzeFile({ path: `src/${name}`, text: text(name) }, DEFAULT_CONFIG);
  const ms = performance.now() - started;
  process.stdout.write(`hostile ${name}: ${Math.round(ms)} ms, analysed=${result.analyzed}, findings=${result.findings.length}${result.notes[0] ? `, note=${result.notes[0].message}` : ''}\n`);
  expect(ms).toBeLessThan(FILE_MS);
  return result;
}

describe('the engine on hostile files', () => {
  test.each(['deep-nesting.ts', 'deep-array.ts', 'deep-nesting.py', 'deep-calls.py'])('%s (50,000 levels) is skipped by the depth guard', async (name) => {
    const result = await analyse(name);
    expect(result).toMatchObject({ analyzed: false, notes: [{ message: `not analysed: nesting deeper than ${MAX_NESTING_DEPTH} levels` }] });
  });

  test('a 10 MB single-line bundle is skipped for its size', async () => {
    const result = await analyse('bundle.js');
    expect(result.analyzed).toBe(false);
    expect(result.notes[0].message).toMatch(/larger than/);
  });

  test('NUL bytes mark a file binary', async () => {
    expect((await analyse('nul-bytes.ts')).notes[0].message).toBe('not analysed: binary content (NUL bytes)');
  });

  test.each([
    ['bom.ts', 'code-injection', 2],
    ['crlf.ts', 'code-injection', 2],
    ['bom.py', 'bare-except', 5],
    ['crlf.py', 'bare-except', 5],
    ['invalid-utf8.ts', 'code-injection', 3],
  ])('%s is analysed with the right lines', async (name, ruleId, line) => {
    const result = await analyse(name);
    expect(result.analyzed).toBe(true);
    expect(result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.line)).toEqual([line]);
  });

  test.each(['empty.ts', 'empty.py', 'syntax-error.ts', 'syntax-error.py', 'invalid-utf8.py', 'many-statements.ts', 'many-statements.py'])('%s neither crashes nor hangs', async (name) => {
    const result = await analyse(name);
    expect(result.notes.filter((n) => /detector failed/.test(n.message))).toEqual([]);
    if (name.startsWith('empty')) expect(result.findings).toEqual([]);
  });

  test('the parsers still work after the hostile files', async () => {
    for (const name of ['deep-array.ts', 'deep-calls.py']) await analyse(name);
    const result = await analyzer.analyzeFile({ path: 'src/ok.ts', text: 'export const run = (s: string) => eval(s);\n' }, DEFAULT_CONFIG);
    expect(result.findings.map((f) => f.ruleId)).toContain('code-injection');
  });
});

describe('why the depth guard exists, and that the walkers need none', () => {
  test('ts.createSourceFile recurses: 50,000 levels overflow its stack (a RangeError the guard avoids)', () => {
    expect(() => ts.createSourceFile('a.ts', text('deep-array.ts'), ts.ScriptTarget.Latest, true)).toThrow(RangeError);
  });

  test('the depth scan is linear and stops at its limit', () => {
    expect(bracketDepth('f((a)[{b}])')).toBe(3);
    expect(bracketDepth(text('deep-array.ts'), 10)).toBe(11);
  });

  test('walkTypeScript is iterative: a 50,000-deep tree built in memory is walked', () => {
    let statement: ts.Statement = ts.factory.createExpressionStatement(ts.factory.createIdentifier('x'));
    for (let i = 0; i < 50_000; i++) statement = ts.factory.createBlock([statement]);
    const file = ts.factory.createSourceFile([statement], ts.factory.createToken(ts.SyntaxKind.EndOfFileToken), ts.NodeFlags.None);
    let blocks = 0;
    walkTypeScript(file, [{ owner: { id: 'count' }, visitor: { enter: { Block: () => void blocks++ } } }]);
    expect(blocks).toBe(50_000);
  });

  test('tree-sitter parses 50,000 levels and walkPython walks them with its cursor', async () => {
    const parser = await loadPythonParser();
    const file = parser.parse('deep.py', text('deep-nesting.py'));
    expect(file).not.toBeNull();
    let lists = 0;
    try {
      walkPython(file!.tree, [{ owner: { id: 'count' }, visitor: { enter: { list: () => void lists++ } } }]);
    } finally {
      file!.tree.delete();
    }
    expect(lists).toBe(50_000);
  });
});

class RecordingPublisher implements Publisher {
  result?: ReviewResult;
  aborted?: Abort;
  async begin(): Promise<void> {}
  async publish(result: ReviewResult): Promise<void> {
    this.result = result;
  }
  async abort(reason: Abort): Promise<void> {
    this.aborted = reason;
  }
}

interface ListedEntry {
  filename: string;
  status: string;
  changes: number;
  patch?: string;
  content?: string;
}

/** A GitHub-shaped source over listed entries (the real `classifyFile` sorts them). */
function listedSource(entries: ListedEntry[]): Source {
  const files: ChangedFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of entries) {
    const outcome = classifyFile(entry);
    if ('reason' in outcome) skipped.push(outcome);
    else files.push(outcome);
  }
  const contents = new Map(entries.map((e) => [e.filename, e.content ?? '']));
  return { listChanges: async () => ({ files, skipped, reportedFileCount: entries.length }), readFile: async (path) => contents.get(path) ?? null };
}

async function review(source: Source, now?: () => number): Promise<ReviewResult> {
  const publisher = new RecordingPublisher();
  await runReview({ source, publisher, analyzer, registry, loadConfig: async () => DEFAULT_CONFIG, logger, ...(now ? { now } : {}) });
  expect(publisher.aborted).toBeUndefined();
  return publisher.result as ReviewResult;
}

describe('the pipeline on hostile pull requests', () => {
  const pr2000 = (): ListedEntry[] => JSON.parse(text('pr-2000-files.json')) as ListedEntry[];

  test('a 2,000-file pull request is reviewed completely and in bounded time', async () => {
    const started = performance.now();
    const result = await review(listedSource(pr2000()));
    const ms = performance.now() - started;
    process.stdout.write(`hostile 2,000-file PR: ${Math.round(ms)} ms, analysed=${result.stats.filesAnalyzed}\n`);
    expect(result.stats.filesAnalyzed).toBe(2000);
    expect(ms).toBeLessThan(60_000);
  }, 90_000);

  test('past the time budget the remaining files are skipped, and the summary says why', async () => {
    // A clock that advances one second per reading: the 120 s budget ends part-way through.
    let clock = 0;
    const result = await review(listedSource(pr2000().slice(0, 300)), () => (clock += 1000));
    const late = result.skipped.filter((s) => s.reason.includes('time budget'));
    expect(result.stats.filesAnalyzed).toBeGreaterThan(0);
    expect(late.length).toBeGreaterThan(0);
    expect(result.stats.filesAnalyzed + late.length).toBe(300);
    expect(renderSummary(result, { posted: 0, summaryOnly: 0 })).toContain("the review's time budget (timeoutSeconds: 120) was used up");
  });

  test('patches GitHub left empty or out are listed as skipped with the reason', async () => {
    const result = await review(listedSource(JSON.parse(text('empty-patch.json')) as ListedEntry[]));
    expect(result.skipped).toEqual([
      { path: 'src/huge.ts', reason: NO_PATCH_REASON },
      { path: 'src/no-patch.ts', reason: NO_PATCH_REASON },
    ]);
    const summary = renderSummary(result, { posted: 0, summaryOnly: 0 });
    expect(summary).toContain('src/huge.ts');
    expect(result.gate.conclusion).not.toBe('success');
  });
});

describe('createReviewBudget', () => {
  test('stops at the byte total and stays stopped', () => {
    const budget = createReviewBudget({ timeoutSeconds: 60, maxBytes: 100, now: () => 0 });
    expect(budget.take(60)).toBeUndefined();
    expect(budget.take(60)).toMatch(/size budget \(100 bytes/);
    expect(budget.take(1)).toMatch(/size budget/);
  });

  test('stops at the deadline', () => {
    let now = 0;
    const budget = createReviewBudget({ timeoutSeconds: 10, now: () => now });
    expect(budget.timeReason()).toBeUndefined();
    now = 10_000;
    expect(budget.take(1)).toMatch(/time budget \(timeoutSeconds: 10\)/);
  });
});
