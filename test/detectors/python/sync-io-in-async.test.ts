import detector from '../../../detectors/python/sync-io-in-async.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'import asyncio\nimport time\n\nasync def poll():\n    time.sleep(1)\n',
      line: 5,
      message: '`time.sleep()` blocks the event loop inside `async def poll()`',
      fix: '    await asyncio.sleep(1)',
    },
    { code: 'from time import sleep\n\nasync def poll():\n    sleep(0.5)\n', line: 4, message: '`time.sleep()`' },
    { code: 'import requests\n\nasync def load(url):\n    return requests.get(url, timeout=5).json()\n', line: 4, message: '`requests.get()`' },
    { code: 'import requests as rq\n\nclass Api:\n    async def send(self, body):\n        rq.post(self.url, json=body, timeout=5)\n', line: 5, message: '`requests.post()`' },
    { code: 'async def read_config(path):\n    return open(path).read()\n', line: 2, message: '`open()`' },
    { code: 'async def save(path, data):\n    with open(path, "w") as f:\n        f.write(data)\n', line: 2 },
    { code: 'import subprocess\n\nasync def build():\n    subprocess.run(["make"], check=True)\n', line: 4, message: '`subprocess.run()`' },
    { code: 'from urllib.request import urlopen\n\nasync def fetch(url):\n    return urlopen(url, timeout=3).read()\n', line: 4, message: '`urllib.request.urlopen()`' },
    { code: 'import sqlite3\n\nasync def count(path):\n    conn = sqlite3.connect(path)\n    return conn.execute("select count(*) from t").fetchone()\n', line: 4, message: '`sqlite3.connect()`' },
    { code: 'import urllib.request\n\nasync def fetch(url):\n    return urllib.request.urlopen(url, timeout=3)\n', line: 4 },
    { code: 'from pathlib import Path\n\nasync def load(p: Path):\n    return p.read_text()\n', line: 4, message: '`.read_text()`' },
    {
      code: 'import time\n\nasync def poll():\n    time.sleep(1)\n',
      line: 4,
      note: 'no `import asyncio`: no fix offered',
    },
    { code: 'import os\n\nasync def clean():\n    os.system("rm -rf /tmp/x")\n', line: 4, message: '`os.system()`' },
  ],
  ignores: [
    'import asyncio\n\nasync def poll():\n    await asyncio.sleep(1)\n',
    'import time\n\ndef poll():\n    time.sleep(1)\n',
    'import asyncio, requests\n\nasync def load(url):\n    def fetch():\n        return requests.get(url, timeout=5)\n    return await asyncio.to_thread(fetch)\n',
    'import asyncio, requests\n\nasync def load(url):\n    loop = asyncio.get_running_loop()\n    return await loop.run_in_executor(None, lambda: requests.get(url, timeout=5))\n',
    'import asyncio, time\n\nasync def pause():\n    await asyncio.to_thread(time.sleep, 1)\n',
    'import aiofiles\n\nasync def read(path):\n    async with aiofiles.open(path) as f:\n        return await f.read()\n',
    'from aiofiles import open\n\nasync def read(path):\n    async with open(path) as f:\n        return await f.read()\n',
    'import httpx\n\nasync def load(url):\n    async with httpx.AsyncClient(timeout=5) as c:\n        return (await c.get(url)).json()\n',
    'async def load(session, url):\n    return await session.get(url)\n',
    { code: 'import anyio\n\nasync def load(p):\n    return await anyio.Path(p).read_text()\n', note: 'awaited: the async Path twin' },
    { code: 'async def tick(clock):\n    clock.sleep(1)\n', note: 'not the time module' },
    { code: 'import time\n\nasync def stamp():\n    return time.time()\n', note: 'time.time() does not block' },
    { code: 'import socket\n\nasync def resolve(host, port):\n    return socket.getaddrinfo(host, port, flags=socket.AI_NUMERICHOST)\n', note: 'trio: a numeric-only lookup never blocks' },
    'import subprocess\n\ndef build():\n    subprocess.run(["make"], check=True)\n',
  ],
});
