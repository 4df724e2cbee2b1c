/**
 * Call sites of a file's own private functions, so a helper's parameter can be classified by what its
 * callers pass (`countRows(pool, 'users')`). Detectors feed the index from the shared traversal with
 * `noteReference` on every identifier and read it only in `end`, when it is complete.
 */
import { ts } from 'ts-morph';
import type { TsFile } from '../../define.js';

type ReferenceIndex = Map<string, Set<ts.Identifier>>;

/** The index, and the identifier noted last: several detectors note the same node one after another. */
interface References {
  index: ReferenceIndex;
  last: ts.Identifier | undefined;
}

function referencesIn(file: TsFile): References {
  return file.memo('typescript/local-references', (): References => ({ index: new Map(), last: undefined }));
}

function indexOf(file: TsFile): ReferenceIndex {
  return referencesIn(file).index;
}

/** Records an identifier seen by the traversal (idempotent, so several detectors may feed it). */
export function noteReference(file: TsFile, id: ts.Identifier): void {
  const refs = referencesIn(file);
  if (refs.last === id) return;
  refs.last = id;
  const text = id.text;
  const set = refs.index.get(text);
  if (set) set.add(id);
  else refs.index.set(text, new Set([id]));
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

/** Every identifier named `name` the traversal has seen so far (complete in `end`). */
export function referencesOf(file: TsFile, name: string): ts.Identifier[] {
  return [...(indexOf(file).get(name) ?? [])];
}
