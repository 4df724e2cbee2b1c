/**
 * "Can this value carry text chosen by someone else?" answered yes / no / unknown, within the
 * enclosing function. `constant`: literals, constant bindings, and values that cannot hold injected
 * text (numbers, booleans, escaped or allow-listed values). `dynamic`: derived from a parameter (of a
 * private helper: from what its callers pass), a `let`/`var` or a loop over one. `unknown`: imports,
 * globals, module-level configuration, `this.x`, most calls. Detectors flag only `dynamic`.
 */
import { ts } from 'ts-morph';
import type { TsFile } from '../../define.js';
import { guardedBefore, subjectKey, testsMembership } from './allow-list.js';
import { type Binding, enclosingFunction, resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';
import { localCallers } from './local-calls.js';
import { ARITHMETIC, ELEMENT_CALLBACKS, SAFE_CALLEES, STRING_TRANSFORMS, type ValueClass, combine, isTextFreeType } from './value-facts.js';

export type { ValueClass } from './value-facts.js';

const MAX_DEPTH = 10;

/** The file being analysed (for its call index) and the recursion depth. */
interface Env {
  file: TsFile;
  depth: number;
}

const next = (env: Env): Env => ({ file: env.file, depth: env.depth + 1 });

/** The call whose callback parameter `param` is (`rows.map((row, i) => ...)`), with its position. */
function elementCallback(param: ts.ParameterDeclaration): { call: ts.CallExpression; index: number } | undefined {
  const fn = param.parent;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  if (!ELEMENT_CALLBACKS.has(call.expression.name.text)) return undefined;
  return { call, index: (fn as ts.SignatureDeclarationBase).parameters.indexOf(param) };
}

/** Classifies the value an identifier is bound to. */
function classifyBinding(binding: Binding, env: Env): ValueClass {
  if (isTextFreeType(binding.type)) return 'constant';
  const moduleLevel = enclosingFunction(binding.declaration) === undefined;
  switch (binding.kind) {
    case 'param': {
      const param = binding.declaration as ts.ParameterDeclaration;
      const callback = elementCallback(param);
      if (callback) {
        if (callback.index > 0) return 'constant';
        return classify((callback.call.expression as ts.PropertyAccessExpression).expression, next(env));
      }
      return classifyByCallers(param, binding.destructured, env);
    }
    case 'const':
    case 'let':
    case 'var':
    case 'loop': {
      const init = binding.initializer ? classify(binding.initializer, next(env)) : 'unknown';
      if (binding.kind === 'const' && !binding.destructured && !moduleLevel) return init;
      // A reassignable or destructured binding is only known to be dynamic; module-level values are configuration.
      return init === 'dynamic' && !moduleLevel ? 'dynamic' : init === 'constant' && binding.kind === 'const' ? 'constant' : 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** A private helper's parameter is what its callers in this file pass; anything else may pass anything. */
function classifyByCallers(param: ts.ParameterDeclaration, destructured: boolean, env: Env): ValueClass {
  const fn = param.parent;
  const callers = param.dotDotDotToken ? undefined : localCallers(env.file, fn);
  if (!callers) return 'dynamic';
  const index = fn.parameters.indexOf(param);
  const passed = combine(
    callers.map((call) => {
      const arg = call.arguments[index];
      if (arg && ts.isSpreadElement(arg)) return 'unknown';
      if (arg) return classify(arg, next(env));
      return param.initializer ? classify(param.initializer, next(env)) : 'constant';
    }),
  );
  return destructured && passed !== 'dynamic' ? 'unknown' : passed;
}

function classifyCall(call: ts.CallExpression, env: Env): ValueClass {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name === undefined) return 'unknown';
  if (SAFE_CALLEES.test(name)) return 'constant';
  if (ts.isIdentifier(callee)) {
    if (name === 'String' && call.arguments.length === 1) return classify(call.arguments[0], next(env));
    return 'unknown';
  }
  const receiver = (callee as ts.PropertyAccessExpression).expression;
  if (name === 'fill' && call.arguments.length > 0) return classify(call.arguments[0], next(env));
  if (name === 'repeat') return classify(receiver, next(env));
  if (ELEMENT_CALLBACKS.has(name) || name === 'sort' || name === 'reverse') {
    const fn = call.arguments[0];
    if ((name === 'filter' || name === 'find') && fn && allowListCallback(fn)) return 'constant';
    if (name !== 'map' && name !== 'flatMap') return classify(receiver, next(env));
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return classifyReturn(fn, env);
    return 'unknown';
  }
  if (ts.isIdentifier(receiver) && /^(Object|JSON)$/.test(receiver.text)) {
    return /^(keys|values|entries|stringify)$/.test(name) && call.arguments[0] ? classify(call.arguments[0], next(env)) : 'unknown';
  }
  if (!STRING_TRANSFORMS.has(name)) return 'unknown';
  return combine([classify(receiver, next(env)), ...call.arguments.map((a) => classify(a, next(env)))]);
}

/** `(k) => ALLOWED.includes(k)`: a filter that keeps only allow-listed elements. */
function allowListCallback(fn: ts.Expression): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const param = fn.parameters[0]?.name;
  return param !== undefined && ts.isIdentifier(param) && testsMembership(fn.body, param.text);
}

/** Class of what a `.map` callback returns (expression body or single `return`). */
function classifyReturn(fn: ts.ArrowFunction | ts.FunctionExpression, env: Env): ValueClass {
  if (!ts.isBlock(fn.body)) return classify(fn.body, next(env));
  const returns = fn.body.statements.filter(ts.isReturnStatement);
  if (returns.length !== 1 || !returns[0].expression) return 'unknown';
  return classify(returns[0].expression, next(env));
}

function classifyUncached(e: ts.Expression, env: Env): ValueClass {
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isBigIntLiteral(e) || ts.isRegularExpressionLiteral(e)) return 'constant';
  switch (e.kind) {
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
      return 'constant';
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.SuperKeyword:
      return 'unknown';
  }
  if (ts.isTemplateExpression(e)) return combine(e.templateSpans.map((s) => classify(s.expression, next(env))));
  if (ts.isBinaryExpression(e)) {
    if (ARITHMETIC.has(e.operatorToken.kind)) return 'constant';
    if (e.operatorToken.kind === ts.SyntaxKind.CommaToken) return classify(e.right, next(env));
    return combine([classify(e.left, next(env)), classify(e.right, next(env))]);
  }
  if (ts.isConditionalExpression(e)) {
    // `ALLOWED.includes(sort) ? sort : 'id'`: the checked branch is allow-listed.
    const branch = (b: ts.Expression): ValueClass => (testsMembership(e.condition, subjectKey(b)) ? 'constant' : classify(b, next(env)));
    return combine([branch(e.whenTrue), branch(e.whenFalse)]);
  }
  if (ts.isIdentifier(e)) {
    if (/^(undefined|NaN|Infinity)$/.test(e.text)) return 'constant';
    const binding = resolveBinding(e);
    if (binding && ['param', 'let', 'var'].includes(binding.kind) && !binding.destructured) {
      // Reassigned to a constant just before: `if (!path) { path = '/usr/bin/chromium'; exec(path) }`.
      const latest = assignedBefore(e, binding);
      if (latest && classify(latest, next(env)) === 'constant') return 'constant';
    }
    return unlessGuarded(e, binding ? classifyBinding(binding, env) : 'unknown');
  }
  if (ts.isPropertyAccessExpression(e)) {
    if (e.name.text === 'length') return 'constant';
    return unlessGuarded(e, classifyReceiver(e.expression, env));
  }
  if (ts.isElementAccessExpression(e)) return unlessGuarded(e, classifyReceiver(e.expression, env));
  if (ts.isCallExpression(e)) return classifyCall(e, env);
  if (ts.isArrayLiteralExpression(e)) return combine(e.elements.map((x) => (ts.isSpreadElement(x) ? classify(x.expression, next(env)) : classify(x, next(env)))));
  return 'unknown';
}

/** `name = value` as a whole statement: its value. */
function statementAssignment(statement: ts.Statement, name: string): ts.Expression | undefined {
  if (!ts.isExpressionStatement(statement)) return undefined;
  const e = statement.expression;
  const plain = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  return plain && ts.isIdentifier(e.left) && e.left.text === name ? e.right : undefined;
}

/** True when `node` assigns `name` (`name = ...`, `name += ...`). */
function assigns(node: ts.Node, name: string): boolean {
  const visit = (n: ts.Node): boolean => {
    const op = ts.isBinaryExpression(n) ? n.operatorToken.kind : undefined;
    if (op !== undefined && op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) {
      const left = (n as ts.BinaryExpression).left;
      if (ts.isIdentifier(left) && left.text === name) return true;
    }
    return ts.forEachChild(n, visit) ?? false;
  };
  return visit(node);
}

/** True when code that may run after `statement` (later statements of its blocks, a loop around it) assigns `name`. */
function assignedAfter(statement: ts.Statement, scope: ts.Node, name: string): boolean {
  for (let node: ts.Node = statement; node.parent && node !== scope; node = node.parent) {
    const parent = node.parent;
    if (ts.isIterationStatement(parent, false)) return assigns(parent, name);
    if (!ts.isBlock(parent) && !ts.isSourceFile(parent) && !ts.isCaseClause(parent) && !ts.isDefaultClause(parent)) continue;
    const statements: readonly ts.Statement[] = parent.statements;
    if (statements.slice(statements.indexOf(node as ts.Statement) + 1).some((s) => assigns(s, name))) return true;
  }
  return false;
}

/**
 * The value a statement before `id` last assigned to its parameter or `let`/`var`, when nothing in
 * between can have changed it: `path = '/usr/bin/chromium'; ... exec(path + ' --version')`. The search
 * stops at loops; through a callback it holds only if no code that may run later assigns the name again.
 */
function assignedBefore(id: ts.Identifier, binding: Binding): ts.Expression | undefined {
  const scope = binding.kind === 'param' ? binding.declaration.parent : (enclosingFunction(binding.declaration) ?? id.getSourceFile());
  let throughCallback = false;
  for (let node: ts.Node = id; node.parent && node !== scope; node = node.parent) {
    const parent = node.parent;
    if (ts.isIterationStatement(parent, false)) return undefined;
    if (ts.isFunctionLike(parent)) throughCallback = parent !== scope || throughCallback;
    if (!ts.isBlock(parent) && !ts.isSourceFile(parent) && !ts.isCaseClause(parent) && !ts.isDefaultClause(parent)) continue;
    const statements: readonly ts.Statement[] = parent.statements;
    for (let i = statements.indexOf(node as ts.Statement) - 1; i >= 0; i -= 1) {
      const value = statementAssignment(statements[i], id.text);
      if (value) return throughCallback && assignedAfter(statements[i], scope, id.text) ? undefined : value;
      if (assigns(statements[i], id.text)) return undefined;
    }
  }
  return undefined;
}

/** A dynamic value checked by an earlier exiting guard (`if (!ALLOWED.has(col)) throw ...`) is allow-listed. */
function unlessGuarded(e: ts.Expression, result: ValueClass): ValueClass {
  return result === 'dynamic' && guardedBefore(e, subjectKey(e)) ? 'constant' : result;
}

/** A member of something dynamic is dynamic; a member of a constant object is not known (could be a getter). */
function classifyReceiver(receiver: ts.Expression, env: Env): ValueClass {
  return classify(receiver, next(env)) === 'dynamic' ? 'dynamic' : 'unknown';
}

function classify(expr: ts.Expression, env: Env): ValueClass {
  if (env.depth > MAX_DEPTH) return 'unknown';
  return classifyUncached(unwrap(expr), env);
}

/**
 * Classifies `expr` (see the module comment); cached per file. A helper's callers are found among all
 * of the file's identifiers (`localCallers`), so it may be called at any point of the traversal.
 */
export function classifyValue(file: TsFile, expr: ts.Expression): ValueClass {
  const cache = file.memo('typescript/value-class', () => new Map<ts.Node, ValueClass>());
  let result = cache.get(expr);
  if (result === undefined) {
    result = classify(expr, { file, depth: 0 });
    cache.set(expr, result);
  }
  return result;
}
