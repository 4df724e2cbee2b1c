import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { enclosingFunction, resolveBinding } from './shared/bindings.js';
import { type StringPart, constantText, stringParts, unwrap } from './shared/constant-text.js';
import { noteReference } from './shared/local-calls.js';
import { shortText } from './shared/source-text.js';
import { looksLikeSql, sqlArgument } from './shared/sql-text.js';
import { classifyValue } from './shared/value-class.js';

/** `$1`, `?`, `:name`, `@name`, `%s`: a bound parameter in SQL text. */
const PLACEHOLDER = /\$\d+|\?|(?<![:\w]):[A-Za-z_]\w*|@[A-Za-z_]\w*|%s/;

interface QueryCall {
  call: ts.CallExpression;
  text: ts.Expression;
}

/** The pieces of an expression: its template/concatenation parts, its constant text, or itself as one value. */
function piecesOf(expr: ts.Expression): StringPart[] {
  const parts = stringParts(expr);
  if (parts) return parts;
  const text = constantText(expr);
  return text === undefined ? [{ kind: 'value', expr }] : [{ kind: 'text', text }];
}

/** Text after which a value names a table (`FROM ${table}`, `INSERT INTO "${table}"`). */
const TABLE_POSITION = /\b(from|join|into|update|table|exists)\s*["`[]?$/i;

/**
 * A plain parameter in table position (`FROM "${tableName}"`) of a helper: table names come from code,
 * and the callers are not visible here, so it is ambiguous and left alone. `FROM ${req.query.t}` is not.
 */
function tableNameParameter(expr: ts.Expression, before: StringPart | undefined): boolean {
  const e = unwrap(expr);
  if (!before || before.kind !== 'text' || !TABLE_POSITION.test(before.text) || !ts.isIdentifier(e)) return false;
  const binding = resolveBinding(e);
  return binding?.kind === 'param' && !binding.destructured;
}

/** Query text built by interpolation or concatenation of non-constant values, passed to a query call. */
export default defineTsDetector({
  meta: {
    id: 'sql-injection',
    severity: 'critical',
    category: 'security',
    description: 'SQL text built by interpolating or concatenating non-constant values is passed to a query call.',
    recommendation:
      'Pass values as bound parameters (`db.query(\'SELECT * FROM users WHERE id = $1\', [id])`, `?` placeholders, or a tagged `sql`/`Prisma.sql` template); allow-list identifiers such as column names.',
    docs: {
      why: 'A value spliced into SQL text can change the statement itself: a crafted id such as `1 OR 1=1` or `\'; DROP TABLE users; --` reads or destroys other rows. Bound parameters keep values out of the SQL grammar. The rule follows a value back to a parameter, `let` or loop variable of the same function; constants, numbers, escaped values, placeholders and tagged templates are left alone.',
      flagged: [
        'async function find(userId: string) {\n  return db.query(`SELECT * FROM users WHERE id = ${userId}`);\n}\n',
        'function remove(name) {\n  const sql = "DELETE FROM users WHERE name = \'" + name + "\'";\n  return connection.execute(sql);\n}\n',
      ],
      ignored: [
        'async function find(userId: string) {\n  return db.query(\'SELECT * FROM users WHERE id = $1\', [userId]);\n}\n',
        'async function find(userId: string) {\n  return prisma.$queryRaw`SELECT * FROM users WHERE id = ${userId}`;\n}\n',
        'const TABLE = \'users\';\nasync function all() {\n  return db.query(`SELECT * FROM ${TABLE}`);\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const calls: QueryCall[] = [];
    /** Later `sql += ...` / `sql = ...` assignments of a variable, by its declaration. */
    const assigned = new Map<ts.Node, ts.Expression[]>();

    function noteAssignment(node: ts.BinaryExpression): void {
      const op = node.operatorToken.kind;
      if ((op !== ts.SyntaxKind.PlusEqualsToken && op !== ts.SyntaxKind.EqualsToken) || !ts.isIdentifier(node.left)) return;
      const binding = resolveBinding(node.left);
      if (!binding || binding.kind === 'const' || binding.kind === 'param') return;
      const list = assigned.get(binding.declaration) ?? [];
      list.push(node.right);
      assigned.set(binding.declaration, list);
    }

    /** The pieces of the text passed, following a local variable built in the same function. */
    function queryPieces(call: ts.CallExpression, text: ts.Expression): { parts: StringPart[]; via?: string } | undefined {
      const e = unwrap(text);
      if (!ts.isIdentifier(e)) return { parts: stringParts(e) ?? [] };
      const binding = resolveBinding(e);
      if (!binding || binding.destructured) return undefined;
      if (!['const', 'let', 'var'].includes(binding.kind)) return undefined;
      if (enclosingFunction(binding.declaration) !== enclosingFunction(call)) return undefined;
      const parts = binding.initializer ? piecesOf(binding.initializer) : [];
      for (const rhs of assigned.get(binding.declaration) ?? []) parts.push(...piecesOf(rhs));
      // `sql = sql + '...'` refers to the text built so far, not to a new value.
      const isSelf = (p: StringPart): boolean => p.kind === 'value' && unwrap(p.expr).getText() === e.text;
      return { parts: parts.filter((p) => !isSelf(p)), via: e.text };
    }

    /** Constant SQL with placeholders and the values passed apart: the safe shape, said so in the summary. */
    function praiseBoundParameters(call: ts.CallExpression, parts: StringPart[]): void {
      const sqlText = parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      if (call.arguments.length < 2 || !looksLikeSql(sqlText) || !PLACEHOLDER.test(sqlText)) return;
      ctx.praise({ line: ctx.file.lineOf(call.getStart()), pattern: 'parameterized-query' });
    }

    function check({ call, text }: QueryCall, reported: Set<ts.Node>): void {
      const built = queryPieces(call, text);
      if (!built) return;
      if (!built.parts.some((p) => p.kind === 'value')) {
        praiseBoundParameters(call, built.parts.length > 0 ? built.parts : [{ kind: 'text', text: constantText(text) ?? '' }]);
        return;
      }
      const sqlText = built.parts.map((p) => (p.kind === 'text' ? p.text : ' ? ')).join('');
      if (!looksLikeSql(sqlText)) return;
      const dynamic = built.parts.filter(
        (p, i): p is Extract<StringPart, { kind: 'value' }> =>
          p.kind === 'value' && classifyValue(ctx.file, p.expr) === 'dynamic' && !tableNameParameter(p.expr, built.parts[i - 1]),
      );
      if (dynamic.length === 0) return;
      const first = dynamic[0].expr;
      if (reported.has(first)) return;
      reported.add(first);
      const how = ts.isTemplateSpan(first.parent) ? 'interpolated' : 'concatenated';
      const sink = shortText(call.expression);
      const more = dynamic.length > 1 ? ` (with ${dynamic.length - 1} more value${dynamic.length > 2 ? 's' : ''})` : '';
      const line = ctx.file.lineOf(first.getStart());
      const callLine = ctx.file.lineOf(call.getStart());
      const target = built.via
        ? `\`${built.via}\`, the SQL passed to \`${sink}\`${callLine !== line ? ` on line ${callLine}` : ''}`
        : `the SQL passed to \`${sink}\``;
      ctx.report({ line, message: `\`${shortText(first)}\`${more} is ${how} into ${target}; a crafted value can rewrite the query.` });
    }

    return {
      enter: {
        [ts.SyntaxKind.CallExpression](node) {
          const call = node as ts.CallExpression;
          const text = sqlArgument(call);
          if (text) calls.push({ call, text });
        },
        [ts.SyntaxKind.BinaryExpression](node) {
          noteAssignment(node as ts.BinaryExpression);
        },
        [ts.SyntaxKind.Identifier](node) {
          noteReference(ctx.file, node as ts.Identifier);
        },
      },
      end() {
        const reported = new Set<ts.Node>();
        for (const c of calls) check(c, reported);
      },
    };
  },
});
