import detector from '../../../detectors/python/connection-per-call.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'import redis\nfrom flask import Flask\n\ndef get_session(session_id):\n    client = redis.Redis(host="cache", port=6379)\n    return client.get(f"session:{session_id}")\n',
      line: 5,
      message: '`client = redis.Redis(...)` is built on every call of `get_session` and never closed',
    },
    {
      code: 'import httpx\n\nasync def fetch_profile(user_id):\n    client = httpx.AsyncClient(timeout=10)\n    resp = await client.get(f"https://api.example.com/users/{user_id}")\n    return resp.json()\n',
      line: 4,
      message: 'HTTP connection',
    },
    {
      code: 'from fastapi import FastAPI\nimport asyncpg\n\napp = FastAPI()\n\n@app.get("/users/{uid}")\nasync def read_user(uid: int):\n    conn = await asyncpg.connect(DSN)\n    return await conn.fetchrow("select * from users where id = $1", uid)\n',
      line: 8,
      message: 'every request to `@app.get`',
    },
    { code: 'import psycopg2\n\ndef user_count(request):\n    conn = psycopg2.connect(DSN)\n    cur = conn.cursor()\n    cur.execute("select count(*) from users")\n    return JsonResponse({"count": cur.fetchone()[0]})\n', line: 4, message: 'every request handled by `user_count`' },
    { code: 'from redis import asyncio as aioredis\n\nclass Cache:\n    async def get(self, key):\n        r = aioredis.from_url(self.url)\n        return await r.get(key)\n', line: 5, message: 'every call of `get`' },
    { code: 'from sqlalchemy import create_engine, text\n\nasync def report(dsn):\n    engine = create_engine(dsn)\n    with engine.connect() as conn:\n        return conn.execute(text("select 1")).all()\n', line: 4 },
    { code: 'import aiohttp\n\nasync def notify(url, payload):\n    session = aiohttp.ClientSession()\n    await session.post(url, json=payload)\n', line: 4 },
    { code: 'import redis\nfrom celery import shared_task\n\n@shared_task\ndef bump(key):\n    return redis.Redis().incr(key)\n', line: 6, message: 'used once and never closed' },
    { code: 'from pymongo import MongoClient\nfrom flask import Flask\n\napp = Flask(__name__)\n\n@app.route("/items")\ndef items():\n    client = MongoClient(MONGO_URL)\n    return {"items": list(client.shop.items.find())}\n', line: 8, message: '`@app.route`' },
  ],
  ignores: [
    'import redis\n\nclient = redis.Redis(host="cache", port=6379)\n\ndef get_session(session_id):\n    return client.get(f"session:{session_id}")\n',
    'import httpx\n\nasync def fetch_profile(user_id):\n    async with httpx.AsyncClient(timeout=10) as client:\n        resp = await client.get(f"https://api.example.com/users/{user_id}")\n        return resp.json()\n',
    'import psycopg2\n\ndef count_users(dsn):\n    conn = psycopg2.connect(dsn)\n    try:\n        with conn.cursor() as cur:\n            cur.execute("select count(*) from users")\n            return cur.fetchone()[0]\n    finally:\n        conn.close()\n',
    { code: 'import httpx\n\nasync def load(url):\n    client = httpx.AsyncClient()\n    try:\n        return (await client.get(url)).json()\n    finally:\n        await client.aclose()\n' },
    { code: 'import redis\n\ndef make_client(url):\n    return redis.Redis.from_url(url)\n', note: 'a factory: the caller owns the client' },
    { code: 'import redis\n\ndef make_client(url):\n    client = redis.from_url(url)\n    client.ping()\n    return client\n' },
    { code: 'import redis\n\nclass Store:\n    def __init__(self, url):\n        self.client = redis.from_url(url)\n\n    def connect(self):\n        self.client = redis.from_url(self.url)\n', note: 'stored on the instance' },
    { code: 'import functools\nimport httpx\n\n@functools.lru_cache\ndef get_client():\n    client = httpx.Client()\n    client.headers["x"] = "1"\n    return client\n' },
    { code: 'from sqlalchemy.orm import sessionmaker\nfrom sqlalchemy import create_engine\n\ndef get_db():\n    db = SessionLocal()\n    try:\n        yield db\n    finally:\n        db.close()\n', note: 'a session, not a client' },
    { code: 'import asyncpg\n\nasync def main():\n    conn = await asyncpg.connect(DSN)\n    await conn.execute("select 1")\n' , note: 'an entry point runs once' },
    { code: 'import redis\n\ndef listen(url):\n    r = redis.from_url(url)\n    p = r.pubsub()\n    p.subscribe("events")\n', note: 'a subscriber meant to live on' },
    { code: 'import requests\n\ndef crawl(urls):\n    with requests.Session() as s:\n        return [s.get(u, timeout=5).text for u in urls]\n' },
    { code: 'import asyncpg\n\nasync def with_conn(fn):\n    conn = await asyncpg.connect(DSN)\n    return await fn(conn)\n', note: 'handed to another function' },
    { code: 'from myapp.db import connect\n\ndef q():\n    conn = connect()\n    return conn.execute("x")\n', note: 'a local connect()' },
    { code: 'import httpx\n\n_client = None\n\nasync def get_client():\n    global _client\n    if _client is None:\n        _client = httpx.AsyncClient(timeout=10)\n', note: 'a module-level singleton set through global' },
    { code: 'import redis\n\ndef stop(daemon):\n    r = redis.Redis(redis_host, redis_port, db=0)\n    pid = r.get(daemon)\n    kill(pid)\n', note: 'a plain function of a script or library may run once: not a clear yes' },
    { code: 'import redis\n\ndef get(key):\n    r = redis.Redis()\n    return r.get(key)\n', path: 'tests/test_cache.py' },
  ],
});
