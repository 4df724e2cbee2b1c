#!/usr/bin/env node
/**
 * Writes the hostile-input corpus to test/fixtures/hostile/ (gitignored: megabytes are generated,
 * never committed). `node scripts/make-hostile.mjs [DIR]`. Deterministic: same files every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NESTING = 50_000;
const STATEMENTS = 100_000;
const BUNDLE_BYTES = 10 * 1024 * 1024;
const PR_FILES = 2_000;

/** The corpus: file name → contents (string or bytes). */
function corpus() {
  const files = {};
  files['deep-nesting.ts'] = `export function f(a: boolean) {\n${'if (a) {'.repeat(NESTING)}\nreturn 1;\n${'}'.repeat(NESTING)}\n}\n`;
  files['deep-array.ts'] = `export const x = ${'['.repeat(NESTING)}${']'.repeat(NESTING)};\n`;
  files['deep-nesting.py'] = `x = ${'['.repeat(NESTING)}${']'.repeat(NESTING)}\n`;
  files['deep-calls.py'] = `y = ${'f('.repeat(NESTING)}${')'.repeat(NESTING)}\n`;
  // One line, no newline: a minified bundle outside the ignored paths.
  const chunk = 'var a=function(b){return b+1};';
  files['bundle.js'] = chunk.repeat(Math.ceil(BUNDLE_BYTES / chunk.length)).slice(0, BUNDLE_BYTES);
  files['invalid-utf8.ts'] = Buffer.concat([Buffer.from('export const s = "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]), Buffer.from('";\nexport function run(code: string) {\n  return eval(code);\n}\n')]);
  files['invalid-utf8.py'] = Buffer.concat([Buffer.from('s = "'), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('"\nos.system(s)\n')]);
  files['nul-bytes.ts'] = 'export const a = 1;\u0000\u0000\nexport const b = eval(a);\n';
  files['bom.ts'] = '\uFEFFexport function run(code: string) {\n  return eval(code);\n}\n';
  files['bom.py'] = '\uFEFFimport os\n\ntry:\n    os.remove("x")\nexcept:\n    pass\n';
  files['crlf.ts'] = 'export function run(code: string) {\r\n  return eval(code);\r\n}\r\n';
  files['crlf.py'] = 'import os\r\n\r\ntry:\r\n    os.remove("x")\r\nexcept:\r\n    pass\r\n';
  files['empty.ts'] = '';
  files['empty.py'] = '';
  files['syntax-error.ts'] = 'export function (x: {\n  return eval(x\n}}} ) => => ;\nclass { constructor( }\n';
  files['syntax-error.py'] = 'def f(:\n    return eval(x\n  class\n\tpass )\n';
  files['many-statements.ts'] = 'a;\n'.repeat(STATEMENTS);
  files['many-statements.py'] = 'a\n'.repeat(STATEMENTS);
  // A 2,000-file PR as `pulls.listFiles` would list it, with each file's contents.
  files['pr-2000-files.json'] = JSON.stringify(
    Array.from({ length: PR_FILES }, (_, i) => {
      const path = `src/module-${String(i).padStart(4, '0')}.ts`;
      const content = `export function handler${i}(input: string) {\n  return input.trim();\n}\n`;
      return { filename: path, status: 'added', additions: 3, deletions: 0, changes: 3, patch: `@@ -0,0 +1,3 @@\n${content.trimEnd().split('\n').map((l) => `+${l}`).join('\n')}`, content };
    }),
  );
  // GitHub leaves `patch` empty or out for large or binary diffs.
  files['empty-patch.json'] = JSON.stringify([
    { filename: 'src/huge.ts', status: 'modified', additions: 40000, deletions: 0, changes: 40000, patch: '' },
    { filename: 'src/no-patch.ts', status: 'modified', additions: 1, deletions: 0, changes: 1 },
  ]);
  return files;
}

/** Writes the corpus into `dir`; returns the file names. */
export function makeHostile(dir) {
  mkdirSync(dir, { recursive: true });
  const files = corpus();
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents);
  return Object.keys(files);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../test/fixtures/hostile/', import.meta.url));
  const names = makeHostile(dir);
  process.stdout.write(`wrote ${names.length} hostile files to ${dir}\n`);
}
