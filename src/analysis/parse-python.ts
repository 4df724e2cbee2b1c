/** Loads the tree-sitter Python grammar (WASM) on first use and parses files with it. */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import type { PyFile } from '../../detectors/define.js';
import { createMemo } from './memo.js';
import { splitLines } from './split-lines.js';

/** A ready Python parser; one per analyzer, reused across files and reviews. */
export interface PythonParser {
  parse(path: string, text: string): PyFile | null;
}

/** Initialises web-tree-sitter and the grammar shipped in `tree-sitter-python`. */
export async function loadPythonParser(): Promise<PythonParser> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(path, text) {
      const tree = parser.parse(text);
      if (!tree) return null;
      return { language: 'python', path, text, lines: splitLines(text),
    memo: createMemo(), tree };
    },
  };
}
