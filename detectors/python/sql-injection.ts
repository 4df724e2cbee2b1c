import type { PyNode as Node } from '../define.js';
import type { Fix } from '../../src/types.js';
import { definePyDetector } from '../define.js';
import { interpolations } from './shared/constant.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';
import { replaceBytes } from './shared/source-text.js';
import { type SqlBuild, literalText, looksLikeSql, sqlBuild } from './shared/sql-build.js';
import { isTestPath } from './shared/secret-patterns.js';

/** Methods that run their first argument as SQL (DB-API, SQLAlchemy, Django `.raw`, pandas). */
const QUERY_METHODS = new Set(['execute', 'executemany', 'executescript', 'raw', 'read_sql', 'read_sql_query']);
const QUERY_KEYWORDS = new Set(['sql', 'query', 'statement', 'operation', 'stmt']);
/** Receivers whose `execute` is SQLAlchemy's: a `%s` parameter tuple would not work there. */
const ORM_RECEIVER = /session|engine/i;

/** `sqlalchemy.text(...)`, or `text(...)` imported from SQLAlchemy. */
function isSqlAlchemyText(fn: Node, model: ScopeModel): boolean {
  const head = fn.type === 'attribute' ? fn.childForFieldName('object') : fn;
  const name = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
  if (name !== 'text' || head?.type !== 'identifier') return false;
  const found = model.lookup(head.text, model.scopeOf(fn));
  if (found === null || found === 'builtin') return false;
  return model.imports.some((b) => b.scope === found && b.name === head.text && `${b.module}.${b.imported}`.startsWith('sqlalchemy'));
}

/** The display name of a query call (`cursor.execute()`), or null for any other call. */
function queryCall(call: Node, model: ScopeModel): string | null {
  const fn = call.childForFieldName('function');
  if (!fn) return null;
  if (isSqlAlchemyText(fn, model)) return `${fn.text}()`;
  if (fn.type !== 'attribute' || !QUERY_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) return null;
  const text = fn.text.replace(/\s+/g, '');
  return `${text.length > 40 ? `….${fn.childForFieldName('attribute')?.text}` : text}()`;
}

function queryArgument(call: Node): Node | null {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
  const keyword = args.find((a) => a.type === 'keyword_argument' && QUERY_KEYWORDS.has(a.childForFieldName('name')?.text ?? ''));
  if (keyword) return keyword.childForFieldName('value');
  const first = args[0];
  return first && first.type !== 'keyword_argument' && !first.type.endsWith('splat') ? first : null;
}

/**
 * A variable of the same function holding SQL built from run-time values when the call runs: the
 * last plain assignment before the call and the `+=` after it (`sql = "..."; sql += f"... {x}"`).
 */
function throughVariable(arg: Node, call: Node, model: ScopeModel): { build: SqlBuild; binding: Node } | null {
  const scope = model.scopeOf(arg);
  if (model.lookup(arg.text, scope) !== scope) return null;
  const before = (scope.bindings.get(arg.text) ?? []).filter((b) => b.node.startIndex < call.startIndex).sort((a, b) => a.node.startIndex - b.node.startIndex);
  const lastSet = before.reduce((i, b, j) => (b.kind === 'augassign' ? i : j), -1);
  const reaching = before.slice(Math.max(lastSet, 0)).filter((b) => b.value && (b.kind === 'assign' || b.kind === 'augassign' || b.kind === 'walrus'));
  const isSql = reaching.some((b) => looksLikeSql(literalText(b.value as Node)) || sqlBuild(b.value as Node, model) !== null);
  if (!isSql) return null;
  for (const b of reaching) {
    const build = sqlBuild(b.value as Node, model, true);
    if (build) return { build, binding: b.node };
  }
  return null;
}

