import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { unwrap } from './shared/constant-text.js';
import { shortText } from './shared/source-text.js';

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

/** Empty `catch` blocks and empty promise `.catch` handlers. */
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
    description: 'An empty `catch` (or `.catch(() => {})`) discards the error without a word.',
    recommendation:
      'Handle the error, log it with context, or rethrow it; if ignoring it is right, say why in a comment inside the block.',
    docs: {
      why: 'An error caught and dropped leaves no trace: the operation silently did not happen and the failure surfaces later, somewhere else, without its cause. A comment inside the block that explains why the error is irrelevant (`// the file may not exist yet`) marks a deliberate choice and is not reported; a `TODO` is not an explanation.',
      flagged: [
        'try {\n  await sendEmail(user);\n} catch (error) {}\n',
        'fetchProfile(id).catch(() => {});\n',
      ],
      ignored: [
        'try {\n  fs.unlinkSync(tmp);\n} catch {\n  // the file may already be gone\n}\n',
        'try {\n  await sendEmail(user);\n} catch (error) {\n  logger.warn({ error }, "email failed");\n}\n',
        'fetchProfile(id).catch(handleError);\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const text = ctx.file.text;
    return {
      enter: {
        [ts.SyntaxKind.CatchClause](node) {
          const clause = node as ts.CatchClause;
          const name = clause.variableDeclaration?.name;
          if (name && ts.isIdentifier(name) && rethrowsWithCause(clause.block, name.text)) {
            ctx.praise({ line: ctx.file.lineOf(clause.getStart()), pattern: 'error-context' });
          }
          if (name && ts.isIdentifier(name) && DELIBERATE_NAME.test(name.text)) return;
          if (!clause.block.statements.every(discards)) return;
          const comments = commentsIn(clause.block, text);
          if (comments === 'explained') return;
          const tryStatement = clause.parent as ts.TryStatement;
          // `try { return load(); } catch { return; }` answers undefined as a fallback, like `return null`.
          const bareReturn = clause.block.statements.some((s) => ts.isReturnStatement(s));
          if (bareReturn && returnsValue(tryStatement.tryBlock)) return;
          const what = firstCall(tryStatement.tryBlock);
          const source = what ? `the error thrown by \`${what}\`` : 'the error';
          const shape = clause.block.statements.length === 0 ? 'Empty `catch`' : '`catch` that only exits';
          const todo = comments === 'todo' ? ' (the TODO says it is not handled yet)' : '';
          ctx.report({ line: ctx.file.lineOf(clause.getStart()), message: `${shape} discards ${source}${todo}.` });
        },
        [ts.SyntaxKind.CallExpression](node) {
          const call = node as ts.CallExpression;
          if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'catch' || call.arguments.length !== 1) return;
          const handler = unwrap(call.arguments[0]);
          if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return;
          if (!ts.isBlock(handler.body) || handler.body.statements.length > 0 || commentsIn(handler.body, text) !== 'none') return;
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
