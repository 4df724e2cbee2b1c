// `npm run bench`: what the engine costs against the parser it sits on and against ESLint, on code
// nobody here wrote (pinned devDependency packages and the machine's Python standard library).
//
//   npm run bench                 full corpora, 5 timed runs each after a warm-up
//   npm run bench -- --quick      the 100k-line Python subset, 3 runs (what CI could afford)
//
// Every figure is the median of the timed runs, in one process, after one warm-up run; each engine and
// the parser walk it is compared with run alternately, at least 7 times each. The last line is
// machine-readable (see docs/performance.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pythonCorpus, pythonStdlib, typescriptCorpus } from './lib/corpus.mjs';
import { eslintConfig } from './lib/eslint-equivalent.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'skip-e2e': { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs ?? (values.quick ? 3 : 5));
/** Runs of each side of a baseline/engine pair (see `timePair`). */
const PAIR_RUNS = Math.max(RUNS, 7);
const PY_QUICK_LINES = 100_000;

const { createAnalyzer } = await dist('src/analysis/engine.js');
const { loadPythonParser } = await dist('src/analysis/parse-python.js');
const { DEFAULT_CONFIG } = await dist('src/config/defaults.js');
const { registry } = await dist('detectors/index.js');
const { ts, Project } = await import('ts-morph');
const { Linter } = await import('eslint');

const out = [];
const say = (line = '') => {
  out.push(line);
  process.stdout.write(`${line}\n`);
};

/** Median wall time in ms of `fn` over RUNS runs after one warm-up. */
async function time(fn) {
  await fn();
  const samples = [];
  for (let i = 0; i < RUNS; i += 1) {
    globalThis.gc?.();
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/**
 * Median wall times in ms of `a` and `b`, run alternately (`a`, `b`, `a`, `b`, ...) after one warm-up
 * each: a ratio of the two is then measured under the same conditions, the machine's slow and fast
 * spells falling on both. More runs than the other figures, as the ratios are the targets.
 */
async function timePair(a, b) {
  await a();
  await b();
  const samples = [[], []];
  for (let i = 0; i < PAIR_RUNS; i += 1) {
    for (const [k, fn] of [a, b].entries()) {
      globalThis.gc?.();
      const t0 = performance.now();
      await fn();
      samples[k].push(performance.now() - t0);
    }
  }
  return samples.map((list) => list.sort((x, y) => x - y)[Math.floor(list.length / 2)]);
}

const countLines = (text) => text.split('\n').length;
const rate = (lines, ms) => `${Math.round(lines / (ms / 1000)).toLocaleString('en-US')} lines/s`;
const fmt = (ms) => `${ms.toFixed(0)} ms`;
const ratio = (a, b) => (a / b).toFixed(2);

function allOn(language) {
  const rules = Object.fromEntries(registry.filter((d) => d.meta.language === language).map((d) => [d.meta.id, { enabled: true, options: {} }]));
  return { ...DEFAULT_CONFIG, rules };
}

/** Iterative walk over raw compiler nodes: the floor any single-pass analysis pays after parsing. */
function rawWalk(sourceFile) {
  let nodes = 0;
  const stack = [sourceFile];
  const push = (child) => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop();
    nodes += 1;
    ts.forEachChild(node, push);
  }
  return nodes;
}

function scriptKind(path) {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  return ts.ScriptKind.TS;
}

say(`pr-reviewer bench: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${RUNS} runs after a warm-up`);

// ---------------------------------------------------------------------------------------------
// TypeScript
const tsFiles = typescriptCorpus(root).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const tsLines = tsFiles.reduce((n, f) => n + countLines(f.text), 0);
say('');
say(`TypeScript corpus: ${tsFiles.length} files, ${tsLines.toLocaleString('en-US')} lines (rxjs, zod, mobx, immer, @trpc/server, ajv sources)`);

const tsParse = await time(() => {
  for (const f of tsFiles) ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, scriptKind(f.path));
});
// The engine's own parse: no parent pass (its node listing sets parents) and no JSDoc (no rule reads it).
const engineParseOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
const tsParseLean = await time(() => {
  for (const f of tsFiles) ts.createSourceFile(f.path, f.text, engineParseOptions, false, scriptKind(f.path));
});
const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
const tsMorphWalk = await time(() => {
  for (const f of tsFiles) {
    const sf = project.createSourceFile(f.path, f.text, { overwrite: true });
    sf.forEachDescendant(() => undefined);
    project.removeSourceFile(sf);
  }
});
const tsAnalyzer = createAnalyzer(registry);
const tsConfig = allOn('typescript');
const tsDetectorCount = Object.keys(tsConfig.rules).length;
const [tsParseWalk, tsEngine] = await timePair(
  () => {
    for (const f of tsFiles) rawWalk(ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, scriptKind(f.path)));
  },
  async () => {
    for (const f of tsFiles) await tsAnalyzer.analyzeFile(f, tsConfig);
  },
);
const linter = new Linter({ configType: 'flat' });
const eslint = eslintConfig();
// ESLint ignores anything under node_modules/: lint each file under a neutral name.
const eslintName = (path) => `corpus/${path.split('/node_modules/').pop()}`;
let eslintMessages = 0;
const tsEslint = await time(() => {
  eslintMessages = 0;
  for (const f of tsFiles) {
    const messages = linter.verify(f.text, eslint.config, { filename: eslintName(f.path) });
    eslintMessages += messages.length;
    const fatal = messages.find((m) => m.fatal);
    if (fatal) throw new Error(`ESLint could not parse ${f.path}: ${fatal.message}`);
  }
});
say(`  (a) parse (createSourceFile)            ${fmt(tsParse).padStart(9)}  ${rate(tsLines, tsParse)}`);
say(`  (a) parse without parents or JSDoc     ${fmt(tsParseLean).padStart(9)}  ${rate(tsLines, tsParseLean)}  (what the engine asks of the parser)`);
say(`  (a) parse + raw walk                    ${fmt(tsParseWalk).padStart(9)}  ${rate(tsLines, tsParseWalk)}  (the baseline: 1.00×; runs alternate with (b))`);
say(`  (a) ts-morph parse + wrapped walk       ${fmt(tsMorphWalk).padStart(9)}  ${ratio(tsMorphWalk, tsParseWalk)}×`);
say(`  (b) engine, ${tsDetectorCount} detectors                ${fmt(tsEngine).padStart(9)}  ${rate(tsLines, tsEngine)}  ${ratio(tsEngine, tsParseWalk)}×`);
say(`  (c) ESLint + typescript-eslint, ${eslint.ruleCount} rules ${fmt(tsEslint).padStart(9)}  ${rate(tsLines, tsEslint)}  ${ratio(tsEslint, tsParseWalk)}×  (${eslintMessages} messages)`);

