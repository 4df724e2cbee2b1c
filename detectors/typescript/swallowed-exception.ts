import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { resolveBinding } from './shared/bindings.js';
import { unwrap } from './shared/constant-text.js';
import { isTestFile } from './shared/file-role.js';
import { isBenchmarkPath, isBuildOutput } from './shared/generated-code.js';
import { mayMention, shortText } from './shared/source-text.js';

const COMMENT = /\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
/** A comment that only promises to handle the error later does not explain why it is ignored. */
const TODO = /^(\/\/|\/\*)\s*(TODO|FIXME|XXX)\b/i;
/** `catch (ignored) {}` names the choice as clearly as a comment would. */
const DELIBERATE_NAME = /^_*(ignored?|expected|unused)$/i;

/** 'none' | 'todo' | 'explained': what the comments inside `block` say. */
function commentsIn(block: ts.Block, text: string): 'none' | 'todo' | 'explained' {
  const inner = text.slice(block.getStart() + 1, block.end - 1);
  const comments = inner.match(COMMENT) ?? [];
  if (comments.length === 0) return 'none';
  return comments.every((c) => TODO.test(c)) ? 'todo' : 'explained';
}

/** True when `statement` does nothing with the error (`return;`, `continue;`, `break;`, `;`). */
function discards(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement)) return statement.expression === undefined;
  return ts.isContinueStatement(statement) || ts.isBreakStatement(statement) || ts.isEmptyStatement(statement);
}

/** The first call of a `try` block, to name what fails (`fs.unlinkSync`). */
function firstCall(block: ts.Block): string | undefined {
  for (const s of block.statements) {
    let e: ts.Expression | undefined;
    if (ts.isExpressionStatement(s)) e = s.expression;
    else if (ts.isVariableStatement(s)) e = s.declarationList.declarations[0]?.initializer;
    else if (ts.isReturnStatement(s)) e = s.expression;
    if (!e) continue;
    e = unwrap(e);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) e = unwrap(e.right);
    // `x = await load() || fallback`: the call is the left operand.
    while (ts.isBinaryExpression(e)) e = unwrap(e.left);
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) return `${shortText(e.expression)}(...)`;
  }
  return undefined;
}

/** True when `block` returns a value (not counting nested functions): a bare `return;` in its catch is a fallback. */
function returnsValue(block: ts.Block): boolean {
  const stack: ts.Node[] = [block];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (ts.isReturnStatement(node) && node.expression) return true;
    if (node !== block && ts.isFunctionLike(node)) continue;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}


/** A source line that is (part of) a comment. */
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)|\*\/\s*$/;
/** A comment after code on its line that is not a TODO. */
const TRAILING_EXPLANATION = /^[\s;)]*(\/\/|\/\*)(?!\s*(TODO|FIXME|XXX)\b)\s*\S/i;
const TODO_LINE = /^\s*(\/\/|\/\*+|\*)\s*(TODO|FIXME|XXX)\b/i;

/**
 * 'none' | 'todo' | 'explained': the comment lines directly above 1-based `line` (no blank line
 * between), where authors also explain an ignored error (`// the socket may be closed already`).
 */
function commentAbove(lines: readonly string[], line: number): 'none' | 'todo' | 'explained' {
  let i = line - 2;
  const block: string[] = [];
  while (i >= 0 && COMMENT_LINE.test(lines[i]) && !/^\s*\}/.test(lines[i])) block.unshift(lines[i--]);
  if (block.length === 0) return 'none';
  return block.every((l) => TODO_LINE.test(l) || /^\s*(\/\/|\/\*+|\*+\/?)\s*$/.test(l)) ? 'todo' : 'explained';
}

/** The nearest statement holding `node`. */
function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let a = node.parent; a; a = a.parent) {
    if (ts.isFunctionLike(a)) return undefined;
    if (ts.isExpressionStatement(a) || ts.isVariableStatement(a) || ts.isReturnStatement(a)) return a;
  }
  return undefined;
}

