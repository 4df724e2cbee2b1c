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

function fromStatements(statements: ts.NodeArray<ts.Statement>, text: string): Binding | undefined {
  for (const s of statements) {
    if (ts.isVariableStatement(s)) {
      const hit = fromDeclarationList(s.declarationList, text, false);
      if (hit) return hit;
    } else if (ts.isFunctionDeclaration(s) && s.name?.text === text) {
      return { kind: 'function', declaration: s, destructured: false };
    } else if (ts.isClassDeclaration(s) && s.name?.text === text) {
      return { kind: 'class', declaration: s, destructured: false };
    } else if (ts.isEnumDeclaration(s) && s.name.text === text) {
      return { kind: 'enum', declaration: s, destructured: false };
    } else if (ts.isImportDeclaration(s)) {
      const hit = fromImport(s, text);
      if (hit) return hit;
    } else if (ts.isImportEqualsDeclaration(s) && s.name.text === text) {
      return { kind: 'import', declaration: s, destructured: false };
    }
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
