/**
 * The runtime imports of a TypeScript/JavaScript module: what Node loads when the module is
 * evaluated. Type-only imports (`import type`, `import { type A }`, names used only as types, which
 * TypeScript elides) and dynamic `import()` (loaded later, on demand) are left out.
 */
import { ts } from 'ts-morph';

/** One module-level import that runs when the module loads. */
export interface RuntimeImport {
  specifier: string;
  /** 1-based lines of the statement, and of its module specifier. */
  line: number;
  endLine: number;
  specifierLine: number;
}

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

/** True when `node` sits where only a type may stand (TypeScript erases it). */
function inTypePosition(node: ts.Node): boolean {
  for (let cur: ts.Node = node; cur.parent; cur = cur.parent) {
    const parent = cur.parent;
    if (ts.isHeritageClause(parent)) return parent.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(parent.parent);
    if (ts.isTypeNode(cur) && !ts.isExpressionWithTypeArguments(cur)) return true;
    if (ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent)) return true;
    if (ts.isStatement(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

/** Whether a locally bound name is used as a value somewhere: yes, or no (types only / unused). */
function usedAsValue(file: ts.SourceFile, name: string, declaration: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node === declaration) return;
    if (ts.isIdentifier(node) && node.text === name) {
      const parent = node.parent;
      // `a.name` and `{ name: 1 }` name a property, not the binding.
      const isProperty = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node) || (ts.isQualifiedName(parent) && parent.right === node);
      if (!isProperty && !inTypePosition(node)) found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return found;
}

/** True when the import declaration survives compilation (TypeScript keeps it at run time). */
function isRuntimeImport(file: ts.SourceFile, node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return true; // `import './polyfill'`: loaded for its side effects.
  if (clause.isTypeOnly) return false;
  const names: string[] = [];
  if (clause.name) names.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) names.push(el.name.text);
  return names.some((name) => usedAsValue(file, name, node));
}

function isRuntimeExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return false;
  const clause = node.exportClause;
  if (!clause || ts.isNamespaceExport(clause)) return true;
  return clause.elements.length === 0 || clause.elements.some((el) => !el.isTypeOnly);
}

/** `require('x')` as the initializer of a module-level declaration (CommonJS). */
function requireSpecifier(node: ts.Node): ts.StringLiteral | undefined {
  if (!ts.isVariableStatement(node)) return undefined;
  for (const decl of node.declarationList.declarations) {
    const init = decl.initializer;
    if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments.length === 1 && ts.isStringLiteral(init.arguments[0])) {
      return init.arguments[0];
    }
  }
  return undefined;
}

/** `import('./x.js')` and `require('./x')` with a literal path anywhere in the file (loaded on call). */
function lazyImports(file: ts.SourceFile, lineOf: (pos: number) => number): RuntimeImport[] {
  const out: RuntimeImport[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteral(node.arguments[0])) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) {
        const spec = node.arguments[0];
        out.push({ specifier: spec.text, line: lineOf(node.getStart(file)), endLine: lineOf(node.getEnd()), specifierLine: lineOf(spec.getStart(file)) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/**
 * The module-level runtime imports of `text`, in source order. With `deferred`, also dynamic
 * `import()` and `require()` of literal paths anywhere (they run on call).
 */
export function runtimeImports(path: string, text: string, options: { deferred?: boolean } = {}): RuntimeImport[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const lineOf = (pos: number): number => file.getLineAndCharacterOfPosition(pos).line + 1;
  const isJs = /\.[cm]?jsx?$/.test(path);
  const out: RuntimeImport[] = [];
  for (const statement of file.statements) {
    let spec: ts.Expression | undefined;
    // Plain JavaScript has no types: every import there is real.
    if (ts.isImportDeclaration(statement) && (isJs || isRuntimeImport(file, statement))) spec = statement.moduleSpecifier;
    else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && isRuntimeExport(statement)) spec = statement.moduleSpecifier;
    else if (ts.isImportEqualsDeclaration(statement) && !statement.isTypeOnly && ts.isExternalModuleReference(statement.moduleReference)) spec = statement.moduleReference.expression;
    else spec = requireSpecifier(statement);
    if (!spec || !ts.isStringLiteral(spec)) continue;
    out.push({ specifier: spec.text, line: lineOf(statement.getStart(file)), endLine: lineOf(statement.getEnd()), specifierLine: lineOf(spec.getStart(file)) });
  }
  return options.deferred ? [...out, ...lazyImports(file, lineOf)] : out;
}
