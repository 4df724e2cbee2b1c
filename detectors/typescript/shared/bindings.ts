/**
 * Resolves an identifier to the declaration that binds it by looking up its ancestors' own
 * declarations (parameters, block statements, loop heads, imports): a local look, no whole-tree walk.
 * Without a type checker this is lexical and approximate; callers treat "not found" as unknown.
 */
import { ts } from 'ts-morph';

export type BindingKind = 'const' | 'let' | 'var' | 'param' | 'import' | 'loop' | 'catch' | 'function' | 'class' | 'enum';

/** What binds a name. */
export interface Binding {
  kind: BindingKind;
  /** The VariableDeclaration, ParameterDeclaration, ImportDeclaration, ... that declares it. */
  declaration: ts.Node;
  /** Value of the declaration (for a destructured name: the whole destructured value). */
  initializer?: ts.Expression;
  /** Bound inside a destructuring pattern (`const { id } = req.params`). */
  destructured: boolean;
  /** Type annotation written on the declaration, if any. */
  type?: ts.TypeNode;
  /** Module specifier of an import (`import x from 'vm'`, `const x = require('vm')`). */
  moduleName?: string;
}

type FunctionLike = ts.SignatureDeclarationBase & { body?: ts.Node };

/** The function (or undefined at module level) whose body contains `node`. */
export function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let a = node.parent; a; a = a.parent) if (ts.isFunctionLike(a)) return a;
  return undefined;
}

/** True when the pattern binds `name` (directly or nested). */
function patternBinds(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((e) => !ts.isOmittedExpression(e) && patternBinds(e.name, text));
}

/** `require('x')` → 'x'. */
export function requiredModule(expr: ts.Expression | undefined): string | undefined {
  if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'require') return undefined;
  const [arg] = expr.arguments;
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

function declKind(list: ts.VariableDeclarationList): 'const' | 'let' | 'var' {
  if (list.flags & ts.NodeFlags.Const) return 'const';
  return list.flags & ts.NodeFlags.Let ? 'let' : 'var';
}

function fromDeclarationList(list: ts.VariableDeclarationList, text: string, loop: boolean): Binding | undefined {
  for (const d of list.declarations) {
    if (!patternBinds(d.name, text)) continue;
    const destructured = !ts.isIdentifier(d.name);
    const kind = loop ? 'loop' : declKind(list);
    return { kind, declaration: d, initializer: d.initializer, destructured, type: destructured ? undefined : d.type, moduleName: requiredModule(d.initializer) };
  }
  return undefined;
}

function fromImport(statement: ts.ImportDeclaration, text: string): Binding | undefined {
  const clause = statement.importClause;
  if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) return undefined;
  const moduleName = statement.moduleSpecifier.text;
  const hit = { kind: 'import' as const, declaration: statement, destructured: false, moduleName };
  if (clause.name?.text === text) return hit;
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === text) return hit;
  if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === text)) return hit;
  return undefined;
}

/** What statement `s` binds to `text`, if anything. */
function fromStatement(s: ts.Statement, text: string): Binding | undefined {
  if (ts.isVariableStatement(s)) return fromDeclarationList(s.declarationList, text, false);
  if (ts.isFunctionDeclaration(s)) return s.name?.text === text ? { kind: 'function', declaration: s, destructured: false } : undefined;
  if (ts.isClassDeclaration(s)) return s.name?.text === text ? { kind: 'class', declaration: s, destructured: false } : undefined;
  if (ts.isEnumDeclaration(s)) return s.name.text === text ? { kind: 'enum', declaration: s, destructured: false } : undefined;
  if (ts.isImportDeclaration(s)) return fromImport(s, text);
  if (ts.isImportEqualsDeclaration(s) && s.name.text === text) return { kind: 'import', declaration: s, destructured: false };
  return undefined;
}

/** Every name a binding pattern binds (`{ a, b: [c] }` → a, c). */
function patternNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const e of name.elements) if (!ts.isOmittedExpression(e)) patternNames(e.name, out);
}

/** The names statement `s` may bind (all `fromStatement` can answer for). */
function namesOf(s: ts.Statement): string[] {
  const names: string[] = [];
  if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) patternNames(d.name, names);
  } else if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) {
    if (s.name) names.push(s.name.text);
  } else if (ts.isEnumDeclaration(s) || ts.isImportEqualsDeclaration(s)) {
    names.push(s.name.text);
  } else if (ts.isImportDeclaration(s)) {
    const clause = s.importClause;
    if (clause?.name) names.push(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    else if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.push(e.name.text);
  }
  return names;
}

