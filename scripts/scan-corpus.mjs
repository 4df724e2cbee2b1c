// Runs every detector (including ones off by default and ones not yet registered) over real code and
// prints findings per rule, with an optional sample to judge by hand.
//
//   npm run scan-corpus                       TypeScript and JavaScript corpora (pinned packages)
//   npm run scan-corpus -- --python           the machine's Python standard library
//   npm run scan-corpus -- --rule a,b --samples 20 [--seed 1] [--path DIR ...] [--json]
//
// `--path DIR` scans any directory (findings are printed relative to the working directory);
// scripts/app-corpus.mjs fetches the pinned application corpus and runs this script over it.
import { readFileSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { javascriptCorpus, pythonCorpus, pythonStdlib, typescriptCorpus } from './lib/corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createAnalyzer } = await import(pathToFileURL(resolve(root, 'dist/src/analysis/engine.js')).href);
const { DEFAULT_CONFIG } = await import(pathToFileURL(resolve(root, 'dist/src/config/defaults.js')).href);
const { languageOf } = await import(pathToFileURL(resolve(root, 'dist/src/analysis/language.js')).href);

const { values } = parseArgs({
  options: {
    python: { type: 'boolean', default: false },
    rule: { type: 'string' },
    samples: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    path: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
  },
});

/** Every detector module under dist/detectors/{typescript,python}/ (the registry may lag behind). */
async function loadDetectors() {
  const detectors = [];
  for (const lang of ['typescript', 'python']) {
    const dir = resolve(root, 'dist/detectors', lang);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.js')).sort()) {
      const mod = await import(pathToFileURL(resolve(dir, name)).href);
      if (mod.default?.meta?.id) detectors.push(mod.default);
    }
  }
  return detectors;
}

const wanted = values.rule ? new Set(values.rule.split(',')) : null;
const detectors = (await loadDetectors()).filter((d) => !wanted || wanted.has(d.meta.id));
const rules = Object.fromEntries(detectors.map((d) => [d.meta.id, { enabled: true, options: {} }]));
const config = { ...DEFAULT_CONFIG, rules };

function listFiles() {
  if (values.path?.length) {
    const out = [];
    const visit = (p) => {
      for (const e of readdirSync(p, { withFileTypes: true })) {
        const full = resolve(p, e.name);
        if (e.isDirectory() && e.name !== 'node_modules') visit(full);
        else if (e.isFile()) out.push(full);
      }
    };
    values.path.forEach((p) => visit(resolve(p)));
    return { base: process.cwd(), files: out.sort() };
  }
  if (values.python) {
    const stdlib = pythonStdlib();
    if (!stdlib) throw new Error('python3 not found: the Python corpus is its standard library');
    return { base: stdlib, files: pythonCorpus(stdlib) };
  }
  return { base: resolve(root, 'node_modules'), files: [...typescriptCorpus(root), ...javascriptCorpus(root)] };
}

const analyzer = createAnalyzer(detectors);
const { base, files } = listFiles();
const byRule = new Map(detectors.map((d) => [`${d.meta.id} (${d.meta.language})`, []]));
/**
 * A finding's language is the `meta.language` of the detector that reported it: the one with that id
 * among the detectors the engine runs on the file (`.pyi` stubs are read by the Python detectors).
 */
function detectorLanguage(ruleId, path) {
  const fileLanguage = languageOf(path);
  const candidates = detectors.filter((d) => d.meta.id === ruleId);
  return (candidates.find((d) => d.meta.language === fileLanguage) ?? candidates[0])?.meta.language ?? fileLanguage;
}
let lines = 0;
let analyzed = 0;
const notes = [];
const started = performance.now();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const path = relative(base, file);
  const result = await analyzer.analyzeFile({ path, text }, config);
  if (!result.analyzed) {
    notes.push(...result.notes);
    continue;
  }
  analyzed += 1;
  lines += text.split('\n').length;
  notes.push(...result.notes);
  const fileLines = text.split('\n');
  for (const f of result.findings) {
    const lang = detectorLanguage(f.ruleId, path);
    const key = `${f.ruleId} (${lang})`;
    if (!byRule.has(key)) byRule.set(key, []);
    byRule.get(key).push({ file: path, line: f.line, message: f.message, code: (fileLines[f.line - 1] ?? '').trim().slice(0, 160) });
  }
}
const seconds = (performance.now() - started) / 1000;

/** A deterministic spread of `n` findings: a seeded shuffle, so samples are not all from one file. */
function sample(list, n, seed) {
  const copy = [...list];
  let s = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const n = Number(values.samples);
if (values.json) {
  process.stdout.write(`${JSON.stringify({ files: analyzed, lines, seconds, notes: notes.length, rules: Object.fromEntries([...byRule].map(([k, v]) => [k, { count: v.length, samples: sample(v, n, Number(values.seed)) }])) }, null, 2)}\n`);
} else {
  const out = [`corpus: ${analyzed} files, ${lines} lines, ${seconds.toFixed(1)} s, ${notes.length} notes (files not analysed or detector failures)`];
  for (const [key, list] of [...byRule].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    out.push(`${String(list.length).padStart(6)}  ${key}`);
  }
  for (const note of notes.filter((x) => x.ruleId).slice(0, 20)) out.push(`note: ${note.file}: ${note.ruleId}: ${note.message}`);
  if (n > 0) {
    for (const [key, list] of byRule) {
      if (list.length === 0) continue;
      out.push('', `## ${key}: ${list.length} findings, sample of ${Math.min(n, list.length)}`);
      for (const f of sample(list, n, Number(values.seed))) out.push(`${f.file}:${f.line}  ${f.message}`, `    | ${f.code}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