/** The statement in a statement list that holds `node` (climbing out of braceless `if`/`else`/labels). */
function listStatement(node: ts.Node): ts.Statement | undefined {
  let s: ts.Node = node;
  while (s.parent && !ts.isBlock(s.parent) && !ts.isSourceFile(s.parent) && !ts.isCaseOrDefaultClause(s.parent) && !ts.isModuleBlock(s.parent)) {
    if (!ts.isIfStatement(s.parent) && !ts.isLabeledStatement(s.parent)) return undefined;
    s = s.parent;
  }
  return s.parent ? (s as ts.Statement) : undefined;
}

/**
 * The statements after `statement` in its list, up to `count`; when it ends a braced `if` block
 * (`if (coerce) { try {...} catch {} }`), the statements after that `if`.
 */
function followingStatements(statement: ts.Statement, count: number): ts.Statement[] {
  const list = (statement.parent as ts.Block).statements;
  const index = list.indexOf(statement);
  if (index < 0) return [];
  const rest = list.slice(index + 1, index + 1 + count);
  if (rest.length > 0 || !ts.isBlock(statement.parent) || !ts.isIfStatement(statement.parent.parent)) return rest;
  const outer = listStatement(statement.parent.parent);
  return outer ? followingStatements(outer, count) : [];
}

/** The statement just before `statement` in its list. */
function previousStatement(statement: ts.Statement): ts.Statement | undefined {
  const list = (statement.parent as ts.Block).statements;
  const index = list.indexOf(statement);
  return index > 0 ? list[index - 1] : undefined;
}

/** Names and member paths (`isURL`, `payload.value`) the try block assigns (`var` declarations included), outside nested functions. */
function assignedTargets(block: ts.Block): string[] {
  const targets = new Set<string>();
  const stack: ts.Node[] = [...block.statements];
  while (stack.length > 0) {
    const n = stack.pop() as ts.Node;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) continue;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(n.left);
      if (ts.isIdentifier(left) || ts.isPropertyAccessExpression(left)) targets.add(left.getText());
    } else if (ts.isVariableDeclarationList(n) && !(n.flags & ts.NodeFlags.BlockScoped)) {
      // `var unmasked = true` inside the try is visible after it.
      for (const d of n.declarations) if (ts.isIdentifier(d.name)) targets.add(d.name.text);
    }
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return [...targets];
}

/** True when `expr` is `require('x')`, `require('x').member`, `await import('x')` or `new TextEncoder()` (a global, constant arguments). */
function isAvailabilityProbe(expr: ts.Expression): boolean {
  let e = unwrap(expr);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  while (ts.isPropertyAccessExpression(e)) e = unwrap(e.expression);
  // `require('./iterator.js')(Yallist)`: the module is applied as soon as it loads.
  if (ts.isCallExpression(e) && ts.isCallExpression(unwrap(e.expression))) e = unwrap(e.expression);
  if (ts.isCallExpression(e)) {
    // `_require('buffer')`: an alias hides `require` from bundlers.
    return (ts.isIdentifier(e.expression) && /^_*require$/.test(e.expression.text)) || e.expression.kind === ts.SyntaxKind.ImportKeyword;
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && /^[A-Z]/.test(e.expression.text) && !resolveBinding(e.expression)) {
    return (e.arguments ?? []).every((a) => ts.isLiteralExpression(a) || ts.isObjectLiteralExpression(a));
  }
  return false;
}

/**
 * The try only loads an optional module or probes the platform (`convert = require('encoding').convert`,
 * `decoder = new TextDecoder()`): the missing value is the answer, and the code using it checks it.
 */
