/**
 * Long-lived collections of a file (module-level `Map`/`Set`/array/object bindings, class fields) and
 * every use of each, classified as add / remove / size check / reset / escape / read. Found on the
 * first `collectionsOf`, from the file's nodes in document order, and shared through `file.memo`.
 */
import { ts } from 'ts-morph';
import { documentOrderOf } from '../../../src/analysis/parse-typescript.js';
import type { TsFile } from '../../define.js';
import { enclosingFunction, resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';

export type CollectionKind = 'Map' | 'Set' | 'array' | 'object';
/** `module`: a top-level binding; `static`: a static field; `field`: an instance field. */
export type Lifetime = 'module' | 'static' | 'field';
export type UseOp = 'add' | 'remove' | 'size' | 'reset' | 'escape' | 'read';

/** One reference to a collection and what it does with it. */
export interface CollectionUse {
  node: ts.Expression;
  op: UseOp;
  /** The method called (`set`, `push`, `shift`, ...), `[]=` for an index assignment, `delete` for `delete x[k]`. */
  method?: string;
  /** The function the use is in (undefined at module level). */
  fn?: ts.Node;
  /** For a `length`/`size` read: the comparison it takes part in, if any. */
  comparison?: ts.BinaryExpression;
}

/** A collection that lives as long as its module, class or instance. */
export interface Collection {
  /** As written in code: `cache`, `this.cache`, `Registry.cache`. */
  name: string;
  kind: CollectionKind;
  lifetime: Lifetime;
  /** Class name for fields. */
  className?: string;
  declaration: ts.Node;
  /** Exported from the module (other code may clear it). */
  exported: boolean;
  uses: CollectionUse[];
}

const ADD = new Set(['set', 'add', 'push', 'unshift']);
const REMOVE = new Set(['delete', 'clear', 'pop', 'shift', 'splice', 'length']);
const READ_PARENTS = new Set([
  ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.IfStatement, ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.PrefixUnaryExpression, ts.SyntaxKind.TypeOfExpression, ts.SyntaxKind.SpreadElement, ts.SyntaxKind.SpreadAssignment,
  ts.SyntaxKind.ExpressionStatement, ts.SyntaxKind.TypeQuery, ts.SyntaxKind.WhileStatement,
]);

interface Index {
  moduleCandidates: Map<string, { declaration: ts.VariableDeclaration; kind: CollectionKind; exported: boolean }>;
  /** References to a module candidate's name, in document order. */
  identifiers: ts.Identifier[];
  /** `this.x` and `name.x`, in document order. */
  memberAccesses: ts.PropertyAccessExpression[];
  classes: ts.ClassLikeDeclaration[];
}

/** The collection kind a value creates, if it creates one (`new Map()`, `[]`, `{}`, `Object.create(null)`). */
export function collectionKindOf(init: ts.Expression | undefined): CollectionKind | undefined {
  if (!init) return undefined;
  const e = unwrap(init);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    const name = e.expression.text;
    if (name === 'Map' || name === 'Set') return name;
    if (name === 'Array') return 'array';
  }
  if (ts.isArrayLiteralExpression(e)) return 'array';
  if (ts.isObjectLiteralExpression(e) && e.properties.length === 0) return 'object';
  if (ts.isCallExpression(e) && e.expression.getText() === 'Object.create' && e.arguments[0]?.kind === ts.SyntaxKind.NullKeyword) return 'object';
  return undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function moduleCandidates(file: TsFile): Index['moduleCandidates'] {
  const found: Index['moduleCandidates'] = new Map();
  for (const statement of file.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    for (const declaration of statement.declarationList.declarations) {
      const kind = collectionKindOf(declaration.initializer);
      if (kind && ts.isIdentifier(declaration.name)) found.set(declaration.name.text, { declaration, kind, exported });
    }
  }
  return found;
}

const {
  Identifier: IDENTIFIER, PropertyAccessExpression: PROPERTY_ACCESS, ClassDeclaration: CLASS_DECLARATION, ClassExpression: CLASS_EXPRESSION,
} = ts.SyntaxKind;

/** Reads the file's nodes for the references, member accesses and classes the collections need. */
function indexOf(file: TsFile): Index {
  const index: Index = { moduleCandidates: moduleCandidates(file), identifiers: [], memberAccesses: [], classes: [] };
  const { moduleCandidates: candidates, identifiers, memberAccesses, classes } = index;
  const { nodes, kinds } = documentOrderOf(file.sourceFile);
  const anyCandidate = candidates.size > 0;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind === CLASS_DECLARATION || kind === CLASS_EXPRESSION) classes.push(nodes[i] as ts.ClassLikeDeclaration);
    else if (kind === IDENTIFIER && anyCandidate && candidates.has((nodes[i] as ts.Identifier).text)) identifiers.push(nodes[i] as ts.Identifier);
  }
  // Member accesses matter only for the fields of a class.
  if (classes.length === 0) return index;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== PROPERTY_ACCESS) continue;
    const access = nodes[i] as ts.PropertyAccessExpression;
    if (access.expression.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(access.expression)) memberAccesses.push(access);
  }
  return index;
}

/** True when `node` is written to: `x = ...`, `x += ...`, `x++`. */
export function isAssignmentTarget(node: ts.Node): boolean {
  const p = node.parent;
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    return p.left === node && op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
  }
  return (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) &&
    (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken);
}

