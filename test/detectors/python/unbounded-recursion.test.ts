import detector from '../../../detectors/python/unbounded-recursion.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'import time\n\ndef connect(host):\n    try:\n        return open_socket(host)\n    except OSError:\n        time.sleep(1)\n        return connect(host)\n',
      line: 8,
      message: '`connect()` calls itself again from its error handler',
    },
    {
      code: 'class Model:\n    def save(self, *args, **kwargs):\n        self.updated = now()\n        self.save(*args, **kwargs)\n',
      line: 4,
      message: '`save()` calls itself with the same arguments and no base case',
    },
    { code: 'import asyncio\n\nasync def poll():\n    await refresh()\n    await asyncio.sleep(5)\n    await poll()\n', line: 6, message: 'each awaited call keeps the previous frames alive' },
    { code: 'def loop(state):\n    step(state)\n    loop(state)\n', line: 3 },
    { code: 'class Client:\n    async def listen(self, ws, handler=None):\n        msg = await ws.recv()\n        await handler(msg)\n        await self.listen(ws, handler=handler)\n', line: 5 },
    { code: 'class Conn:\n    def reconnect(self):\n        try:\n            self.sock = open_socket(self.host)\n        except OSError:\n            self.reconnect()\n', line: 6, message: 'error handler' },
    { code: 'def ask(prompt):\n    try:\n        return int(input(prompt))\n    except ValueError:\n        print("not a number")\n        return ask(prompt)\n', line: 6 },
    { code: 'class Cls:\n    @classmethod\n    def load(cls, path):\n        data = read(path)\n        return cls.load(path)\n', line: 5 },
    { code: 'async def ticks(clock):\n    yield await clock.next_tick()\n    async for t in ticks(clock):\n        yield t\n', line: 3, note: 'async generator re-entering itself' },
    { code: 'def forever(x):\n    yield x\n    yield from forever(x)\n', line: 3, note: 'a generator delegating to itself' },
  ],
  ignores: [
    { code: 'def walk(node):\n    visit(node)\n    for child in node.children:\n        walk(child)\n', note: 'tree walk: bounded by the data' },
    'def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\n',
    'def connect(host, attempts=3):\n    try:\n        return open_socket(host)\n    except OSError:\n        if attempts == 0:\n            raise\n        return connect(host, attempts - 1)\n',
    'class Model(Base):\n    def save(self, *args, **kwargs):\n        self.updated = now()\n        super().save(*args, **kwargs)\n',
    { code: 'def size(node):\n    return 1 + size(node.left) + size(node.right)\n', note: 'a changed argument: data-bounded' },
    'class Poller:\n    def poll(self):\n        if self.stopped:\n            return\n        self.tick()\n        self.poll()\n',
    'import asyncio\n\nasync def poll():\n    await refresh()\n    asyncio.get_running_loop().call_later(5, lambda: asyncio.ensure_future(poll()))\n',
    'import asyncio\n\nasync def poll():\n    await refresh()\n    asyncio.create_task(poll())\n',
    'def flatten(items):\n    return [y for x in items for y in (flatten(x) if isinstance(x, list) else [x])]\n',
    { code: 'class A:\n    def run(self):\n        return run()\n', note: 'a method calling a module-level function of the same name' },
    'def get(self, key):\n    return get(self, key.lower())\n',
    'def retry(fn, tries):\n    try:\n        return fn()\n    except OSError:\n        tries -= 1\n        return retry(fn, tries)\n',
    { code: 'class B:\n    def close(self):\n        self.conn.close()\n', note: 'another object' },
    { code: 'def show_compilers():\n    from distutils.ccompiler import show_compilers\n    show_compilers()\n', note: 'stdlib: a local import rebinds the name' },
    { code: 'def pager(text):\n    global pager\n    pager = getpager()\n    pager(text)\n', note: 'stdlib pydoc: rebinds itself on first call' },
    { code: 'async def main():\n    coro = main()\n    coro.close()\n', note: 'a coroutine built, never awaited' },
    'def forever(x):\n    gen = forever(x)\n    return gen\n    yield x\n',
    'def outer(x):\n    def inner():\n        return outer(x)\n    return inner\n',
    { code: 'class Observer:\n    def feed(self, input):\n        self.generator = self.consumer()\n        next(self.generator)\n        self.feed = self.generator.send\n        self.feed(input)\n', note: 'the method replaces itself on the instance first (buildbot)' },
  ],
});