function probesAvailability(block: ts.Block): boolean {
  return block.statements.length > 0 && block.statements.every((s) => {
    if (ts.isVariableStatement(s)) {
      // `var _require = require` (hidden from bundlers), then `_require('buffer')`.
      return s.declarationList.declarations.every((d) => d.initializer !== undefined && (isAvailabilityProbe(d.initializer) || (ts.isIdentifier(d.initializer) && d.initializer.text === 'require')));
    }
    if (!ts.isExpressionStatement(s)) return false;
    const e = unwrap(s.expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return isAvailabilityProbe(e.right);
    return isAvailabilityProbe(e);
  });
}

/** True when `target` got a value just before the try: `let regex = null` in its function, or `cached = null;` right above. */
function hasFallback(tryStatement: ts.TryStatement, target: string): boolean {
  const statement = listStatement(tryStatement);
  const before = statement && previousStatement(statement);
  if (before && ts.isExpressionStatement(before)) {
    const e = unwrap(before.expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && unwrap(e.left).getText() === target) return true;
  }
  if (target.includes('.')) return false;
  const stack: ts.Node[] = [];
  for (let a: ts.Node | undefined = tryStatement.parent; a; a = a.parent) {
    if (ts.isBlock(a) || ts.isSourceFile(a)) stack.push(...a.statements.filter((x) => x.end <= tryStatement.pos));
    if (ts.isFunctionLike(a)) break;
  }
  return stack.some(
    (x) => ts.isVariableStatement(x) && x.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === target && d.initializer !== undefined),
  );
}

/**
 * The fallback idiom: the variable had a value before the try (`var result = false`), the try may
 * replace it, and the code right after uses whichever it holds (`return result`).
 */
function keepsFallback(tryStatement: ts.TryStatement): boolean {
  const statement = listStatement(tryStatement);
  if (!statement) return false;
  const after = followingStatements(statement, 2);
  return assignedTargets(tryStatement.tryBlock).some((t) => hasFallback(tryStatement, t) && readsOf(after, t).length > 0);
}

/** True when the try block leaves with a value or a `break` somewhere (a search: the catch moves on to the next candidate). */
function leavesOnSuccess(block: ts.Block): boolean {
  const stack: ts.Node[] = [block];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if ((ts.isReturnStatement(node) && node.expression) || (ts.isBreakStatement(node) && !node.label)) return true;
    if (node !== block && (ts.isFunctionLike(node) || ts.isIterationStatement(node, false) || ts.isSwitchStatement(node))) continue;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}

/** `err`, `error`, `e`: a name that holds an error being passed on. */
const ERROR_NAME = /^(e|er|err|error|ex|exc|exception|cause|reason)$/i;

/**
 * True when the function goes on failing after `statement`: a later statement of its block (or of an
 * enclosing block, in the same function) throws, or returns a call handing an error on (`return cb(err)`).
 * An ignored error in cleanup before that would only hide the one being reported.
 */
function failsAfter(statement: ts.Statement): boolean {
  for (let s: ts.Node = statement; s.parent && !ts.isFunctionLike(s); s = s.parent) {
    const list = ts.isBlock(s.parent) || ts.isCaseOrDefaultClause(s.parent) ? s.parent.statements : undefined;
    if (!list) continue;
    for (const next of list.slice(list.indexOf(s as ts.Statement) + 1)) {
      if (ts.isThrowStatement(next) || handsErrorOn(next, true)) return true;
      if (ts.isReturnStatement(next)) return false;
    }
  }
  return false;
}

/**
 * True when `node` contains a call given an error (`cb(err)`, `fail(null, error)`); with `callbacks`,
 * also inside functions passed along (`resultSet.close(() => cb(err))`). Declared functions do not run here.
 */
function handsErrorOn(node: ts.Node, callbacks: boolean): boolean {
  const stack: ts.Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as ts.Node;
    if (ts.isFunctionDeclaration(n) || (n !== node && ts.isFunctionLike(n) && !(callbacks && ts.isCallExpression(n.parent)))) continue;
    if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isIdentifier(a) && ERROR_NAME.test(a.text))) return true;
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return false;
}

/** True when `block` calls nothing (no call, `new`, `await` or tagged template): it can only fail in a getter, setter or conversion. */
function callsNothing(block: ts.Block): boolean {
  const stack: ts.Node[] = [block];
  while (stack.length > 0) {
    const n = stack.pop() as ts.Node;
    if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isAwaitExpression(n) || ts.isTaggedTemplateExpression(n)) return false;
    if (n !== block && ts.isFunctionLike(n)) continue;
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return true;
}

/** Calls that fail only on frozen objects or exotic hosts: property metadata and listener teardown. */
const BEST_EFFORT_METHODS = new Set(['removeListener', 'removeEventListener', 'removeAllListeners', 'off', 'unref', 'setMaxListeners']);

