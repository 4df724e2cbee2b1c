import { ts } from 'ts-morph';
import type { TsFile } from '../define.js';
import { documentOrderOf } from '../../src/analysis/parse-typescript.js';
import { defineTsDetector } from '../define.js';
import type { Fix } from '../../src/types.js';
import { resolveBinding } from './shared/bindings.js';
import { unwrap } from './shared/constant-text.js';
import { propertyNameText } from './shared/object-literal.js';
import { shortText } from './shared/source-text.js';
import { isAsyncFunction, ownFunction } from './shared/try-scope.js';

type FunctionNode = ts.FunctionLikeDeclaration;

/** True when `fn` returns a promise: declared `async`, or annotated `Promise<...>` (generators excluded). */
function returnsPromise(fn: ts.Node | undefined): fn is FunctionNode {
  if (!fn || !ts.isFunctionLike(fn)) return false;
  if ((fn as FunctionNode).asteriskToken) return false;
  if (isAsyncFunction(fn)) return true;
  const type = fn.type;
  return type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise';
}

/** The function a plain call `f()` reaches when `f` is declared in this file. */
function localFunction(callee: ts.Identifier): ts.Node | undefined {
  const binding = resolveBinding(callee);
  if (!binding) return undefined;
  if (binding.kind === 'function') return binding.declaration;
  if (binding.kind === 'const' && !binding.destructured && binding.initializer) {
    const init = unwrap(binding.initializer);
    return ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init : undefined;
  }
  return undefined;
}

const { FunctionDeclaration: FUNCTION_DECLARATION, FunctionExpression: FUNCTION_EXPRESSION, VariableDeclaration: VARIABLE_DECLARATION } = ts.SyntaxKind;

/**
 * Every name that may be bound to a function of this file: function declarations and named function
 * expressions, and variables initialised with a function (`const f = async () => ...`). A callee
 * named otherwise cannot reach one (`localFunction` answers for nothing else).
 */
function functionNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const { nodes, kinds } = documentOrderOf(sourceFile);
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind !== FUNCTION_DECLARATION && kind !== FUNCTION_EXPRESSION && kind !== VARIABLE_DECLARATION) continue;
    const node = nodes[i] as ts.FunctionDeclaration | ts.FunctionExpression | ts.VariableDeclaration;
    if (kind === VARIABLE_DECLARATION) {
      const init = (node as ts.VariableDeclaration).initializer;
      const value = init && unwrap(init);
      if (!value || !(ts.isArrowFunction(value) || ts.isFunctionExpression(value))) continue;
    }
    const name = node.name;
    if (name && ts.isIdentifier(name)) names.add(name.text);
  }
  return names;
}

/** The class whose `this` a node sees (through arrow functions), or undefined inside a plain `function`. */
function thisClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let a = node.parent; a; a = a.parent) {
    if (ts.isClassLike(a)) return a;
    if (ts.isFunctionDeclaration(a) || ts.isFunctionExpression(a)) return undefined;
  }
  return undefined;
}

/** The method a call `this.m()` reaches: a method or arrow-function property of the enclosing class. */
function classMethod(callee: ts.PropertyAccessExpression): ts.Node | undefined {
  if (callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const cls = thisClass(callee);
  if (!cls) return undefined;
  const name = callee.name.text;
  for (const member of cls.members) {
    if (propertyNameText(member.name) !== name) continue;
    if (ts.isMethodDeclaration(member)) return member.body ? member : undefined;
    if (ts.isPropertyDeclaration(member) && member.initializer) {
      const init = unwrap(member.initializer);
      return ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init : undefined;
    }
  }
  return undefined;
}

/** True when no `throw` appears in `block` outside nested functions. */
function throwsNothing(block: ts.Block): boolean {
  const stack: ts.Node[] = [block];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (ts.isThrowStatement(node)) return false;
    if (ts.isFunctionLike(node)) continue;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return true;
}

/** True when `node` lies in the `try` block of a statement whose `catch` never rethrows (same function). */
function caughtQuietly(node: ts.Node, fn: ts.Node): boolean {
  let child: ts.Node = node;
  for (let a: ts.Node | undefined = node.parent; a && a !== fn; child = a, a = a.parent) {
    if (ts.isTryStatement(a) && a.tryBlock === child && a.catchClause && throwsNothing(a.catchClause.block)) return true;
  }
  return false;
}

/** The same-file function a call reaches (`f()`, `this.f()`, an immediately called function), if any. */
function calledFunction(call: ts.CallExpression): ts.Node | undefined {
  const callee = unwrap(call.expression);
  if (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee)) return callee;
  if (ts.isIdentifier(callee)) return localFunction(callee);
  return ts.isPropertyAccessExpression(callee) ? classMethod(callee) : undefined;
}