// ---------------------------------------------------------------------------------------------
// Python
const stdlib = pythonStdlib();
let pyFiles = [];
if (stdlib) {
  pyFiles = pythonCorpus(stdlib).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  if (values.quick) {
    const subset = [];
    let lines = 0;
    for (const f of pyFiles) {
      if (lines >= PY_QUICK_LINES) break;
      subset.push(f);
      lines += countLines(f.text);
    }
    pyFiles = subset;
  }
}
const pyLines = pyFiles.reduce((n, f) => n + countLines(f.text), 0);
let pyParseWalk = NaN;
let pyEngine = NaN;
say('');
if (pyFiles.length === 0) {
  say('Python: no python3 on this machine, so no standard library to measure');
} else {
  say(`Python corpus: ${pyFiles.length} files, ${pyLines.toLocaleString('en-US')} lines (${values.quick ? 'a subset of ' : ''}the standard library at ${stdlib})`);
  const parser = await loadPythonParser();
  const pyParse = await time(() => {
    for (const f of pyFiles) parser.parseTree(f.text)?.delete();
  });
  const pyAnalyzer = createAnalyzer(registry);
  const pyConfig = allOn('python');
  [pyParseWalk, pyEngine] = await timePair(() => {
    for (const f of pyFiles) {
      const tree = parser.parseTree(f.text);
      if (!tree) continue;
      const cursor = tree.walk();
      // Depth-first with a cursor: the cheapest full traversal tree-sitter offers.
      for (;;) {
        if (cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) break;
        }
        if (cursor.currentDepth === 0) break;
      }
      cursor.delete();
      tree.delete();
    }
  }, async () => {
    for (const f of pyFiles) await pyAnalyzer.analyzeFile(f, pyConfig);
  });
  say(`  (d) parse                               ${fmt(pyParse).padStart(9)}  ${rate(pyLines, pyParse)}`);
  say(`  (d) parse + cursor walk                 ${fmt(pyParseWalk).padStart(9)}  ${rate(pyLines, pyParseWalk)}  (the baseline: 1.00×; runs alternate with the engine)`);
  say(`  (d) engine, ${Object.keys(pyConfig.rules).length} detectors                ${fmt(pyEngine).padStart(9)}  ${rate(pyLines, pyEngine)}  ${ratio(pyEngine, pyParseWalk)}×`);
}