/** Closing a connection or process: failing means it is already gone. */
const TEARDOWN_METHODS = new Set(['close', 'destroy', 'end', 'terminate', 'abort', 'kill', 'disconnect']);
/** Receivers that are a connection to a peer (`ws`, `this.socket`, `sessions[i]`, `res`): a send there fails when the peer left. */
const PEER = /^(ws|wss|websocket|socket|sock|conn|connection|client|session|sessions|peer|channel|stream|tunnel|relay|res|response)$|(Socket|Ws|Conn|Connection|Client|Session|Peer|Channel|Stream)s?$/;

/** The last name of a receiver: `obj.ws` → ws, `sessions[i]` → sessions, `this.socket` → socket. */
function receiverName(e: ts.Expression): string {
  const x = unwrap(e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return ts.isElementAccessExpression(x) ? receiverName(x.expression) : '';
}

/** Host objects a no-argument call on probes the environment (`process.cwd()` warms a cache and fails only in a deleted directory). */
const HOSTS = new Set(['process', 'navigator', 'window', 'document', 'globalThis', 'performance']);

/** True when every statement of `block` is a best-effort call (`Object.defineProperty(fn, 'name', ...)`, `process.removeListener(...)`). */
function onlyBestEffort(block: ts.Block): boolean {
  return block.statements.length > 0 && block.statements.every((s) => {
    if (!ts.isExpressionStatement(s)) return false;
    let e = unwrap(s.expression);
    // `Object.getOwnPropertyNames(x).map(add)`: the chain starts at the reflective call.
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isCallExpression(unwrap(e.expression.expression))) e = unwrap(e.expression.expression);
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
    const receiver = unwrap(e.expression.expression);
    if (ts.isIdentifier(receiver) && (receiver.text === 'Object' || receiver.text === 'Reflect')) return true;
    if (ts.isIdentifier(receiver) && HOSTS.has(receiver.text) && e.arguments.length === 0 && !resolveBinding(receiver)) return true;
    const method = e.expression.name.text;
    // `try { ws.send(msg) } catch (ex) { }`, `try { socket.destroy() } catch (e) { }`: the peer may already be gone.
    if (TEARDOWN_METHODS.has(method) || (/^(send\w*|write)$/.test(method) && PEER.test(receiverName(receiver)))) return true;
    return BEST_EFFORT_METHODS.has(method);
  });
}

/**
 * The absence idiom inside the try: `const caller = getCallerLocation(); if (caller) use(caller)`. A
 * failure leaves the same outcome as a missing value, which the `if` already handles.
 */
function guardsItsResult(block: ts.Block): boolean {
  const [first, second] = block.statements;
  if (block.statements.length !== 2 || !ts.isIfStatement(second)) return false;
  let name: string | undefined;
  if (ts.isVariableStatement(first) && first.declarationList.declarations.length === 1) {
    const d = first.declarationList.declarations[0];
    if (ts.isIdentifier(d.name)) name = d.name.text;
  } else if (ts.isExpressionStatement(first)) {
    const e = unwrap(first.expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(unwrap(e.left))) name = unwrap(e.left).getText();
  }
  return name !== undefined && readsOf([second], name).some((r) => isTested(r.node, second) && r.node.pos < second.thenStatement.pos);
}

/** `.catch(() => {})` on an operation whose promise is awaited or returned elsewhere in the file: the rejection is observed there. */
function observedElsewhere(call: ts.CallExpression, text: string): boolean {
  const target = unwrap((call.expression as ts.PropertyAccessExpression).expression);
  const callee = ts.isCallExpression(target) ? unwrap(target.expression) : target;
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.getText().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const use = ts.isCallExpression(target) ? `(await|return)\\s+${name}\\s*\\(` : `(await|return)\\s+${name}\\b|\\b${name}\\.then\\(`;
  // Not counting the statement of the `.catch` itself (`await cleanup().catch(() => {})`).
  const own = call.getStart();
  return new RegExp(use).test(text.slice(0, Math.max(0, own - 200)) + text.slice(call.end));
}