/** `await helper()` where the same-file `helper` settles quietly itself (its own `try`/`catch`). */
function quietAwait(node: ts.AwaitExpression, visiting: Set<ts.Node>): boolean {
  const call = unwrap(node.expression);
  if (!ts.isCallExpression(call)) return false;
  const fn = calledFunction(call);
  return fn !== undefined && ts.isFunctionLike(fn) && settlesQuietly(fn as FunctionNode, visiting);
}

/**
 * True when firing the async function `fn` and forgetting it loses nothing: every `await` and `throw`
 * sits in a `try` whose `catch` does not rethrow, or it awaits nothing (it finishes before the call
 * returns). Functions only annotated `Promise<...>` are not judged safe: their body hides the async work.
 */
function settlesQuietly(fn: FunctionNode, visiting = new Set<ts.Node>()): boolean {
  const body = fn.body;
  // A cycle (mutual recursion) proves nothing: not quiet.
  if (!body || !isAsyncFunction(fn) || visiting.has(fn) || visiting.size > 8) return false;
  visiting.add(fn);
  try {
    const stack: ts.Node[] = [body];
    while (stack.length > 0) {
      const node = stack.pop() as ts.Node;
      if (ts.isFunctionLike(node)) continue;
      if (ts.isAwaitExpression(node) && quietAwait(node, visiting)) continue;
      const pending = ts.isAwaitExpression(node) || ts.isThrowStatement(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined);
      if (pending && !caughtQuietly(node, fn)) return false;
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
    return true;
  } finally {
    // `visiting` holds the chain of callers being judged, not every function seen.
    visiting.delete(fn);
  }
}

/** A comment just above the statement (or its enclosing statement) saying the call is not awaited on purpose. */
const DELIBERATE = /\b(await|fire[- ]and[- ]forget|in the background|don'?t wait|do not wait|without waiting|detach|intentional|on purpose|no need)/i;

/** True when a comment above `statement` or the statement around it explains the missing `await`. */
function explained(text: string, statement: ts.Statement): boolean {
  let s: ts.Node | undefined = statement;
  for (let i = 0; i < 2 && s; i++) {
    for (const range of ts.getLeadingCommentRanges(text, s.pos) ?? []) if (DELIBERATE.test(text.slice(range.pos, range.end))) return true;
    s = ts.isBlock(s.parent) ? s.parent.parent : undefined;
  }
  return false;
}

/** Operators whose right operand's value becomes the expression's (so a dropped expression drops it). */
const PASSING_OPERATORS = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.CommaToken,
]);

/** The expression statement `call` is the value of (through `a && f()`, `c ? f() : g()`), if any. */
function discardingStatement(call: ts.CallExpression): ts.ExpressionStatement | undefined {
  let child: ts.Node = call;
  for (let a: ts.Node = call.parent; a; child = a, a = a.parent) {
    if (ts.isExpressionStatement(a)) return a;
    if (ts.isParenthesizedExpression(a)) continue;
    if (ts.isConditionalExpression(a) && a.condition !== child) continue;
    if (ts.isBinaryExpression(a) && a.right === child && PASSING_OPERATORS.has(a.operatorToken.kind)) continue;
    return undefined;
  }
  return undefined;
}

