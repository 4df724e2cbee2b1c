import { ts } from 'ts-morph';
import { type TsFile, defineTsDetector } from '../define.js';
import { enclosingFunction, noteLocalAssignment, resolveBinding } from './shared/bindings.js';
import { type StringPart, constantText, stringParts, unwrap } from './shared/constant-text.js';
import { referencesOf } from './shared/local-calls.js';
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


/** Methods whose promise or result holds rows the database returned. */
const QUERY_METHODS = /^(query|raw|execute|columnInfo|select|first|pluck|all|get|findAll|findMany|\$queryRaw\w*)$/;
/** Columns of `information_schema` views: an object read with them is a row of the database's own catalog. */
const CATALOG_FIELDS = /^(table_name|table_schema|column_name|constraint_name|referenced_table_name|referenced_column_name|update_rule|delete_rule|data_type|column_default|is_nullable|column_type|character_maximum_length)$/i;
const MAX_ROW_DEPTH = 6;

/** True when `expr` is (an await of) a call chain containing a query call (`knex.from(t).columnInfo(c)`, `pool.query(...)`). */
function isQueryResult(expr: ts.Expression): boolean {
  let e = unwrap(expr);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) {
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && QUERY_METHODS.test(e.expression.name.text)) return true;
    e = unwrap(ts.isCallExpression(e) ? e.expression : e.expression);
  }
  return false;
}

/**
 * True when `id` holds a row (or rows) the database returned: a `.then((rows) => ...)` parameter of a
 * query, `await db.query(...)` or a destructured part of it, an element of such rows, or an object
 * read with `information_schema` columns (`ref.UPDATE_RULE`, `ref.TABLE_NAME`).
 */
function isRowBinding(id: ts.Identifier, file: TsFile, depth = 0): boolean {
  if (depth > MAX_ROW_DEPTH) return false;
  const binding = resolveBinding(id);
  if (!binding) return false;
  const decl = binding.declaration;
  if (binding.kind === 'param' && ts.isParameter(decl)) {
    const fn = decl.parent;
    const call = fn.parent;
    if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression)) {
      const method = call.expression.name.text;
      if (method === 'then' && isQueryResult(call.expression.expression)) return true;
      if (/^(map|forEach|flatMap|filter|find|some|every)$/.test(method) && fn.parameters[0] === decl) {
        const receiver = unwrap(call.expression.expression);
        if (ts.isIdentifier(receiver) && isRowBinding(receiver, file, depth + 1)) return true;
      }
    }
  } else if (binding.initializer) {
    const init = unwrap(binding.initializer);
    if (isQueryResult(init)) return true;
    const root = rootIdentifier(init);
    if (root && root !== id && isRowBinding(root, file, depth + 1)) return true;
  }
  return readsCatalogFields(id, file);
}

/** `rows[0].col`, `result.rows` → `rows`, `result`. */
function rootIdentifier(expr: ts.Expression): ts.Identifier | undefined {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

/** True when the object bound to `id` is read with `information_schema` column names somewhere in its scope. */
function readsCatalogFields(id: ts.Identifier, file: TsFile): boolean {
  const declaration = resolveBinding(id)?.declaration;
  return referencesOf(file, id.text).some((ref) => {
    const parent = ref.parent;
    return ts.isPropertyAccessExpression(parent) && parent.expression === ref && CATALOG_FIELDS.test(parent.name.text) && resolveBinding(ref)?.declaration === declaration;
  });
}

/** Text before and after a part ends and starts with a quote: `'${value}'`. */
function quoted(parts: readonly StringPart[], i: number): boolean {
  const before = parts[i - 1];
  const after = parts[i + 1];
  return before?.kind === 'text' && after?.kind === 'text' && /['"]$/.test(before.text) && /^['"]/.test(after.text);
}

/**
 * True when `expr` is a field of a row the database returned, spliced in as a keyword (`ON UPDATE
 * ${ref.UPDATE_RULE}`), directly or through a local built only from such fields. Its origin is unknown:
 * the database's own catalog, not a client. A row field between quotes is reported: a quote in it
 * breaks the statement.
 */
function unquotedRowField(expr: ts.Expression, file: TsFile, depth = 0): boolean {
  if (depth > MAX_ROW_DEPTH) return false;
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const root = rootIdentifier(e);
    return root !== undefined && isRowBinding(root, file);
  }
  if (ts.isConditionalExpression(e)) return [e.whenTrue, e.whenFalse].every((b) => unquotedRowField(b, file, depth + 1) || classifyValue(file, b) !== 'dynamic');
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [e.left, e.right].every((b) => unquotedRowField(b, file, depth + 1));
  let parts = stringParts(e);
  if (!parts && ts.isIdentifier(e)) {
    const binding = resolveBinding(e);
    if (binding?.kind !== 'const' || !binding.initializer || binding.destructured) return false;
    const init = unwrap(binding.initializer);
    if (!stringParts(init)) return unquotedRowField(init, file, depth + 1);
    parts = stringParts(init);
  }
  if (!parts) return false;
  const list = parts;
  return list.every(
    (p, i) => p.kind === 'text' || classifyValue(file, p.expr) !== 'dynamic' || (!quoted(list, i) && unquotedRowField(p.expr, file, depth + 1)),
  );
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
      why: 'A value spliced into SQL text can change the statement itself: a crafted id such as `1 OR 1=1` or `\'; DROP TABLE users; --` reads or destroys other rows. Bound parameters keep values out of the SQL grammar. The rule follows a value back to a parameter, `let` or loop variable of the same function; constants, numbers, escaped values, placeholders and tagged templates are left alone, and so are fields of rows the database returned (a query\'s `.then((rows) => ...)`, `await db.query(...)`, `information_schema` rows) spliced in as keywords (`ON UPDATE ${ref.UPDATE_RULE}`): their origin is the database itself. Such a field between quotes (`default \'${col.defaultValue}\'`) is reported, since a quote in it breaks the statement.',
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

    /** Binary expressions in document order: their assignments are resolved in `end`, and only when there is a query call. */
    const binaries: ts.BinaryExpression[] = [];

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
          p.kind === 'value' &&
          classifyValue(ctx.file, p.expr) === 'dynamic' &&
          !tableNameParameter(p.expr, built.parts[i - 1]) &&
          !(!quoted(built.parts, i) && unquotedRowField(p.expr, ctx.file)),
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
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const text = sqlArgument(call);
          if (text) calls.push({ call, text });
        },
        BinaryExpression(node) {
          binaries.push(node as ts.BinaryExpression);
        },
      },
      end() {
        if (calls.length === 0) return;
        for (const node of binaries) noteLocalAssignment(assigned, node);
        const reported = new Set<ts.Node>();
        for (const c of calls) check(c, reported);
      },
    };
  },
});