/** True when the value of `call` (a `.catch(() => {})`) is used: it stands for "undefined on failure". */
function resultUsed(call: ts.CallExpression): boolean {
  let e: ts.Node = call;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAwaitExpression(e.parent)) e = e.parent;
  const parent = e.parent;
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return false;
  if (ts.isBinaryExpression(parent) && parent.right === e && (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
    return !ts.isExpressionStatement(parent.parent);
  }
  return true;
}

/** True when `node` is inside a `finally` block of its function: an error thrown there would replace the one in flight. */
function insideFinally(node: ts.Node): boolean {
  let child = node;
  for (let a = node.parent; a; child = a, a = a.parent) {
    if (ts.isFunctionLike(a)) return false;
    if (ts.isTryStatement(a) && a.finallyBlock === child) return true;
  }
  return false;
}

/** True when `node` (a read of a value) sits in a test: a condition, a comparison, `!x`, `typeof x`, `x && ...`. */
function isTested(node: ts.Node, stop: ts.Node): boolean {
  let child = node;
  for (let a = node.parent; a && a !== stop.parent; child = a, a = a.parent) {
    if (ts.isFunctionLike(a)) return false;
    if ((ts.isIfStatement(a) || ts.isWhileStatement(a)) && a.expression === child) return true;
    if (ts.isConditionalExpression(a) && a.condition === child) return true;
    if (ts.isTypeOfExpression(a)) return true;
    if (ts.isPrefixUnaryExpression(a) && a.operator === ts.SyntaxKind.ExclamationToken) return true;
    if (ts.isBinaryExpression(a) && a.left === child && a.operatorToken.kind === ts.SyntaxKind.EqualsToken) return false;
    if (ts.isBinaryExpression(a) && TESTS.has(a.operatorToken.kind)) return true;
  }
  return false;
}
const TESTS = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.InstanceOfKeyword, ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** Reads of `target` (a name or member path text) in `statements`, with the statement holding each. */
function readsOf(statements: readonly ts.Statement[], target: string): Array<{ node: ts.Node; statement: ts.Statement }> {
  const out: Array<{ node: ts.Node; statement: ts.Statement }> = [];
  for (const statement of statements) {
    const stack: ts.Node[] = [statement];
    while (stack.length > 0) {
      const n = stack.pop() as ts.Node;
      if ((ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) && n.getText() === target) {
        if (!(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) out.push({ node: n, statement });
        continue;
      }
      ts.forEachChild(n, (c) => {
        stack.push(c);
      });
    }
  }
  return out;
}

/**
 * The conversion attempt: `try { value = Number(value) } catch {}` followed by a check of `value`
 * (`if (typeof value !== 'number')`, `if (!isURL)`, `return stats && ...`), directly or through a
 * `const input = value` that is checked. The check is where a failure is handled.
 */
function checkedAfter(tryStatement: ts.TryStatement): boolean {
  const targets = assignedTargets(tryStatement.tryBlock);
  if (targets.length === 0) return false;
  const statement = listStatement(tryStatement);
  if (!statement) return false;
  const after = followingStatements(statement, 2);
  return targets.some((target) =>
    readsOf(after, target).some(({ node, statement: s }) => {
      if (isTested(node, s)) return true;
      const decl = node.parent;
      if (!ts.isVariableDeclaration(decl) || decl.initializer !== node || !ts.isIdentifier(decl.name)) return false;
      const rest = followingStatements(s, 2);
      return readsOf(rest, decl.name.text).some((r) => isTested(r.node, r.statement));
    }),
  );
}

/** True when `node` sits (in the same function) in a `catch` block that rethrows the error it caught: cleanup while failing. */
function insideRethrowingCatch(node: ts.Node): boolean {
  for (let a = node.parent; a; a = a.parent) {
    if (ts.isFunctionLike(a)) return false;
    if (!ts.isCatchClause(a) || a === node) continue;
    const name = a.variableDeclaration?.name;
    return name !== undefined && ts.isIdentifier(name) && throwsName(a.block, name.text);
  }
  return false;
}

/** True when `block` (not nested functions) contains `throw <name>`. */
function throwsName(block: ts.Block, name: string): boolean {
  const stack: ts.Node[] = [block];
  while (stack.length > 0) {
    const n = stack.pop() as ts.Node;
    if (ts.isThrowStatement(n) && n.expression && ts.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as ts.Identifier).text === name) return true;
    if (n !== block && ts.isFunctionLike(n)) continue;
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return false;
}

/** `throw new AppError('...', { cause: err })` directly in the catch block: the error goes on with its context. */
function rethrowsWithCause(block: ts.Block, caught: string): boolean {
  return block.statements.some((s) => {
    if (!ts.isThrowStatement(s) || !s.expression || !ts.isNewExpression(s.expression)) return false;
    const options = s.expression.arguments?.[1];
    if (!options || !ts.isObjectLiteralExpression(options)) return false;
    return options.properties.some((p) =>
      (ts.isPropertyAssignment(p) && p.name.getText() === 'cause' && p.initializer.getText() === caught) ||
      (ts.isShorthandPropertyAssignment(p) && p.name.text === 'cause' && caught === 'cause'),
    );
  });
}

export default defineTsDetector({
  meta: {
    id: 'swallowed-exception',
    severity: 'medium',
    category: 'reliability',
    enabledByDefault: false,
    // Off, it still spots errors rethrown with their cause (the "Errors handled with context" pattern).
    praisesWhenOff: true,
    description: 'An empty `catch` (or `.catch(() => {})`) discards the error without a word.',
    recommendation:
      'Handle the error, log it with context, or rethrow it; if ignoring it is right, say why in a comment inside the block.',
    docs: {
      why: 'Off by default, like its Python twin: in the application corpus (19 server applications), even with sends to a peer that may have left and connection teardown left alone, 18 of 20 sampled findings were deliberate best-effort code a careful reviewer reads as intended (an optional ping, a temp-file cleanup, a JSON conversion that keeps the raw value, a hook that vetoes by throwing, a loop that counts its successes); outside meshcentral, whose idiom is an empty `catch` around every socket call (231 of 244 findings), 9 of 13 were of that kind. Turn it on where every failure must leave a trace. An error caught and dropped leaves no trace: the operation silently did not happen and the failure surfaces later, somewhere else, without its cause. A comment inside the block, on the line just above the `try`/`catch`/`.catch` statement or after the closing brace that explains why the error is irrelevant (`// the file may not exist yet`) marks a deliberate choice and is not reported; a `TODO` is not an explanation. Idioms where the failure is handled elsewhere are left alone: a conversion attempt whose result is checked right after the `try`, a fallback value set before it, a `try` that returns or breaks on success (a search), optional `require`/platform probes, cleanup in a `finally` or in a `catch` that rethrows (or before the error is thrown or handed to a callback), a `.catch(() => {})` whose result is used or whose promise is awaited elsewhere, `try` blocks that call nothing, and best-effort property metadata or listener teardown, closing a connection, or a send to a peer that may have left (`try { ws.send(msg) } catch {}`). Test, benchmark, bundled, minified and vendored files are skipped.',
      flagged: [
        'try {\n  await sendEmail(user);\n} catch (error) {}\n',
        'fetchProfile(id).catch(() => {});\n',
      ],
      ignored: [
        'try {\n  fs.unlinkSync(tmp);\n} catch {\n  // the file may already be gone\n}\n',
        'try {\n  value = Number(value);\n} catch {}\nif (typeof value !== "number") throw new TypeError("not a number");\n',
        'try {\n  await sendEmail(user);\n} catch (error) {\n  logger.warn({ error }, "email failed");\n}\n',
        'fetchProfile(id).catch(handleError);\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Benchmarks and tests provoke errors on purpose and clean up fixtures; bundles, minified and generated files are not edited by hand.
    if (isBenchmarkPath(ctx.file.path) || isTestFile(ctx.file.path) || isBuildOutput(ctx.file)) return {};
    // Both shapes need the word: a `catch` clause or a `.catch(...)` call.
    if (!mayMention(ctx.file.text, 'catch')) return {};
    const text = ctx.file.text;
    const lines = ctx.file.lines;
    /** What the comments just above these lines, or after `end` on its line, say. */
    const nearby = (starts: number[], end?: number): 'none' | 'todo' | 'explained' => {
      const found = starts.map((l) => commentAbove(lines, l));
      if (end !== undefined) {
        const eol = text.indexOf('\n', end);
        // `} catch {} // the lock may be gone`: a trailing comment on the closing line.
        if (TRAILING_EXPLANATION.test(text.slice(end, eol < 0 ? undefined : eol))) return 'explained';
      }
      return found.includes('explained') ? 'explained' : found.includes('todo') ? 'todo' : 'none';
    };
    return {
      enter: {
        CatchClause(node) {
          const clause = node as ts.CatchClause;
          const name = clause.variableDeclaration?.name;
          if (name && ts.isIdentifier(name) && rethrowsWithCause(clause.block, name.text)) {
            ctx.praise({ line: ctx.file.lineOf(clause.getStart()), pattern: 'error-context' });
          }
          if (name && ts.isIdentifier(name) && DELIBERATE_NAME.test(name.text)) return;
          if (!clause.block.statements.every(discards)) return;
          const tryStatement = clause.parent as ts.TryStatement;
          const inside = commentsIn(clause.block, text);
          const above = nearby([ctx.file.lineOf(tryStatement.getStart()), ctx.file.lineOf(clause.getStart())], clause.end);
          if (inside === 'explained' || above === 'explained') return;
          const comments = inside === 'todo' || above === 'todo' ? 'todo' : 'none';
          // `try { return load(); } catch { return; }` answers undefined as a fallback, like `return null`;
          // an empty catch after such a try falls through to the fallback below it.
          const exits = clause.block.statements.some((s) => ts.isReturnStatement(s));
          const empty = clause.block.statements.length === 0;
          if (exits && returnsValue(tryStatement.tryBlock)) return;
          if (empty && leavesOnSuccess(tryStatement.tryBlock)) return;
          // Cleanup that fails while the original error is being rethrown, or in a `finally`.
          if (insideRethrowingCatch(tryStatement) || insideFinally(tryStatement) || failsAfter(listStatement(tryStatement) ?? tryStatement)) return;
          // `try { n = Number(n) } catch {}` then `if (typeof n !== 'number')`: the check handles it.
          if (checkedAfter(tryStatement) || probesAvailability(tryStatement.tryBlock)) return;
          // Failures of getters, metadata and listener teardown, of reporting an error, or of an optional lookup the try already checks.
          const block = tryStatement.tryBlock;
          if (callsNothing(block) || onlyBestEffort(block) || handsErrorOn(block, false) || guardsItsResult(block)) return;
          if (empty && keepsFallback(tryStatement)) return;
          const what = firstCall(tryStatement.tryBlock);
          const source = what ? `the error thrown by \`${what}\`` : 'the error';
          const shape = clause.block.statements.length === 0 ? 'Empty `catch`' : '`catch` that only exits';
          const todo = comments === 'todo' ? ' (the TODO says it is not handled yet)' : '';
          ctx.report({ line: ctx.file.lineOf(clause.getStart()), message: `${shape} discards ${source}${todo}.` });
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'catch' || call.arguments.length !== 1) return;
          const handler = unwrap(call.arguments[0]);
          if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return;
          if (!ts.isBlock(handler.body) || handler.body.statements.length > 0 || commentsIn(handler.body, text) !== 'none') return;
          const statement = enclosingStatement(call);
          const starts = [ctx.file.lineOf(call.expression.name.getStart())];
          if (statement) starts.push(ctx.file.lineOf(statement.getStart()));
          if (nearby(starts, call.end) === 'explained') return;
          if (insideRethrowingCatch(call) || insideFinally(call) || (statement && failsAfter(statement))) return;
          // `files.map((f) => fsp.stat(f).catch(() => {}))`: undefined on failure is the answer, checked by its user.
          if (resultUsed(call) || observedElsewhere(call, text)) return;
          const source = shortText(call.expression.expression);
          ctx.report({
            line: ctx.file.lineOf(call.expression.name.getStart()),
            message: `The empty \`.catch\` handler discards any rejection of \`${source}\`.`,
          });
        },
      },
    };
  },
});
