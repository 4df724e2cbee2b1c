/** Loads the tree-sitter Python grammar (WASM) on first use and parses files with it. */
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { PyFile } from '../../detectors/define.js';
import { createMemo } from './memo.js';
import { copyTree, cursorCallsOf } from './py-tree.js';
import { splitLines } from './split-lines.js';

/** A ready Python parser; one per analyzer, reused across files and reviews. */
export interface PythonParser {
  parse(path: string, text: string): PyFile | null;
  /** The tree-sitter tree alone, not copied (the caller deletes it): what the benchmark's baseline walks. */
  parseTree(text: string): Tree | null;
}

/**
 * The object web-tree-sitter's WebAssembly module is built on (the first `Parser.init` fills it in):
 * the tree copy calls the module's cursor functions directly through it.
 */
const wasmModule: Record<string, unknown> = {};

/** Initialises web-tree-sitter and the grammar shipped in `tree-sitter-python`. */
export async function loadPythonParser(): Promise<PythonParser> {
  const require = createRequire(import.meta.url);
  await Parser.init(wasmModule);
  const calls = cursorCallsOf(wasmModule);
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(path, text) {
      const parsed = parser.parse(text);
      if (!parsed) return null;
      let tree;
      try {
        tree = copyTree(parsed, text, calls);
      } finally {
        parsed.delete();
      }
      return { language: 'python', path, text, lines: splitLines(text), memo: createMemo(), tree };
    },
    parseTree(text) {
      return parser.parse(text);
    },
  };
}
