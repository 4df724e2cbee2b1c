/**
 * Recognises values checked against an allow-list or a validator before use:
 * `ALLOWED.includes(col) ? col : 'id'`, `if (!SORTS.has(sort)) throw ...`, `keys.filter((k) => allowed.includes(k))`,
 * `if (!/^[a-z_]+$/.test(name)) return`. A checked value is treated as not carrying injected text.
 */
import { ts } from 'ts-morph';

const MEMBERSHIP = new Set(['includes', 'has', 'indexOf', 'test', 'hasOwnProperty', 'hasOwn']);

/** Source text without whitespace, to compare `req.query.sort` with `req.query. sort`. */
function key(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}

/** True when `expr` contains a membership test of `subject` (`X.includes(s)`, `X.has(s)`, `s in X`, `re.test(s)`). */
export function testsMembership(expr: ts.Node, subject: string, validators = false): boolean {
  const stack: ts.Node[] = [expr];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const args = node.arguments.map(key);
      if (ts.isPropertyAccessExpression(callee) && MEMBERSHIP.has(callee.name.text) && args.includes(subject)) return true;
      // `if (!isValidColumn(col)) throw`: a negated validator call counts only in an exiting guard.
      if (validators && ts.isPrefixUnaryExpression(node.parent) && args.includes(subject)) return true;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword && key(node.left) === subject) return true;
    if (ts.isFunctionLike(node)) continue;
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return false;
}

/** True when `statement` always leaves the block (`throw`, `return`, `continue`, `break`, or a block ending so). */
function exits(statement: ts.Statement): boolean {
  if (ts.isBlock(statement)) {
    const last = statement.statements.at(-1);
    return last !== undefined && exits(last);
  }
  return ts.isThrowStatement(statement) || ts.isReturnStatement(statement) || ts.isContinueStatement(statement) || ts.isBreakStatement(statement);
}

/** True when an earlier `if (...check of subject...) throw/return` in an enclosing block guards `use`. */
export function guardedBefore(use: ts.Node, subject: string): boolean {
  let child: ts.Node = use;
  for (let a: ts.Node | undefined = use.parent; a; child = a, a = a.parent) {
    if (ts.isFunctionLike(a)) return false;
    if (!ts.isBlock(a) && !ts.isSourceFile(a) && !ts.isCaseClause(a) && !ts.isDefaultClause(a)) continue;
    for (const statement of a.statements) {
      if (statement === child) break;
      if (ts.isIfStatement(statement) && exits(statement.thenStatement) && testsMembership(statement.expression, subject, true)) return true;
    }
  }
  return false;
}

/** The subject key of an expression (for comparing a checked value with its later use). */
export function subjectKey(expr: ts.Expression): string {
  return key(expr);
}
