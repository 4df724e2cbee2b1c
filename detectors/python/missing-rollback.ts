import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, importedName } from './shared/call-target.js';
import { enclosingFunction } from './shared/call-frequency.js';
import { isPythonTestPath } from './shared/python-paths.js';
import { scopesOf } from './shared/scopes.js';
import { clientConstruction } from './shared/service-clients.js';

/** Session factories by their conventional names (`SessionLocal()`, `Session(engine)`, `session_factory()`). */
const SESSION_FACTORY = /^(Session|SessionLocal|AsyncSession|AsyncSessionLocal|\w*[Ss]ession_?[Ff]actory|\w*_session_maker|make_session|new_session|create_session)$/;

/** What a local name was built by: a session factory or a DB-API connection, with its line; else null. */
function ownedConnection(receiver: Node, def: Node, model: ReturnType<typeof scopesOf>): { what: string; line: number } | null {
  if (receiver.type !== 'identifier') return null;
  const scope = model.scopeOf(receiver);
  if (scope.node.id !== def.id) return null;
  const bindings = scope.bindings.get(receiver.text) ?? [];
  if (bindings.length !== 1 || bindings[0].kind !== 'assign' || !bindings[0].value) return null;
  let value: Node | null = bindings[0].value;
  while (value?.type === 'await') value = value.namedChild(0);
  if (value?.type !== 'call') return null;
  const fn = value.childForFieldName('function');
  const name = calleeName(fn);
  const line = value.startPosition.row + 1;
  if (fn?.type === 'identifier' && SESSION_FACTORY.test(name)) return { what: `a session from \`${name}()\``, line };
  if (importedName(fn, model) === 'sqlite3.connect') return { what: 'a connection from `sqlite3.connect()`', line };
  const client = clientConstruction(value, model);
  return client?.kind === 'database' ? { what: `a connection from \`${client.target}()\``, line } : null;
}

/** True when the function text rolls back, closes in `finally`, or hands the object on (returned, yielded, stored). */
function handled(def: Node, name: string): boolean {
  const text = def.text;
  if (/\brollback\b/.test(text)) return true;
  const escaped = new RegExp(`\\b(return|yield)\\s+${name}\\b|self\\.\\w+\\s*=\\s*${name}\\b`);
  if (escaped.test(text)) return true;
  return /\bfinally\s*:/.test(text) && new RegExp(`\\b${name}\\.close\\(`).test(text);
}

/** `commit()` on a session or connection the function opened outside `with`, with no rollback on error. */
export default definePyDetector({
  meta: {
    id: 'missing-rollback',
    severity: 'high',
    category: 'reliability',
    description: 'A database session or connection opened outside a context manager that commits, with no `rollback()` on error.',
    recommendation: 'Open it with `with Session(engine) as session, session.begin():` (or `with conn:`), or roll back in an `except` and close in `finally`.',
    docs: {
      why: 'When a write fails between `add()` and `commit()`, a SQLAlchemy session is left in a failed transaction ("This Session\'s transaction has been rolled back due to a previous exception"), and a DB-API connection keeps its transaction and locks open; without a rollback the next use fails too, and without a close the connection leaks. The rule is narrow: it flags `x.commit()` where `x` is a local of the same function bound once to a session factory call (`SessionLocal()`, `Session(engine)`, `*session_factory()`, ...) or to a database `connect()` (sqlite3, psycopg, asyncpg, PyMySQL, ...), not opened with `with`, in a function that never mentions `rollback`, does not close it in a `finally`, and does not return, yield or store it. Sessions from `with`, from dependencies (`db: Session = Depends(get_db)`), parameters and Flask-SQLAlchemy\'s `db.session` (rolled back at request teardown) are left alone.',
      flagged: [
        'def save_user(data):\n    session = SessionLocal()\n    session.add(User(**data))\n    session.commit()\n',
        'import psycopg2\n\ndef record(value):\n    conn = psycopg2.connect(DSN)\n    conn.cursor().execute("INSERT INTO t VALUES (%s)", (value,))\n    conn.commit()\n',
      ],
      ignored: [
        'def save_user(data):\n    with SessionLocal() as session, session.begin():\n        session.add(User(**data))\n',
        'def save_user(data):\n    session = SessionLocal()\n    try:\n        session.add(User(**data))\n        session.commit()\n    except Exception:\n        session.rollback()\n        raise\n    finally:\n        session.close()\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isPythonTestPath(ctx.file.path)) return {};
    return {
      enter: {
        call(call) {
          const fn = call.childForFieldName('function');
          if (fn?.type !== 'attribute' || calleeName(fn) !== 'commit') return;
          const receiver = fn.childForFieldName('object');
          const def = enclosingFunction(call);
          if (!receiver || def?.type !== 'function_definition') return;
          const owned = ownedConnection(receiver, def, scopesOf(ctx.file));
          if (!owned || handled(def, receiver.text)) return;
          ctx.report({
            line: call.startPosition.row + 1,
            message: `\`${receiver.text}.commit()\` commits ${owned.what} (line ${owned.line}) opened outside \`with\`, and nothing rolls it back on error: a failed write leaves it in a broken transaction.`,
          });
        },
      },
    };
  },
});
