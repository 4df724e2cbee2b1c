import detector from '../../../detectors/python/race-condition.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: '_sessions = {}\n\nasync def get_session(user_id):\n    if user_id not in _sessions:\n        session = await create_session(user_id)\n        _sessions[user_id] = session\n    return _sessions[user_id]\n',
      line: 6,
      message: '`user_id not in _sessions` is checked on line 4, then `_sessions[user_id]` is written after an `await`',
    },
    {
      code: 'class Db:\n    async def client(self):\n        if self._client is None:\n            self._client = await connect()\n        return self._client\n',
      line: 4,
      message: '`self._client` is checked on line 3',
    },
    {
      code: '_engine = None\n\nasync def get_engine():\n    global _engine\n    if _engine is None:\n        _engine = await create_engine_async(DSN)\n    return _engine\n',
      line: 6,
    },
    {
      code: 'class Pools:\n    def __init__(self):\n        self._pools = {}\n\n    async def get(self, dsn):\n        pool = self._pools.get(dsn)\n        if pool is not None:\n            return pool\n        await self._warm(dsn)\n        self._pools[dsn] = await asyncpg.create_pool(dsn)\n        return self._pools[dsn]\n',
      line: 10,
    },
    {
      code: 'class Dedup:\n    def __init__(self):\n        self.seen = set()\n\n    async def handle(self, event):\n        if event.id in self.seen:\n            return\n        await self.process(event)\n        self.seen.add(event.id)\n',
      line: 9,
    },
    {
      code: 'class Wallet:\n    async def credit(self, user, amount):\n        balance = self.balances.get(user, 0)\n        await self.audit(user, amount)\n        self.balances[user] = balance + amount\n',
      line: 5,
    },
    {
      code: 'connections = {}\n\nasync def websocket_endpoint(ws, room):\n    if room not in connections:\n        async for state in load_room(room):\n            pass\n        connections[room] = RoomState(state)\n',
      line: 7,
      note: 'async for suspends too',
    },
    {
      code: 'class Counter:\n    async def hit(self):\n        self.total += await self.delta()\n',
      line: 3,
    },
    {
      code: 'from fastapi import FastAPI\n\napp = FastAPI()\nrate = {}\n\n@app.post("/login")\nasync def login(ip: str):\n    count = rate.get(ip, 0)\n    await verify(ip)\n    rate[ip] = count + 1\n',
      line: 10,
    },
    {
      code: 'import aiohttp\n\nclass Api:\n    async def _request(self, method, url):\n        if self._session is None:\n            self._session = aiohttp.ClientSession(headers=await self._get_headers())\n        async with self._session.request(method, url) as resp:\n            return await resp.json()\n',
      line: 6,
      message: '`self._session` is checked on line 5',
      note: 'seen in a public API client: the await sits inside the value',
    },
    // Ids derived from other ids where a fresh one is needed.
    {
      code: 'from django.http import JsonResponse\nfrom .models import Order\n\ndef create_order(request):\n    number = Order.objects.count() + 1\n    order = Order.objects.create(number=number, customer=request.user)\n    return JsonResponse({"number": order.number})\n',
      line: 5,
      message: '`Order.objects.count() + 1` derives a new `number` from a count or maximum read from the database',
    },
    { code: 'from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.post("/tickets")\ndef add_ticket():\n    last = db.session.query(func.max(Ticket.id)).scalar() or 0\n    ticket = Ticket(id=last + 1, title=request.json["title"])\n    db.session.add(ticket)\n    db.session.commit()\n    return {"id": ticket.id}\n', line: 8, message: 'derives a new `id`' },
    { code: 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n@router.post("/invoices")\nasync def issue(payload: InvoiceIn, conn=Depends(get_conn)):\n    row = await conn.fetchrow("SELECT MAX(invoice_no) AS n FROM invoices")\n    invoice_no = row["n"] + 1\n    await conn.execute("INSERT INTO invoices (invoice_no) VALUES ($1)", invoice_no)\n', line: 8, message: 'derives a new `invoice_no`' },
    { code: 'async def add_item(session, list_id, text):\n    total = await session.scalar(select(func.count()).select_from(Item))\n    session.add(Item(item_number=total + 1, list_id=list_id, text=text))\n    await session.commit()\n', line: 3 },
    { code: 'from rest_framework.decorators import api_view\n\n@api_view(["POST"])\ndef create_case(request):\n    latest = Case.objects.latest("number")\n    case = Case(number=latest.number + 1, title=request.data["title"])\n    case.save()\n', line: 6 },
    { code: 'from django.db.models import Max\n\ndef new_batch(request):\n    top = Batch.objects.aggregate(Max("seq"))["seq__max"] or 0\n    Batch.objects.create(seq=top + 1)\n', line: 5, note: 'a function taking `request`' },
    { code: 'import flask\n\nbp = flask.Blueprint("orders", __name__)\n\n@bp.route("/orders", methods=["POST"])\ndef create():\n    last = Order.query.order_by(Order.id.desc()).first()\n    order = Order()\n    order.id = last.id + 1\n    db.session.add(order)\n', line: 9 },
    { code: 'from aiohttp import web\n\nasync def create_user(request):\n    cur = await request.app["db"].execute("SELECT COUNT(*) FROM users")\n    (n,) = await cur.fetchone()\n    user = {"user_id": str(n + 1), "name": (await request.json())["name"]}\n    await save(user)\n    return web.json_response(user)\n', line: 6 },
  ],
  ignores: [
    '_sessions = {}\n_lock = asyncio.Lock()\n\nasync def get_session(user_id):\n    async with _lock:\n        if user_id not in _sessions:\n            _sessions[user_id] = await create_session(user_id)\n    return _sessions[user_id]\n',
    { code: 'async def handle(ids):\n    seen = set()\n    for i in ids:\n        if i not in seen:\n            await work(i)\n            seen.add(i)\n', note: 'a local set' },
    { code: '_cache = {}\n\ndef get(key):\n    if key not in _cache:\n        _cache[key] = load(key)\n    return _cache[key]\n', note: 'synchronous' },
    { code: '_pending = {}\n\nasync def get(key):\n    if key not in _pending:\n        _pending[key] = asyncio.ensure_future(load(key))\n    return await _pending[key]\n', note: 'the task is stored before the await' },
    { code: 'class Job:\n    async def run(self):\n        if self.running:\n            return\n        self.running = True\n        await self.work()\n        self.running = False\n', note: 'claimed synchronously' },
    { code: '_cache = {}\n\nasync def get(key):\n    if key in _cache:\n        return _cache[key]\n    value = await load(key)\n    if key not in _cache:\n        _cache[key] = value\n    return _cache[key]\n', note: 're-checked after the await' },
    { code: 'class Cache:\n    async def get(self, key):\n        value = self._data.get(key)\n        if value is not None:\n            return value\n        value = await self._load(key)\n        self._data[key] = value\n        return value\n', note: 'an idempotent value loaded twice is wasted work, not a race worth a review' },
    { code: 'class Listener:\n    async def ensure_listening(self, conn):\n        if not self.listening:\n            await conn.execute("LISTEN jobs")\n            self.listening = True\n', note: 'a done flag after idempotent work' },
    { code: 'class Client:\n    async def close(self):\n        if self._session is not None:\n            await self._session.close()\n            self._session = None\n', note: 'teardown' },
    { code: 'class Poller:\n    async def poll(self):\n        if self.closed:\n            raise RuntimeError("closed")\n        data = await self.fetch()\n        self.last = data\n        self.closed = data.done\n', note: 'an attribute guard; the write is not in the checked branch' },
    { code: 'class Repo:\n    async def save(self, user):\n        async with self.session.begin():\n            if user.id not in self.known:\n                await self.session.merge(user)\n                self.known.add(user.id)\n', note: 'inside a transaction' },
    { code: 'class Counter:\n    async def hit(self, key):\n        await self.log(key)\n        self.counts[key] = self.counts.get(key, 0) + 1\n', note: 'read and written in one step' },
    { code: '_sessions = {}\n\nasync def get_session(user_id):\n    if user_id not in _sessions:\n        _sessions[user_id] = await create_session(user_id)\n', path: 'tests/test_sessions.py' },
      { code: 'class Template:\n    async def _get_default_module_async(self):\n        if self._module is None:\n            self._module = await self.make_module_async()\n        return self._module\n', note: 'jinja2: a template module built twice is waste, not a second resource' },
    { code: 'class Clients:\n    async def get(self, key):\n        pending = self._pending.get(key)\n        if pending:\n            return await pending\n        client = Client(key)\n        self._pending[key] = client.ready()\n        return client\n', note: 'the await sits in a branch that returns; the path to the write has none' },
    // Fresh ids: near misses.
    { code: 'import uuid\n\ndef create_order(request):\n    order = Order.objects.create(id=uuid.uuid4(), customer=request.user)\n    return order\n', note: 'a random id' },
    { code: 'def create_order(request):\n    with transaction.atomic():\n        number = Order.objects.select_for_update().count() + 1\n        Order.objects.create(number=number)\n', note: 'rows locked in a transaction' },
    { code: 'def create_order(request):\n    number = Order.objects.count() + 1\n    try:\n        Order.objects.create(number=number)\n    except IntegrityError:\n        return retry(request)\n', note: 'the duplicate is caught' },
    { code: 'def page_links(request):\n    total = Order.objects.count()\n    return {"next_page": request.GET.get("page", 1) + 1, "total": total}\n', note: 'not an id' },
    { code: 'def add_item(request, items):\n    item = Item(position=Item.objects.count() + 1)\n    item.save()\n', note: 'a position: duplicates only tie the order' },
    { code: 'def renumber(items):\n    for i, item in enumerate(items):\n        item.number = i + 1\n', note: 'numbers data in hand' },
    { code: 'def bump(doc):\n    doc.version = doc.version + 1\n    doc.save()\n', note: 'a version, not a new id' },
    { code: 'def migrate(session):\n    top = session.query(func.max(Ticket.id)).scalar()\n    session.add(Ticket(id=top + 1, title="first"))\n', note: 'a plain function of a script or library: may run once' },
    { code: 'def create_order(request):\n    number = Order.objects.count() + 1\n    Order.objects.create(number=number)\n', path: 'tests/test_orders.py' },
  ],
});
