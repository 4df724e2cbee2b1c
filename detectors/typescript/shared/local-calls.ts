/**
 * Call sites of a file's own private functions, so a helper's parameter can be classified by what its
 * callers pass (`countRows(pool, 'users')`). The index of the file's identifiers by name is built on
 * the first question, from the file's nodes in document order, and shared through `file.memo`.
 */
import { ts } from 'ts-morph';
import { documentOrderOf } from '../../../src/analysis/parse-typescript.js';
import type { TsFile } from '../../define.js';

/** Every identifier of the file by name, in document order. */
type ReferenceIndex = Map<string, ts.Identifier[]>;

const IDENTIFIER = ts.SyntaxKind.Identifier;

/** Indexes the identifiers of the whole tree, in document order. */
function buildIndex(sourceFile: ts.SourceFile): ReferenceIndex {
  const index: ReferenceIndex = new Map();
  const { nodes, kinds } = documentOrderOf(sourceFile);
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== IDENTIFIER) continue;
    const id = nodes[i] as ts.Identifier;
    const list = index.get(id.text);
    if (list) list.push(id);
    else index.set(id.text, [id]);
  }
  return index;
}

function indexOf(file: TsFile): ReferenceIndex {
  return file.memo('typescript/local-references', () => buildIndex(file.sourceFile));
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The declared name of a private function (`function f`, `const f = () =>`), or undefined (exported, method, anonymous). */
function privateName(fn: ts.Node): ts.Identifier | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name && !isExported(fn) ? fn.name : undefined;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const declaration = fn.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== fn || !ts.isIdentifier(declaration.name)) return undefined;
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && !isExported(statement) ? declaration.name : undefined;
}

/**
 * Every call of the function `fn` in this file, when its name is used for nothing but direct calls
 * (not exported, not passed as a callback, not assigned to `module.exports`); otherwise undefined.
 */
export function localCallers(file: TsFile, fn: ts.Node): ts.CallExpression[] | undefined {
  const name = privateName(fn);
  if (!name) return undefined;
  const calls: ts.CallExpression[] = [];
  for (const id of indexOf(file).get(name.text) ?? []) {
    if (id === name) continue;
    const call = id.parent;
    if (!ts.isCallExpression(call) || call.expression !== id) return undefined;
    calls.push(call);
  }
  return calls.length > 0 ? calls : undefined;
}

/** Every identifier named `name` in the file, in document order. */
export function referencesOf(file: TsFile, name: string): ts.Identifier[] {
  return indexOf(file).get(name)?.slice() ?? [];
}
