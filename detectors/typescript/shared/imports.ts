/**
 * The module's top-level imports (ES `import`, `import x = require()`, top-level `require` bindings),
 * read once from the source file's own statements and shared through `file.memo`.
 */
import { ts } from 'ts-morph';
import type { TsFile } from '../../define.js';
import { requiredModule } from './bindings.js';

export interface EsImport {
  node: ts.ImportDeclaration | ts.ImportEqualsDeclaration;
  specifier: string;
  /** `import type {...}` or every named element marked `type`. */
  typeOnly: boolean;
  /** `import './polyfill'`: no bindings. */
  sideEffect: boolean;
  defaultName?: ts.Identifier;
  namespace?: ts.Identifier;
  named: ts.ImportSpecifier[];
  readonly line: number;
  readonly endLine: number;
}

export interface RequireBinding {
  node: ts.VariableStatement;
  specifier: string;
  /** The bound names (`const { a, b } = require('x')` → a, b). */
  names: string[];
  readonly line: number;
}

export interface ModuleImports {
  imports: EsImport[];
  requires: RequireBinding[];
}

function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

/**
 * Line numbers of a node, computed when first read: most files are looked at without any import's
 * line being needed, and the first line number of a file costs a pass over its text.
 */
class Lines {
  private start: number | undefined = undefined;
  private end: number | undefined = undefined;

  constructor(
    private readonly file: TsFile,
    private readonly at: ts.Node,
  ) {}

  get line(): number {
    this.start ??= this.file.lineOf(this.at.getStart());
    return this.start;
  }

  get endLine(): number {
    this.end ??= this.file.lineOf(this.at.end);
    return this.end;
  }
}

class ImportRecord extends Lines implements EsImport {
  constructor(
    file: TsFile,
    readonly node: ts.ImportDeclaration | ts.ImportEqualsDeclaration,
    readonly specifier: string,
    readonly typeOnly: boolean,
    readonly sideEffect: boolean,
    readonly defaultName: ts.Identifier | undefined,
    readonly namespace: ts.Identifier | undefined,
    readonly named: ts.ImportSpecifier[],
  ) {
    super(file, node);
  }
}

class RequireRecord extends Lines implements RequireBinding {
  constructor(
    file: TsFile,
    readonly node: ts.VariableStatement,
    readonly specifier: string,
    readonly names: string[],
  ) {
    super(file, node);
  }
}

function esImport(file: TsFile, node: ts.ImportDeclaration): EsImport | undefined {
  if (!ts.isStringLiteral(node.moduleSpecifier)) return undefined;
  const clause = node.importClause;
  const bindings = clause?.namedBindings;
  const named = bindings && ts.isNamedImports(bindings) ? [...bindings.elements] : [];
  const namespace = bindings && ts.isNamespaceImport(bindings) ? bindings.name : undefined;
  const typeOnly =
    clause !== undefined && (clause.isTypeOnly || (!clause.name && !namespace && named.length > 0 && named.every((e) => e.isTypeOnly)));
  return new ImportRecord(file, node, node.moduleSpecifier.text, typeOnly, clause === undefined, clause?.name, namespace, named);
}

function requireImport(file: TsFile, node: ts.ImportEqualsDeclaration): EsImport | undefined {
  const ref = node.moduleReference;
  if (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  if (!ts.isExternalModuleReference(ref) || !ts.isStringLiteral(ref.expression)) return undefined;
  return new ImportRecord(file, node, ref.expression.text, node.isTypeOnly, false, node.name, undefined, []);
}

function collect(file: TsFile): ModuleImports {
  const imports: EsImport[] = [];
  const requires: RequireBinding[] = [];
  for (const statement of file.sourceFile.statements) {
    const found = ts.isImportDeclaration(statement)
      ? esImport(file, statement)
      : ts.isImportEqualsDeclaration(statement)
        ? requireImport(file, statement)
        : undefined;
    if (found) imports.push(found);
    if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) continue;
    const declaration = statement.declarationList.declarations[0];
    const specifier = requiredModule(declaration.initializer);
    if (specifier !== undefined) {
      requires.push(new RequireRecord(file, statement, specifier, boundNames(declaration.name)));
    }
  }
  return { imports, requires };
}

/** Top-level imports of the file, computed once. */
export function importsOf(file: TsFile): ModuleImports {
  return file.memo('typescript/imports', () => collect(file));
}