// ---------------------------------------------------------------------------------------------
// (e) Per-detector share: each detector alone, minus the engine with none (parse + walk + dispatch).
say('');
say('(e) per-detector cost: each detector alone, minus the engine with no detector; share of (all - none)');
async function perDetector(language, files) {
  if (files.length === 0) return;
  const all = createAnalyzer(registry);
  const allConfig = allOn(language);
  const engineAll = await time(async () => {
    for (const f of files) await all.analyzeFile(f, allConfig);
  });
  const none = createAnalyzer([]);
  const noneMs = await time(async () => {
    for (const f of files) await none.analyzeFile(f, DEFAULT_CONFIG);
  });
  const detectorsMs = engineAll - noneMs;
  const rows = [];
  for (const detector of registry.filter((d) => d.meta.language === language)) {
    const alone = createAnalyzer([detector]);
    const config = { ...DEFAULT_CONFIG, rules: { [detector.meta.id]: { enabled: true, options: {} } } };
    const ms = await time(async () => {
      for (const f of files) await alone.analyzeFile(f, config);
    });
    rows.push({ id: detector.meta.id, ms: Math.max(0, ms - noneMs) });
  }
  rows.sort((a, b) => b.ms - a.ms);
  say(`  ${language} (${files.length} files): engine with no detector ${fmt(noneMs)}, with all ${fmt(engineAll)}: detectors add ${fmt(detectorsMs)}`);
  for (const r of rows) {
    const share = detectorsMs > 0 ? (100 * r.ms) / detectorsMs : 0;
    say(`    ${r.id.padEnd(28)} ${fmt(r.ms).padStart(8)}  ${share.toFixed(1).padStart(5)}%`);
  }
}
await perDetector('typescript', tsFiles);
// On the full standard library this would take minutes: every fifth file is representative.
await perDetector('python', values.quick ? pyFiles : pyFiles.filter((_, i) => i % 5 === 0));

// ---------------------------------------------------------------------------------------------
// (f) Cold start of `pr-reviewer scan` on one file, in a fresh process each time.
say('');
const scratch = mkdtempSync(join(tmpdir(), 'pr-reviewer-bench-'));
const oneTs = join(scratch, 'one.ts');
const onePy = join(scratch, 'one.py');
writeFileSync(oneTs, "import { readFileSync } from 'node:fs';\nexport function load(path: string): string {\n  return readFileSync(path, 'utf8');\n}\n");
writeFileSync(onePy, 'import os\n\n\ndef load(path: str) -> str:\n    with open(path) as f:\n        return f.read()\n');
function coldStart(file) {
  const samples = [];
  for (let i = 0; i < RUNS + 1; i += 1) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin/pr-reviewer.js'), 'scan', file, '--format', 'json'], { cwd: scratch, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`scan failed (${r.status}): ${r.stderr}`);
    if (i > 0) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
const coldTs = coldStart(oneTs);
const coldPy = coldStart(onePy);
say(`(f) cold start, \`pr-reviewer scan\` of one file: TypeScript ${fmt(coldTs)}, Python ${fmt(coldPy)}`);

// ---------------------------------------------------------------------------------------------
// Peak RSS of a 300-file review in its own process (the analyser releases each file after use).
const rssFiles = [...tsFiles.slice(0, 150), ...pyFiles.slice(0, 150)].map((f) => f.path);
const listFile = join(scratch, 'files.json');
writeFileSync(listFile, JSON.stringify(rssFiles));
const probe = spawnSync(process.execPath, [join(root, 'scripts/lib/rss-probe.mjs'), listFile], { encoding: 'utf8' });
if (probe.status !== 0) throw new Error(`rss probe failed: ${probe.stderr}`);
const peakRss = JSON.parse(probe.stdout).peakRssMb;
say(`peak RSS analysing ${rssFiles.length} files (TypeScript and Python) in one process: ${peakRss} MB`);

// ---------------------------------------------------------------------------------------------
// End to end through a fake GitHub: needs the load harness (scripts/lib/fake-github.mjs).
let pr100 = 'NA';
if (!values['skip-e2e']) {
  try {
    const { benchPullRequest } = await import('./lib/pr-e2e.mjs');
    const e2e = await benchPullRequest({ root, files: 100, latencyMs: 20, runs: RUNS });
    pr100 = e2e.seconds.toFixed(2);
    say(`end to end: ${e2e.description}`);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    say('end to end: not measured (no fake GitHub harness in this checkout)');
  }
}
rmSync(scratch, { recursive: true, force: true });

say('');
const pyRatio = Number.isNaN(pyEngine) ? 'NA' : ratio(pyEngine, pyParseWalk);
say(
  `bench: ts_engine_vs_parse=${ratio(tsEngine, tsParseWalk)} ts_engine_vs_eslint=${ratio(tsEngine, tsEslint)} py_engine_vs_parse=${pyRatio} cold_start_ms=${coldTs.toFixed(0)} pr100_s=${pr100} peak_rss_mb=${peakRss}`,
);
