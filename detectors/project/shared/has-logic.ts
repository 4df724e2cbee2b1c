/**
 * Whether a source file has behaviour a test could exercise: a function, method or class body.
 * Type-only modules, barrels of re-exports, constant tables and generated files have none.
 */
import { ts } from 'ts-morph';

const GENERATED = /@generated|DO NOT EDIT|auto-?generated|\bgenerated (from|by|with)\b|This file was generated/i;

/** True when the first lines say the file is generated. */
export function isGenerated(text: string): boolean {
  return GENERATED.test(text.split('\n', 6).join('\n'));
}

function tsHasFunction(path: string, text: string): boolean {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : undefined);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** True for a file with at least one function, method, arrow function or constructor body. */
export function hasLogic(path: string, text: string): boolean {
  if (path.endsWith('.py')) return /^[ \t]*(async[ \t]+)?def[ \t]+\w+[ \t]*\(/m.test(text);
  return tsHasFunction(path, text);
}
