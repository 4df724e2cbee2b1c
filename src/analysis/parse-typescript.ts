/** Parses TypeScript/JavaScript once into a raw compiler tree (no type checker, no Project). */
import { ts } from 'ts-morph';
import type { TsFile } from '../../detectors/define.js';
import { createMemo } from './memo.js';
import { splitLines } from './split-lines.js';

function scriptKindOf(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(m|c)?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Parses `text`; syntax errors are tolerated by the parser and reported by `syntaxErrorCount`. */
export function parseTypeScript(path: string, text: string): TsFile {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path));
  return {
    language: 'typescript',
    path,
    text,
    lines: splitLines(text),
    memo: createMemo(),
    sourceFile,
    lineOf: (pos) => sourceFile.getLineAndCharacterOfPosition(pos).line + 1,
  };
}

/** Number of syntax errors the parser recovered from. */
export function syntaxErrorCount(file: TsFile): number {
  return (file.sourceFile as ts.SourceFile & { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}
