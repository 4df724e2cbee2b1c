import detector from '../../../detectors/python/unbounded-queue.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'import asyncio\n\nclass Notifier:\n    def __init__(self):\n        self.pending = asyncio.Queue()\n\n    def notify(self, event):\n        self.pending.put_nowait(event)\n',
      line: 5,
      message: '`self.pending` is an unbounded `asyncio.Queue()` fed by `self.pending.put_nowait()` (line 8)',
      fix: '        self.pending = asyncio.Queue(maxsize=1000)',
    },
    {
      code: 'jobs = []\n\ndef submit(job):\n    jobs.append(job)\n\ndef next_job():\n    return jobs.pop(0)\n',
      line: 1,
      message: 'used as a FIFO queue (`pop(0)`)',
    },
    {
      code: 'import queue\n\nwork = queue.Queue()\n\ndef produce(item):\n    work.put(item)\n',
      line: 3,
      message: '`queue.Queue()`',
      fix: 'work = queue.Queue(maxsize=1000)',
    },
    { code: 'from asyncio import Queue\n\nevents = Queue()\n\nasync def emit(e):\n    await events.put(e)\n', line: 3, fix: 'events = Queue(maxsize=1000)' },
    {
      code: 'from collections import deque\n\nclass Buffer:\n    def __init__(self):\n        self.pending = deque()\n\n    def push(self, x):\n        self.pending.append(x)\n\n    def take(self):\n        return self.pending.popleft()\n',
      line: 5,
      message: 'unbounded `collections.deque()`',
    },
    { code: 'import asyncio\n\nclass Worker:\n    def __init__(self):\n        self.q = asyncio.PriorityQueue()\n        start(self.q)\n\n    async def add(self, prio, job):\n        await self.q.put((prio, job))\n', line: 5, note: 'a queue shared with consumers is still unbounded' },
    { code: 'import multiprocessing as mp\n\nresults = mp.Queue()\n\ndef report(r):\n    results.put(r)\n', line: 3, message: '`multiprocessing.Queue()`' },
    { code: 'from collections import deque\n\ntasks = deque()\n\ndef spawn(t):\n    tasks.appendleft(t)\n\ndef run_one():\n    tasks.pop()()\n', line: 3, note: 'appendleft + pop is FIFO too' },
    { code: 'class Mailbox:\n    def __init__(self):\n        self.messages = []\n\n    def post(self, m):\n        self.messages.append(m)\n\n    def read(self):\n        return self.messages.pop(0)\n', line: 3 },
    {
      code: 'import asyncio\n\nclass Hub:\n    def __init__(self):\n        self.inbox = asyncio.Queue(\n        )\n\n    def push(self, m):\n        self.inbox.put_nowait(m)\n',
      line: 5,
      note: 'multi-line call: reported without a fix',
    },
  ],
  ignores: [
    'import asyncio\n\nclass Notifier:\n    def __init__(self):\n        self.pending = asyncio.Queue(maxsize=100)\n\n    async def notify(self, event):\n        await self.pending.put(event)\n',
    { code: 'import asyncio\n\nasync def crawl(urls):\n    q = asyncio.Queue()\n    for u in urls:\n        q.put_nowait(u)\n', note: 'a local queue lives as long as the call' },
    { code: 'jobs = []\n\ndef submit(job):\n    jobs.append(job)\n\ndef next_job():\n    return jobs.pop()\n', note: 'a stack, not a FIFO' },
    'import queue\n\nwork = queue.Queue(100)\n\ndef produce(item):\n    work.put(item)\n',
    { code: 'import queue\n\nwork = queue.Queue()\n', note: 'nothing puts into it in this file' },
    { code: 'import queue\n\nwork = queue.Queue()\n\ndef produce(item):\n    if work.qsize() > 100:\n        raise Overloaded()\n    work.put(item)\n', note: 'the producer checks the size' },
    { code: 'from collections import deque\n\nrecent = deque(maxlen=50)\n\ndef seen(x):\n    recent.append(x)\n    return recent.popleft()\n', note: 'maxlen' },
    { code: 'from collections import deque\n\nclass Buffer:\n    def __init__(self):\n        self.items = deque()\n\n    def push(self, x):\n        if len(self.items) > 100:\n            self.items.popleft()\n        self.items.append(x)\n\n    def take(self):\n        return self.items.popleft()\n', note: 'len check' },
    { code: 'import queue\n\nwork = queue.SimpleQueue()\n\ndef produce(item):\n    work.put(item)\n', note: 'SimpleQueue cannot be bounded' },
    { code: 'from collections import deque\n\nclass Lexer:\n    def __init__(self):\n        self.pushback = deque()\n\n    def push(self, tok):\n        self.pushback.appendleft(tok)\n\n    def next(self):\n        return self.pushback.popleft()\n', note: 'stdlib shlex: same end in and out is a stack (push-back)' },
    { code: 'class Lexer:\n    def __init__(self):\n        self.pushback = []\n\n    def push(self, tok):\n        self.pushback.append(tok)\n\n    def next(self):\n        return self.pushback.pop(0)\n', note: 'stdlib netrc: a token push-back list, not a work queue' },
    { code: 'from collections import deque\n\nhistory = deque()\n\ndef add(x):\n    history.append(x)\n', note: 'no consumer: not a queue (unbounded-collection territory)' },
    { code: 'class Queue:\n    pass\n\nq = Queue()\n\ndef f(x):\n    q.put(x)\n', note: 'a local class named Queue' },
    { code: 'import queue\n\nwork = queue.Queue(maxsize=0)\n\ndef produce(item):\n    work.put(item)\n', note: 'explicitly unbounded: the author decided' },
    { code: 'from queue import Queue\n\nclass QueueHandler:\n    def __init__(self):\n        self.queue = Queue()\n\n    def emit(self, record):\n        self.queue.put_nowait(record)\n\n    def take(self):\n        return self.queue.get()\n\nclass Logger:\n    def reload(self, config):\n        self._handler.queue.maxsize = config.get("max_queue_size", 1000)\n', note: 'bounded when configured (patroni)' },
    { code: 'from queue import Queue\n\nclass TestBackend:\n    def __init__(self):\n        self.incoming = Queue()\n\n    def push(self, m):\n        self.incoming.put(m)\n\n    def pull(self):\n        return self.incoming.get()\n', path: 'errbot/backends/test.py', note: 'a test backend (errbot)' },
  ],
});