/** `cursor.execute(f"... = {x}")` → `cursor.execute("... = %s", (x,))`, only in the plain shape. */
function parameterize(call: Node, arg: Node, lines: readonly string[], model: ScopeModel): Fix | undefined {
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!fn || !args || fn.childForFieldName('attribute')?.text !== 'execute' || ORM_RECEIVER.test(fn.childForFieldName('object')?.text ?? '')) return undefined;
  if (arg.type !== 'string' || args.namedChildCount !== 1 || call.startPosition.row !== call.endPosition.row) return undefined;
  const values = interpolations(arg);
  const plain = arg.namedChildren.every((c) => !c || c.type !== 'interpolation' || c.namedChildCount === 1);
  if (!plain || values.some((v) => !/^[A-Za-z_][\w.]*$/.test(v.text))) return undefined;
  const placeholder = model.imports.some((b) => b.imported.split('.')[0] === 'sqlite3' || b.module === 'sqlite3') ? '?' : '%s';
  let sql = '';
  let quotes = 0;
  for (const part of arg.namedChildren) {
    if (part?.type === 'string_content' || part?.type === 'escape_sequence') {
      sql += part.text;
      quotes += (part.text.match(/'/g) ?? []).length;
    } else if (part?.type === 'interpolation') {
      // A value between quotes (`'{name}'`) is not a plain parameter: leave it to a human.
      if (quotes % 2 === 1) return undefined;
      sql += placeholder;
    }
  }
  const original = literalText(arg);
  if (/[%?{}]/.test(original)) return undefined;
  const start = arg.namedChild(0)?.text ?? '"';
  const end = arg.lastNamedChild?.text ?? '"';
  const prefix = start.replace(/[fF]/, '');
  const params = values.length === 1 ? `(${values[0].text},)` : `(${values.map((v) => v.text).join(', ')})`;
  const row = call.startPosition.row;
  const replacement = replaceBytes(lines[row] ?? '', args.startPosition.column, args.endPosition.column, `(${prefix}${sql}${end}, ${params})`);
  return { line: row + 1, endLine: row + 1, replacement };
}

const HOW: Record<SqlBuild['kind'], string> = {
  'f-string': 'an f-string',
  '%-format': '`%` formatting',
  '.format()': '`.format()`',
  concatenation: 'string concatenation',
};

const names = (values: Node[]): string => [...new Set(values.map((v) => `\`${v.text.length > 30 ? `${v.text.slice(0, 27)}...` : v.text}\``))].join(', ');

/** SQL text formatted from run-time values and run as a query. */
/** `%s`, `%(name)s`, `?`, `:name`: a bound parameter in SQL text. */
const PLACEHOLDER = /%s|%\(\w+\)s|\?|(?<![:\w]):[A-Za-z_]\w*/;

export default definePyDetector({
  meta: {
    id: 'sql-injection',
    severity: 'critical',
    category: 'security',
    description: 'Query text built by formatting run-time values into SQL and passed to a query call.',
    recommendation: 'Keep the SQL text constant and pass the values as query parameters.',
    docs: {
      why: 'Formatting a value into SQL text lets that value change the query: a quote in a name ends the string and the rest runs as SQL. Drivers escape parameters correctly; string formatting never does. Not reported: test files, values that cannot hold a quote (numbers, `len()`, dates and times from `datetime.now()`/`utcnow()`, UUIDs), and values named or returned by helpers that hold SQL fragments (`table`, `order_by`, `self._regexp_operator(conn)`), which are judged where they are built.',
      flagged: [
        'def find(cursor, user_id):\n    cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")\n',
        'def find(cursor, name):\n    query = "SELECT * FROM users WHERE name = \'%s\'" % name\n    cursor.execute(query)\n',
      ],
      ignored: [
        'def find(cursor, user_id):\n    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))\n',
        'TABLE = "users"\n\ndef count(cursor):\n    cursor.execute(f"SELECT count(*) FROM {TABLE}")\n',
        'def find(logger, user_id):\n    logger.info(f"select user {user_id}")\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Test code queries its own fixtures: no input reaches it from outside.
    if (isTestPath(ctx.file.path)) return {};
    return {
      enter: {
        call(call) {
          // Cheap name test first: the scope model is built only for files with query calls.
          const fn = call.childForFieldName('function');
          const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : fn?.text ?? '';
          if (!QUERY_METHODS.has(last) && last !== 'text') return;
          const model = scopesOf(ctx.file);
          const target = queryCall(call, model);
          const arg = target ? queryArgument(call) : null;
          if (!target || !arg) return;
          const direct = sqlBuild(arg, model);
          const via = direct || arg.type !== 'identifier' ? null : throughVariable(arg, call, model);
          const build = direct ?? via?.build;
          if (!build) {
            // Constant SQL with placeholders and the values passed apart: the safe shape.
            const args = call.childForFieldName('arguments')?.namedChildCount ?? 0;
            if (arg.type === 'string' && args >= 2 && PLACEHOLDER.test(arg.text)) ctx.praise({ line: call.startPosition.row + 1, pattern: 'parameterized-query' });
            return;
          }
          const how = HOW[build.kind];
          const what = via ? `\`${arg.text}\`, SQL built on line ${via.binding.startPosition.row + 1} with ${how}` : `SQL built with ${how}`;
          const fix = direct ? parameterize(call, arg, ctx.file.lines, model) : undefined;
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `\`${target}\` runs ${what} from ${names(build.values)}`,
            recommendation: `Keep the SQL constant with placeholders and pass ${names(build.values)} as query parameters (for example \`execute("... WHERE id = %s", (value,))\`).`,
            ...(fix ? { fix } : {}),
          });
        },
      },
    };
  },
});
