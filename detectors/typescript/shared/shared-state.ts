/**
 * Which values outlive a call: instance fields (`this.cache`, `this.client`) and module-level
 * bindings (`const sessions = new Map()` at the top of the file). Lexical, via `bindings.ts`.
 */
import { ts } from 'ts-morph';
import type { TsFile } from '../../define.js';
import { resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';

/** True when `declaration` (a VariableDeclaration) is a statement of the source file itself. */
function isModuleLevel(declaration: ts.Node): boolean {
  if (!ts.isVariableDeclaration(declaration)) return false;
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
}

/**
 * The names of the file's module-level variables (not destructured): a name not among them cannot be
 * one (`isModuleVariable`), which handlers of every identifier ask first, without resolving it.
 */
export function moduleVariableNames(file: TsFile): ReadonlySet<string> {
  return file.memo('typescript/shared-state/module-variables', () => {
    const names = new Set<string>();
    for (const statement of file.sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
    return names;
  });
}

/** True when `id` names a module-level variable of this file (not an import, function or class). */
export function isModuleVariable(id: ts.Identifier): boolean {
  const binding = resolveBinding(id);
  return binding !== undefined && (binding.kind === 'const' || binding.kind === 'let' || binding.kind === 'var') && !binding.destructured && isModuleLevel(binding.declaration);
}

/**
 * The text of `expr` when it denotes state that outlives the call (`this.cache`, `this.#pending`,
 * `this.state.items`, a module-level `sessions`), else undefined. `this` alone is not state: its fields are.
 */
export function sharedStateName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return isModuleVariable(e) ? e.text : undefined;
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  let root: ts.Expression = e;
  while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  if (root.kind === ts.SyntaxKind.ThisKeyword) return e.getText().replace(/\s+/g, '');
  return ts.isIdentifier(root) && isModuleVariable(root) ? e.getText().replace(/\s+/g, '') : undefined;
}
