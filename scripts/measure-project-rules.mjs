// Measures the project-level rules on real code (see docs/detectors/project.md). Run after `npm run build`:
//   node scripts/measure-project-rules.mjs leave-one-out DIR   every source file of DIR as a one-file change (missing-tests)
//   node scripts/measure-project-rules.mjs cycles DIR...       every file of each DIR as added (circular-import; ONLY=a/,b/ to limit)
//   node scripts/measure-project-rules.mjs whole RULE DIR...   every source file of each DIR as changed, for any project rule (e.g. missing-index)
// Prints one line per finding, then counts.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeProject } from '../dist/src/analysis/project.js';
import { DEFAULT_CONFIG } from '../dist/src/config/defaults.js';
import { createProjectReader } from '../dist/src/pipeline/project-reader.js';
import { registry } from '../dist/detectors/index.js';
import { isTestableSourcePath } from '../dist/detectors/project/shared/test-files.js';

const [mode, ...dirs] = process.argv.slice(2);
const PRUNED = new Set(['node_modules', 'dist', 'build', '.git', '__pycache__', 'site-packages']);

function walk(root, dir = root, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory() && !PRUNED.has(entry.name)) walk(root, abs, out);
    else if (entry.isFile()) out.push(relative(root, abs));
  }
  return out;
}

/** `git ls-files` when `root` is a repository's top level, else a walk of the directory. */
function listing(root) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    if (realpathSync(git('rev-parse', '--show-toplevel').trim()) === realpathSync(root)) return git('ls-files').split('\n').filter(Boolean).sort();
  } catch {
    // Not a repository: walk it.
  }
  return walk(root).sort();
}

const read = (root) => async (path) => {
  try {
    return statSync(join(root, path)).size > 1_000_000 ? null : readFileSync(join(root, path), 'utf8');
  } catch {
    return null;
  }
};

function changedFile(root, path) {
  const text = readFileSync(join(root, path), 'utf8');
  return { path, status: 'modified', addedLines: new Set(), wholeFile: true, text };
}

async function run(id, root, paths, changed) {
  const detector = registry.find((d) => d.meta.id === id);
  const known = new Map(changed.map((f) => [f.path, f.text]));
  const reader = createProjectReader({ readFile: read(root), paths, known, maxReads: 5000 });
  const config = { ...DEFAULT_CONFIG, rules: { [id]: { enabled: true, options: {} } } };
  return analyzeProject([detector], { changed, listing: { paths, complete: true }, read: reader.read, readBudgetSpent: reader.exhausted }, config);
}

const SOURCE = /\.([cm]?[jt]sx?|py)$/;

if (mode === 'leave-one-out') {
  const root = dirs[0];
  const paths = listing(root);
  let flagged = 0;
  let considered = 0;
  // SAMPLE_EVERY=N takes every Nth source file (large trees such as the Python standard library).
  const every = Number(process.env.SAMPLE_EVERY ?? 1);
  for (const [i, path] of paths.filter((p) => SOURCE.test(p)).entries()) {
    if (i % every !== 0 || !isTestableSourcePath(path)) continue;
    considered++;
    const result = await run('missing-tests', root, paths, [changedFile(root, path)]);
    for (const f of result.findings) {
      flagged++;
      console.log(`${f.file}`);
    }
  }
  console.log(`missing-tests: ${flagged} of ${considered} testable source files flagged as one-file changes`);
} else if (mode === 'cycles') {
  let total = 0;
  for (const root of dirs) {
    const paths = listing(root);
    // ONLY=asyncio/,email/ limits the changed files to those prefixes (the rest of DIR is still read).
    const only = process.env.ONLY?.split(',');
    const changed = paths
      .filter((p) => SOURCE.test(p) && !p.endsWith('.d.ts') && (!only || only.some((o) => p.startsWith(o))))
      .map((p) => changedFile(root, p));
    const started = performance.now();
    const result = await run('circular-import', root, paths, changed);
    for (const f of result.findings) console.log(`${root}: ${f.file}:${f.line} ${f.message}`);
    total += result.findings.length;
    console.log(`circular-import: ${root}: ${result.findings.length} findings over ${changed.length} modules in ${Math.round(performance.now() - started)} ms`);
  }
  console.log(`circular-import: ${total} findings`);
} else if (mode === 'whole') {
  const [rule, ...roots] = dirs;
  let total = 0;
  for (const root of roots) {
    const paths = listing(root);
    const changed = paths.filter((p) => SOURCE.test(p) && !p.endsWith('.d.ts')).map((p) => changedFile(root, p));
    const started = performance.now();
    const result = await run(rule, root, paths, changed);
    for (const f of result.findings) console.log(`${root}: ${f.file}:${f.line} ${f.message}`);
    for (const n of result.notes ?? []) console.log(`${root}: note: ${n.message}`);
    total += result.findings.length;
    console.log(`${rule}: ${root}: ${result.findings.length} findings over ${changed.length} files in ${Math.round(performance.now() - started)} ms`);
  }
  console.log(`${rule}: ${total} findings`);
} else {
  console.error('usage: measure-project-rules.mjs leave-one-out DIR | cycles DIR... | whole RULE DIR...');
  process.exit(2);
}
