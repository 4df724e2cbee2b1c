import detector from '../../../detectors/python/missing-rollback.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'def save_user(data):\n    session = SessionLocal()\n    session.add(User(**data))\n    session.commit()\n', line: 4, message: '`session.commit()` commits a session from `SessionLocal()` (line 2)' },
    { code: 'import psycopg2\n\ndef record(value):\n    conn = psycopg2.connect(DSN)\n    conn.cursor().execute("INSERT INTO t VALUES (%s)", (value,))\n    conn.commit()\n', line: 6, message: '`psycopg2.connect()`' },
    { code: 'def save(engine, item):\n    s = Session(engine)\n    s.add(item)\n    s.flush()\n    s.add(Audit(item_id=item.id))\n    s.commit()\n', line: 6 },
    { code: 'async def save(item):\n    session = async_session_factory()\n    session.add(item)\n    await session.commit()\n', line: 4 },
    { code: 'import sqlite3\n\ndef bump(path):\n    db = sqlite3.connect(path)\n    db.execute("UPDATE c SET n = n + 1")\n    db.commit()\n', line: 6},
    { code: 'import pymysql\n\ndef put(k, v):\n    conn = pymysql.connect(host="db")\n    with conn.cursor() as cur:\n        cur.execute("INSERT INTO kv VALUES (%s, %s)", (k, v))\n    conn.commit()\n', line: 7 },
    { code: 'class Repo:\n    def save(self, row):\n        session = SessionLocal()\n        try:\n            session.add(row)\n            session.commit()\n        except Exception:\n            log.exception("save failed")\n            raise\n', line: 6, note: 'an except without rollback' },
    { code: 'def save_all(rows):\n    session = SessionLocal()\n    for row in rows:\n        session.add(row)\n        session.commit()\n', line: 5 },
  ],
  ignores: [
    'def save_user(data):\n    with SessionLocal() as session, session.begin():\n        session.add(User(**data))\n',
    'def save_user(data):\n    session = SessionLocal()\n    try:\n        session.add(User(**data))\n        session.commit()\n    except Exception:\n        session.rollback()\n        raise\n    finally:\n        session.close()\n',
    { code: 'def save_user(data, db):\n    db.add(User(**data))\n    db.commit()\n', note: 'a session handed in: its owner decides' },
    { code: 'def save_user(data):\n    db.session.add(User(**data))\n    db.session.commit()\n', note: 'Flask-SQLAlchemy: rolled back at teardown' },
    { code: 'def get_session():\n    session = SessionLocal()\n    session.commit()\n    return session\n', note: 'a factory: the caller owns it' },
    { code: 'def save_user(data):\n    session = SessionLocal()\n    try:\n        session.add(User(**data))\n        session.commit()\n    finally:\n        session.close()\n', note: 'close in finally rolls back' },
    { code: 'def save_user(data):\n    with SessionLocal() as session:\n        session.add(User(**data))\n        session.commit()\n' },
    { code: 'def flush(repo):\n    repo = make_repo()\n    repo.commit()\n', note: 'not a session factory' },
    { code: 'def test_save():\n    session = SessionLocal()\n    session.commit()\n', path: 'tests/test_save.py' },
  ],
});
