import detector from '../../../detectors/python/await-in-loop.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'async def names(conn, ids):\n    out = []\n    for user_id in ids:\n        row = await conn.fetchrow("SELECT name FROM users WHERE id = $1", user_id)\n        out.append(row["name"])\n    return out\n',
      line: 4,
      message: '`await conn.fetchrow()` runs once per item of `ids`',
    },
    { code: 'async def pages(session, urls):\n    for url in urls:\n        resp = await session.get(url)\n        print(resp.status)\n', line: 3, message: '`await session.get()`' },
    { code: 'async def save(db, rows):\n    for row in rows:\n        await db.execute("INSERT INTO t VALUES ($1)", row.id)\n', line: 3, message: 'N+1' },
    { code: 'class Sync:\n    async def run(self, ids):\n        for i in ids:\n            await self.client.post("/items", json={"id": i})\n', line: 4, message: '`await self.client.post()`' },
    { code: 'async def load(users):\n    for user in users:\n        user.orders = await fetch_orders(user.id)\n', line: 3, message: '`await fetch_orders()`' },
    { code: 'async def load(session, users):\n    for user in users:\n        url = f"/users/{user.id}"\n        data = await session.get(url)\n        user.data = data\n', line: 4, note: 'a per-item value built before the call' },
    { code: 'async def load(coll, ids):\n    for i, key in enumerate(ids):\n        doc = await coll.find_one({"_id": key})\n', line: 3 },
    { code: 'async def names(session, ids):\n    result = {}\n    for i in ids:\n        result[i] = await session.scalar(select(User.name).where(User.id == i))\n    return result\n', line: 4 },
    { code: 'async def warm(redis, keys):\n    for k in keys:\n        try:\n            await redis.get(k)\n        except Exception:\n            continue\n', line: 4 },
    { code: 'async def statuses(session, urls):\n    out = []\n    for url in urls:\n        async with session.get(url) as resp:\n            out.append(resp.status)\n    return out\n', line: 4, message: '`session.get()` runs once per item of `urls`' },
  ],
  ignores: [
    { code: 'async def statuses(session, urls):\n    async with session.get(urls[0]) as resp:\n        return resp.status\n', note: 'async with outside a loop' },
    { code: 'async def hold(lock, items):\n    for item in items:\n        async with lock:\n            item.n += 1\n', note: 'async with on a lock' },
    { code: 'async def all_pages(client, url, count):\n    cursor = None\n    for n in range(count):\n        page = await client.get(url, params={"cursor": cursor, "page": n})\n        cursor = page.json()["next"]\n', note: 'pagination cursor' },
    { code: 'async def first_ok(session, urls):\n    for url in urls:\n        resp = await session.get(url)\n        if resp.status == 200:\n            return resp\n', note: 'search: returns' },
    'async def find(session, urls):\n    for url in urls:\n        resp = await session.get(url)\n        if resp.ok:\n            break\n',
    { code: 'import asyncio\n\nasync def send(client, items):\n    for item in items:\n        await client.post("/x", json=item)\n        await asyncio.sleep(0.1)\n', note: 'rate limited on purpose' },
    'async def drain(conn):\n    async for row in conn.cursor("SELECT 1"):\n        await conn.execute("UPDATE t SET x = 1 WHERE id = $1", row.id)\n',
    'async def consume(queue):\n    while True:\n        item = await queue.get()\n        await handle(item)\n',
    'async def poll(client, url):\n    while True:\n        resp = await client.get(url)\n        if resp.done:\n            break\n',
    { code: 'async def migrate(conn):\n    for table in ("users", "orders"):\n        await conn.execute(f"ANALYZE {table}")\n', note: 'a fixed list of steps' },
    { code: 'async def retry(client, url):\n    for attempt in range(3):\n        try:\n            return await client.get(url)\n        except OSError:\n            pass\n', note: 'retry loop' },
    'import asyncio\n\nasync def names(conn, ids):\n    return await asyncio.gather(*(conn.fetchrow("SELECT 1 WHERE $1", i) for i in ids))\n',
    { code: 'async def rows(conn):\n    for row in await conn.fetch("SELECT * FROM t"):\n        print(row)\n', note: 'awaited once, in the iterable' },
    { code: 'async def tick(session, items):\n    for item in items:\n        await session.commit()\n', note: 'commit is not a per-item query; call does not use the item' },
    'def sync(conn, ids):\n    for i in ids:\n        conn.execute("SELECT 1 WHERE id = ?", (i,))\n',
    { code: 'async def walk(node):\n    for child in node.children:\n        await child.visit()\n', note: 'not a query or request' },
    { code: 'async def chain(client, start, items):\n    token = start\n    for item in items:\n        token = (await client.post("/next", json={"t": token, "i": item})).json()["t"]\n', note: 'token carried from the previous response' },
  ],
});