/** Statement lists this long are looked up through an index of their names (see `indexOfStatements`). */
const INDEXED_STATEMENTS = 16;

/**
 * Per long statement list, name → the binding of the first statement binding it. Kept on the tree's
 * source file, so it lives as long as the tree: a WeakMap keyed by the lists kept dead trees alive
 * through young-generation collections (see `documentOrderOf`).
 */
const STATEMENT_INDEXES = Symbol('statementIndexes');
type Indexed = ts.SourceFile & { [STATEMENT_INDEXES]?: Map<ts.NodeArray<ts.Statement>, Map<string, Binding>> };

function indexOfStatements(statements: ts.NodeArray<ts.Statement>): Map<string, Binding> {
  const file = statements[0].getSourceFile() as Indexed;
  const statementIndexes = (file[STATEMENT_INDEXES] ??= new Map());
  let index = statementIndexes.get(statements);
  if (index === undefined) {
    index = new Map();
    for (const s of statements) {
      for (const name of namesOf(s)) {
        if (index.has(name)) continue;
        const hit = fromStatement(s, name);
        if (hit) index.set(name, hit);
      }
    }
    statementIndexes.set(statements, index);
  }
  return index;
}

/**
 * The binding of the first statement that binds `text`. A long list (a module's top level, a long
 * function body) is asked again and again: it is indexed once, and each answer is a fresh copy.
 */
function fromStatements(statements: ts.NodeArray<ts.Statement>, text: string): Binding | undefined {
  if (statements.length >= INDEXED_STATEMENTS) {
    const hit = indexOfStatements(statements).get(text);
    return hit && { ...hit };
  }
  for (const s of statements) {
    const hit = fromStatement(s, text);
    if (hit) return hit;
  }
  return undefined;
}

function fromParameters(fn: FunctionLike, text: string): Binding | undefined {
  for (const p of fn.parameters) {
    if (!patternBinds(p.name, text)) continue;
    const destructured = !ts.isIdentifier(p.name);
    return { kind: 'param', declaration: p, destructured, type: destructured ? undefined : p.type };
  }
  return undefined;
}

/** The nearest declaration of `id`'s name visible from `id`, or undefined (global, hoisted var, ...). */
export function resolveBinding(id: ts.Identifier): Binding | undefined {
  const text = id.text;
  for (let a: ts.Node | undefined = id.parent; a; a = a.parent) {
    let hit: Binding | undefined;
    if (ts.isBlock(a) || ts.isSourceFile(a) || ts.isModuleBlock(a) || ts.isCaseClause(a) || ts.isDefaultClause(a)) {
      hit = fromStatements(a.statements, text);
    } else if (ts.isFunctionLike(a)) {
      hit = fromParameters(a as FunctionLike, text);
      if (!hit && ts.isFunctionExpression(a) && a.name?.text === text) hit = { kind: 'function', declaration: a, destructured: false };
    } else if ((ts.isForStatement(a) || ts.isForOfStatement(a) || ts.isForInStatement(a)) && a.initializer && ts.isVariableDeclarationList(a.initializer)) {
      hit = fromDeclarationList(a.initializer, text, !ts.isForStatement(a));
      if (hit && !ts.isForStatement(a)) hit = { ...hit, initializer: a.expression };
    } else if (ts.isCatchClause(a) && a.variableDeclaration && patternBinds(a.variableDeclaration.name, text)) {
      hit = { kind: 'catch', declaration: a.variableDeclaration, destructured: false };
    }
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Records `x = ...` / `x += ...` of a `let`/`var` local under its declaration, so a detector can
 * follow a text built up over several statements (`sql += ' AND ...'`).
 */
export function noteLocalAssignment(assigned: Map<ts.Node, ts.Expression[]>, node: ts.BinaryExpression): void {
  const op = node.operatorToken.kind;
  if ((op !== ts.SyntaxKind.PlusEqualsToken && op !== ts.SyntaxKind.EqualsToken) || !ts.isIdentifier(node.left)) return;
  const binding = resolveBinding(node.left);
  if (!binding || binding.kind === 'const' || binding.kind === 'param') return;
  const list = assigned.get(binding.declaration) ?? [];
  list.push(node.right);
  assigned.set(binding.declaration, list);
}
