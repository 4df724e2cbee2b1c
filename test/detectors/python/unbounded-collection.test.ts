import detector from '../../../detectors/python/unbounded-collection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: '_sessions = {}\n\ndef handle(session_id):\n    _sessions[session_id] = 1\n\ndef main():\n    while True:\n        handle(receive())\n\nif __name__ == "__main__":\n    main()\n', line: 4, note: 'called in the main loop: once per message, not once at start' },
    {
      code: '_sessions = {}\n\ndef login(session_id, user):\n    _sessions[session_id] = user\n\ndef current(session_id):\n    return _sessions.get(session_id)\n',
      line: 4,
      message: 'Module-level dict `_sessions` (line 1) is only ever added to (`_sessions[...] = ...` in `login()`)',
    },
    { code: 'class Tracker:\n    def __init__(self):\n        self.seen = set()\n\n    def visit(self, url):\n        self.seen.add(url)\n', line: 6, message: 'Instance set `self.seen`' },
    { code: 'frames = {}\n\ndef wrap(frame):\n    fid = id(frame)\n    frames[fid] = frame\n    return fid\n', line: 5, note: 'stdlib idlelib/debugger_r.py: frames kept alive by id' },
    { code: 'connections = []\n\ndef on_connect(conn):\n    connections.append(conn)\n', line: 4, message: '`connections.append(...)` in `on_connect()`' },
    { code: 'class Auth:\n    def __init__(self):\n        self.authenticated = {}\n\n    def mark(self, url):\n        self.authenticated[url] = True\n\n    def ok(self, url):\n        return url in self.authenticated\n', line: 6, note: 'stdlib urllib.request: one entry per request URL' },
    { code: 'import uuid\n\nJOBS = {}\n\ndef submit(fn):\n    JOBS[uuid.uuid4()] = fn\n    run(fn)\n', line: 6 },
    { code: 'from collections import defaultdict\n\n_by_user = defaultdict(list)\n\ndef record(user_id, event):\n    _by_user[user_id].append(event)\n    _by_user.setdefault(user_id, [])\n', line: 7, message: '`_by_user.setdefault(...)`' },
    { code: 'class Server:\n    def __init__(self):\n        self.clients = dict()\n\n    async def handle(self, ws, client_id):\n        self.clients[client_id] = ws\n        for c in self.clients.values():\n            await c.send("joined")\n', line: 6 },
    { code: '_requests = {}\n\ndef track(request):\n    _requests[(request, 1)] = 1\n', line: 4, note: 'tuple keys count when one part is per entity' },
    { code: 'class Debugger:\n    def __init__(self):\n        self.frames = {}\n\n    def wrap(self, frame):\n        fid = id(frame)\n        self.frames[fid] = frame\n        return fid\n', line: 7, note: 'werkzeug/idlelib debuggers: keyed by a fresh identity' },
  ],
  ignores: [
    { code: 'class Errors:\n    def __init__(self):\n        self._cache = {}\n\n    def for_service(self, service_id):\n        self._cache[service_id] = load(service_id)\n        return self._cache[service_id]\n', note: 'moto: ids of a small domain (services)' },
    { code: 'class Backend:\n    def __init__(self):\n        self.jobs = {}\n\n    def start_job(self, job_id, spec):\n        self.jobs[job_id] = spec\n', note: 'moto: a backend store of created resources, not a side index' },
    { code: '_cache = {}\n\ndef lookup(key):\n    if len(_cache) > 1000:\n        _cache.clear()\n    _cache[key] = compute(key)\n    return _cache[key]\n', note: 'size check and clear' },
    'def unique(items):\n    seen = set()\n    for i in items:\n        seen.add(i)\n    return seen\n',
    { code: '_handlers = {}\n\ndef handler(fn):\n    _handlers[fn.__name__] = fn\n    return fn\n', note: 'decorator registry' },
    { code: '_sessions = {}\n\ndef login(session_id, user):\n    _sessions[session_id] = user\n\ndef logout(session_id):\n    del _sessions[session_id]\n', note: 'entries are deleted' },
    { code: '_sessions = {}\n\ndef login(session_id, user):\n    _sessions[session_id] = user\n\ndef logout(session_id):\n    _sessions.pop(session_id, None)\n', note: 'entries are popped' },
    { code: 'opmap = {}\n\ndef def_op(name, op_id):\n    opmap[name] = op_id\n\ndef_op("POP_TOP", 1)\n', note: 'stdlib opcode.py: filled at import time' },
    { code: '_cache = {}\n\ndef encoding(name):\n    _cache[name] = lookup(name)\n    return _cache[name]\n', note: 'key from a small domain (an encoding name): bounded in practice' },
    { code: '_sessions = {}\n\ndef login(session_id, user):\n    _sessions[session_id] = user\n\ndef registry():\n    return _sessions\n', note: 'escapes: other code may clear it' },
    { code: 'class Parser:\n    def __init__(self):\n        self.events = []\n\n    def feed(self, event):\n        self.events.append(event)\n', note: 'an object collecting its results: its lifetime is unknown' },
    { code: 'class Conf:\n    def __init__(self):\n        self.values = {}\n\n    def load(self):\n        self.values["user_id"] = 1\n', note: 'constant key' },
    { code: '_clients = {}\n\ndef connect(client_id):\n    _clients[client_id] = open_conn(client_id)\n\ndef reset():\n    global _clients\n    _clients = {}\n', note: 'reassigned' },
    { code: 'from collections import deque\n\nrecent = deque(maxlen=100)\n\ndef seen(request):\n    recent.append(request)\n', note: 'maxlen bounds it' },
    { code: 'class Pool:\n    def __init__(self):\n        self.conns = {}\n\n    def add(self, conn_id, c):\n        self.conns[conn_id] = c\n\n    def close(self, conn_id):\n        self.conns.pop(conn_id).close()\n', note: 'removed on close' },
    { code: 'class Backend:\n    def __init__(self):\n        self.snapshots = {}\n\n    def create_snapshot(self, snapshot_id, volume):\n        self.snapshots[snapshot_id] = volume\n', note: 'moto: an explicit store API; callers decide what it holds' },
    { code: 'FakeShelves = {}\n\ndef connect(url):\n    FakeShelves[url] = object()\n', path: 'keystone/tests/unit/fakeldap.py', note: 'a test double (keystone)' },
    { code: 'ALLOCATIONS = {}\n\ndef allocate_floatingip(project_id):\n    ALLOCATIONS.setdefault(project_id, {})\n', path: 'designate/network_api/fake.py', note: 'a fake backend (designate)' },
    { code: 'CACHE = {}\n\ndef _get_default_action(list_id):\n    return CACHE.setdefault(list_id, {})\n', path: 'mailman/database/alembic/versions/7b254d88f122_members.py', note: 'a migration runs once' },
    { code: 'wd_to_engine_name = {}\n\ndef initialize():\n    for wikidata_id, engine_name in load():\n        wd_to_engine_name.setdefault(wikidata_id, set()).add(engine_name)\n\ndef main():\n    initialize()\n\nif __name__ == "__main__":\n    main()\n', note: 'filled once at program start (searx update script)' },
  ],
});
