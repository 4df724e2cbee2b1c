import detector from '../../../detectors/python/sql-injection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'def find(cursor, user_id):\n    cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")\n',
      line: 2,
      message: '`cursor.execute()` runs SQL built with an f-string from `user_id`',
      fix: '    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))',
    },
    {
      code: 'import sqlite3\n\ndef find(conn, user):\n    conn.execute(f"DELETE FROM t WHERE a = {user.id} AND b = {user.name}")\n',
      line: 4,
      fix: '    conn.execute("DELETE FROM t WHERE a = ? AND b = ?", (user.id, user.name))',
      note: 'sqlite3 uses the qmark style',
    },
    { code: 'def find(cursor, name):\n    cursor.execute("SELECT * FROM users WHERE name = \'%s\'" % name)\n', line: 2, message: '`%` formatting' },
    { code: 'def find(cursor, name):\n    cursor.execute("SELECT * FROM users WHERE name = \'{}\'".format(name))\n', line: 2, message: '`.format()`' },
    { code: 'def find(cursor, uid):\n    cursor.execute("SELECT * FROM users WHERE id = " + str(uid))\n', line: 2, message: 'string concatenation' },
    {
      code: 'def find(cursor, name):\n    query = f"SELECT * FROM users WHERE name = \'{name}\'"\n    cursor.execute(query)\n',
      line: 3,
      message: '`query`, SQL built on line 2 with an f-string from `name`',
    },
    {
      code: 'def find(cursor, name):\n    cursor.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n',
      line: 2,
      note: 'quoted interpolation: flagged, but no mechanical fix',
    },
    {
      code: 'from sqlalchemy import text\n\ndef find(session, email):\n    return session.execute(text(f"SELECT id FROM users WHERE email = \'{email}\'"))\n',
      line: 4,
      message: '`text()`',
    },
    { code: 'def find(User, name):\n    return User.objects.raw(f"SELECT * FROM app_user WHERE name = \'{name}\'")\n', line: 2 },
    {
      code: 'def search(cur, term):\n    sql = "SELECT * FROM items WHERE 1 = 1"\n    sql += f" AND title LIKE \'%{term}%\'"\n    cur.execute(sql)\n',
      line: 4,
      message: 'line 3',
    },
    { code: 'def rows(cursor, ids):\n    cursor.executemany(f"UPDATE t SET seen = 1 WHERE id = {ids[0]}", [])\n', line: 2 },
    {
      code: 'def f(session, uid):\n    session.execute(f"SELECT * FROM users WHERE id = {uid}")\n',
      line: 2,
      note: 'SQLAlchemy sessions take no %s tuple: no fix',
    },
    { code: 'async def f(db, request):\n    await db.execute(f"SELECT * FROM users WHERE id = {request.query[\'id\']}")\n', line: 2 },
  ],
  ignores: [
    'def find(cursor, user_id):\n    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))\n',
    'def find(cursor, user_id):\n    cursor.execute("SELECT * FROM users WHERE id = ?", [user_id])\n',
    'TABLE = "users"\n\ndef count(cursor):\n    cursor.execute(f"SELECT count(*) FROM {TABLE}")\n',
    'def count(cursor):\n    limit = 10\n    cursor.execute(f"SELECT * FROM users LIMIT {limit}")\n',
    'def find(logger, user_id):\n    logger.info(f"select user {user_id} from cache")\n',
    'def run(executor, path):\n    executor.execute(f"ls {path}")\n',
    'def find(cursor, ids):\n    placeholders = ", ".join("?" for _ in ids)\n    cursor.execute(f"SELECT * FROM t WHERE id IN ({placeholders})", ids)\n',
    'def find(cursor, ids):\n    marks = ",".join(["%s"] * len(ids))\n    cursor.execute(f"SELECT * FROM t WHERE id IN ({marks})", ids)\n',
    'def find(cursor, table_name, uid):\n    cursor.execute(f"SELECT * FROM {table_name} WHERE id = %s", (uid,))\n',
    'def page(cursor, n):\n    cursor.execute(f"SELECT * FROM t LIMIT {int(n)}")\n',
    'from config import QUERY\n\ndef run(cursor):\n    cursor.execute(QUERY)\n',
    'def run(cursor, query):\n    cursor.execute(query)\n',
    'def run(cursor, where):\n    cursor.execute("SELECT * FROM t " + where)\n',
    'def f(cursor, x):\n    msg = f"SELECT is not allowed: {x}"\n    print(msg)\n    cursor.execute("SELECT 1")\n',
    'def text(value):\n    return value\n\ndef f(x):\n    return text(f"SELECT * FROM t WHERE a = {x}")\n',
    'from sqlalchemy import text\n\ndef f(session, uid):\n    return session.execute(text("SELECT * FROM users WHERE id = :id"), {"id": uid})\n',
    { code: 'def f(cur, name):\n    q = "SELECT name FROM sqlite_master"\n    cur.execute(q)\n    q = f"SELECT * FROM t WHERE a = \'{name}\'"\n    return q\n', note: 'the value reaching the call is the constant one' },
    { code: 'def f(cur, name):\n    cur.execute("SELECT * FROM t WHERE a = \'%s\'" % name.replace("\'", "\'\'"))\n', note: 'escaped by hand: not ours to judge' },
    { code: 'def list_tags(self, cursor, pattern):\n    sql = "SELECT t.tag FROM tags_tag AS t"\n    sql += " WHERE t.tag " + self._regexp_operator(cursor) + " %s"\n    cursor.execute(sql, [pattern])\n', note: 'a helper returning an SQL operator (graphite-web)' },
    { code: 'from datetime import datetime\n\ndef upgrade(c):\n    now = datetime.utcnow()\n    c.execute("UPDATE users SET created=\'%s\'" % (now,))\n', note: 'a timestamp cannot hold a quote (jupyterhub migration)' },
    { code: 'def test_expiry(store, workflow):\n    store.execute("SELECT expiration_date FROM pended WHERE token = \'{}\'".format(workflow.token))\n', path: 'tests/test_subscriptions.py', note: 'test code (mailman)' },
  ],
});