/** Puts `await ` before the call when the statement is the call itself on one line. */
function awaitFix(file: TsFile, statement: ts.ExpressionStatement, call: ts.CallExpression): Fix | undefined {
  if (unwrap(statement.expression) !== call || !isAsyncFunction(ownFunction(call))) return undefined;
  const line = file.lineOf(call.getStart());
  const start = file.sourceFile.getPositionOfLineAndCharacter(line - 1, 0);
  const text = file.lines[line - 1];
  const at = statement.getStart() - start;
  return { line, endLine: line, replacement: `${text.slice(0, at)}await ${text.slice(at)}` };
}

/** Calls of the file's own async functions whose promise is dropped on the floor. */
export default defineTsDetector({
  meta: {
    id: 'floating-promise',
    severity: 'high',
    category: 'reliability',
    description: 'A call of an async function of the same file whose promise is neither awaited, returned nor handled.',
    recommendation:
      'Await the call (or return it); if it must run in the background, attach `.catch(...)` that logs the error, or write `void f()` to mark the choice.',
    docs: {
      why: 'A promise nobody awaits runs detached: its rejection becomes an `unhandledRejection` (which terminates Node by default), its work is not finished when the caller returns (a response is sent before the write lands, a test ends before the effect), and errors lose the caller\'s context. Without a type checker the rule knows only functions declared in the same file (`async`, or annotated `Promise<...>`), so it reports only what it is sure of. `void f()`, `.then`/`.catch`, assigning or passing the promise, calls at module level (a script\'s `main()`), a comment above the call that says it is not awaited on purpose, and async functions that settle quietly (every `await` inside a `try` whose `catch` does not rethrow or of a same-file function that settles quietly, or no `await` at all) are left alone.',
      flagged: [
        'async function saveAudit(entry: Entry) {\n  await db.insert(entry);\n}\nexport async function handle(req: Request) {\n  saveAudit({ path: req.url });\n  return new Response("ok");\n}\n',
        'class Cache {\n  async refresh() {\n    this.data = await load();\n  }\n  start() {\n    setInterval(() => {\n      this.refresh();\n    }, 60_000);\n  }\n}\n',
      ],
      ignored: [
        'async function saveAudit(entry: Entry) {\n  await db.insert(entry);\n}\nexport async function handle(req: Request) {\n  void saveAudit({ path: req.url });\n  await saveAudit({ path: "/done" });\n}\n',
        'async function main() {\n  await run();\n}\nmain();\n',
        'async function notify(user: User) {\n  try {\n    await mailer.send(user);\n  } catch (error) {\n    log.warn({ error }, "mail failed");\n  }\n}\nexport function signup(user: User) {\n  notify(user);\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    const verdicts = new Map<ts.Node, boolean>();
    let names: Set<string> | undefined;
    /** `localFunction`, after the cheap test that some function of the file has the callee's name. */
    const named = (callee: ts.Identifier): ts.Node | undefined => {
      names ??= functionNames(file.sourceFile);
      return names.has(callee.text) ? localFunction(callee) : undefined;
    };
    /** True when calling `fn` yields a promise that may reject (cached per function). */
    const rejectable = (fn: ts.Node): boolean => {
      let v = verdicts.get(fn);
      if (v === undefined) {
        v = returnsPromise(fn) && !settlesQuietly(fn);
        verdicts.set(fn, v);
      }
      return v;
    };
    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          // Cheap position checks first: only a call whose value is dropped can float.
          const statement = discardingStatement(call);
          // A script's `main()` at module level: an unhandled rejection ends the process with the error, as intended.
          if (!statement || !ownFunction(call)) return;
          const callee = unwrap(call.expression);
          const fn = ts.isIdentifier(callee) ? named(callee) : ts.isPropertyAccessExpression(callee) ? classMethod(callee) : undefined;
          if (!fn || !rejectable(fn) || explained(file.text, statement)) return;
          const fix = awaitFix(file, statement, call);
          ctx.report({
            line: file.lineOf(call.getStart()),
            message: `The promise of the async \`${shortText(callee)}(...)\` is neither awaited, returned nor handled: its rejection goes unhandled and its work may not be done when the caller goes on.`,
            ...(fix ? { fix } : {}),
          });
        },
      },
    };
  },
});
