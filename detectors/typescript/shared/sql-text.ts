/**
 * Recognises SQL sinks (`db.query(`, `knex.raw(`, `prisma.$queryRawUnsafe(`) and SQL-looking text,
 * for sql-injection. Kept apart so other rules (unbounded-query, await-in-loop) can reuse them.
 */
import { ts } from 'ts-morph';
import { unwrap } from './constant-text.js';

/** Methods that run their first argument as SQL. */
const SINK_METHODS = new Set(['query', 'execute', 'exec', 'raw', 'unsafe', 'prepare', '$queryRawUnsafe', '$executeRawUnsafe']);
/** Plain functions that do (a destructured `query` helper). */
const SINK_FUNCTIONS = new Set(['query', 'execute']);
/** `cp.exec(...)` runs a shell command (command-injection's business), `re.exec(...)` matches text. */
const NOT_SQL_RECEIVER = /child_?process|^cp$|shell|^re$|regex|pattern/i;

/** SQL statements and clauses; the caller already knows the text goes to a query call. */
const SQL_TEXT = /\b(select\b[\s\S]*\bfrom|insert\s+into|update\b[\s\S]*\bset|delete\s+from|replace\s+into|merge\s+into|(create|drop|alter|truncate)\s+(table|index|view|schema|database)|where|order\s+by|group\s+by)\b/i;

/** If `call` runs SQL, the expression holding the SQL text (first argument, or its `text`/`sql` property). */
export function sqlArgument(call: ts.CallExpression): ts.Expression | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    if (!SINK_FUNCTIONS.has(callee.text)) return undefined;
  } else if (ts.isPropertyAccessExpression(callee)) {
    if (!SINK_METHODS.has(callee.name.text)) return undefined;
    const receiver = unwrap(callee.expression);
    if (ts.isRegularExpressionLiteral(receiver)) return undefined;
    const receiverName = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
    if (NOT_SQL_RECEIVER.test(receiverName)) return undefined;
  } else {
    return undefined;
  }
  const first = call.arguments[0];
  if (!first) return undefined;
  const arg = unwrap(first);
  if (!ts.isObjectLiteralExpression(arg)) return arg;
  // node-postgres / mysql2 config objects: `db.query({ text: `...`, values })`.
  for (const p of arg.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && /^(text|sql|query)$/.test(p.name.text)) return p.initializer;
  }
  return undefined;
}

/** True when `text` (values replaced by placeholders) reads as SQL. */
export function looksLikeSql(text: string): boolean {
  return SQL_TEXT.test(text);
}