const COMPARISONS = new Set([
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);

/** What the reference `ref` does with the collection. */
function useOf(ref: ts.Expression): Omit<CollectionUse, 'node' | 'fn'> {
  let node: ts.Expression = ref;
  while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === node) {
    const method = p.name.text;
    if (ts.isCallExpression(p.parent) && p.parent.expression === p) {
      if (ADD.has(method)) return { op: 'add', method };
      return REMOVE.has(method) ? { op: 'remove', method } : { op: 'read', method };
    }
    if (method === 'length' || method === 'size') {
      if (isAssignmentTarget(p)) return { op: 'remove', method: 'length' };
      // `q.length + pending >= max` compares the length too.
      let sized: ts.Node = p;
      while (ts.isBinaryExpression(sized.parent) && (sized.parent.operatorToken.kind === ts.SyntaxKind.PlusToken || sized.parent.operatorToken.kind === ts.SyntaxKind.MinusToken)) sized = sized.parent;
      const cmp = ts.isBinaryExpression(sized.parent) && COMPARISONS.has(sized.parent.operatorToken.kind) ? sized.parent : undefined;
      return { op: 'size', method, comparison: cmp };
    }
    return { op: 'read', method };
  }
  if (ts.isElementAccessExpression(p) && p.expression === node) {
    if (ts.isDeleteExpression(p.parent)) return { op: 'remove', method: 'delete' };
    return isAssignmentTarget(p) ? { op: 'add', method: '[]=' } : { op: 'read' };
  }
  if (isAssignmentTarget(node)) return { op: 'reset' };
  if (READ_PARENTS.has(p.kind)) return { op: 'read' };
  if (ts.isBinaryExpression(p) && p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return { op: 'read' };
  // Passed, returned, stored or exported: other code may remove from it.
  return { op: 'escape' };
}

function toUse(ref: ts.Expression): CollectionUse {
  return { node: ref, fn: enclosingFunction(ref), ...useOf(ref) };
}

/** The class whose `this` an access inside it refers to (arrows see through; functions rebind `this`). */
function thisClass(access: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let a = access.parent; a; a = a.parent) {
    if (ts.isClassLike(a)) return a;
    if (ts.isFunctionDeclaration(a) || ts.isFunctionExpression(a)) return undefined;
  }
  return undefined;
}

function memberName(name: ts.Node): string | undefined {
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;
}

/** Field candidates of a class: `cache = new Map()` members and `this.cache = new Map()` in the constructor. */
function fieldCandidates(cls: ts.ClassLikeDeclaration): Array<{ field: string; kind: CollectionKind; isStatic: boolean; declaration: ts.Node }> {
  const found: Array<{ field: string; kind: CollectionKind; isStatic: boolean; declaration: ts.Node }> = [];
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member)) {
      const kind = collectionKindOf(member.initializer);
      const field = memberName(member.name);
      if (kind && field) found.push({ field, kind, isStatic: hasModifier(member, ts.SyntaxKind.StaticKeyword), declaration: member });
    } else if (ts.isConstructorDeclaration(member) && member.body) {
      for (const s of member.body.statements) {
        if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const { left, right } = s.expression;
        const kind = collectionKindOf(right);
        if (!kind || !ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
        if (!found.some((f) => f.field === left.name.text)) found.push({ field: left.name.text, kind, isStatic: false, declaration: s });
      }
    }
  }
  return found;
}

function collect(file: TsFile): Collection[] {
  const index = indexOf(file);
  const result: Collection[] = [];
  for (const [name, candidate] of index.moduleCandidates) {
    const uses = index.identifiers
      .filter((id) => id.text === name && id !== candidate.declaration.name && resolveBinding(id)?.declaration === candidate.declaration)
      .map(toUse);
    result.push({ name, kind: candidate.kind, lifetime: 'module', declaration: candidate.declaration, exported: candidate.exported, uses });
  }
  const byName = new Map<string, ts.PropertyAccessExpression[]>();
  for (const a of index.memberAccesses) {
    const list = byName.get(a.name.text);
    if (list) list.push(a);
    else byName.set(a.name.text, [a]);
  }
  for (const cls of index.classes) {
    const className = cls.name?.text;
    for (const f of fieldCandidates(cls)) {
      const init = ts.isExpressionStatement(f.declaration) ? (f.declaration.expression as ts.BinaryExpression).left : undefined;
      const uses = (byName.get(f.field) ?? [])
        .filter((a) => a !== init)
        .filter((a) =>
          a.expression.kind === ts.SyntaxKind.ThisKeyword ? thisClass(a) === cls : f.isStatic && ts.isIdentifier(a.expression) && a.expression.text === className,
        )
        .map(toUse);
      const owner = f.isStatic && className ? className : 'this';
      result.push({
        name: `${owner}.${f.field}`, kind: f.kind, lifetime: f.isStatic ? 'static' : 'field', className,
        declaration: f.declaration, exported: false, uses,
      });
    }
  }
  return result;
}

/** The file's long-lived collections with their uses (computed once per file). */
export function collectionsOf(file: TsFile): Collection[] {
  return file.memo('typescript/collection-uses/result', () => collect(file));
}

/** Top-level `const x = new ClassName(...)` / `export default new ClassName()`: classes used as singletons. */
export function moduleInstances(file: TsFile): Set<string> {
  return file.memo('typescript/collection-uses/instances', () => {
    const names = new Set<string>();
    const note = (e: ts.Expression | undefined): void => {
      const v = e && unwrap(e);
      if (v && ts.isNewExpression(v) && ts.isIdentifier(v.expression)) names.add(v.expression.text);
    };
    for (const s of file.sourceFile.statements) {
      if (ts.isVariableStatement(s)) s.declarationList.declarations.forEach((d) => note(d.initializer));
      else if (ts.isExportAssignment(s)) note(s.expression);
    }
    return names;
  });
}
