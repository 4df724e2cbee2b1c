import detector from '../../../detectors/python/missing-timeout.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'import requests\n\ndef fetch(url):\n    return requests.get(url)\n', line: 4, message: '`requests.get()` has no `timeout=`', fix: '    return requests.get(url, timeout=10)' },
    { code: 'import requests\n\ndef send(url, body):\n    requests.post(url, json=body, headers={"X": "1"})\n', line: 4, fix: '    requests.post(url, json=body, headers={"X": "1"}, timeout=10)' },
    {
      code: 'import requests\n\ndef send(url, body):\n    return requests.put(\n        url,\n        json=body,\n    )\n',
      line: 4,
      note: 'multi-line: the argument is added after the last one, before its trailing comma',
      fix: '        json=body, timeout=10,',
    },
    { code: 'from requests import request\n\ndef call(method, url):\n    return request(method, url)\n', line: 4, message: '`requests.request()`' },
    { code: 'import urllib.request\n\ndef fetch(url):\n    return urllib.request.urlopen(url).read()\n', line: 4, message: '`urllib.request.urlopen()`', fix: '    return urllib.request.urlopen(url, timeout=10).read()' },
    { code: 'from urllib.request import urlopen\n\nwith urlopen("https://example.com/feed") as r:\n    data = r.read()\n', line: 3 },
    { code: 'import httpx\n\nclient = httpx.Client(timeout=None)\n', line: 3, message: '`timeout=None`' },
    { code: 'import requests\n\ndef fetch(url):\n    return requests.get(url, timeout=None)\n', line: 4, message: '`requests.get()` is called with `timeout=None`' },
    { code: 'import aiohttp\n\nasync def main(url):\n    async with aiohttp.ClientSession() as session:\n        async with session.get(url) as r:\n            return await r.text()\n', line: 4, message: '5 minutes' },
    { code: 'import requests\n\ndef sync(urls):\n    with requests.Session() as s:\n        for u in urls:\n            s.get(u)\n', line: 6, message: '`s` is a requests Session', fix: '            s.get(u, timeout=10)' },
    { code: 'import requests\n\nsession = requests.Session()\n\ndef fetch(url):\n    return session.post(url, data={})\n', line: 6 },
    { code: 'import requests\n\nhtml = requests.Session().get("https://example.com").text\n', line: 3 },
  ],
  ignores: [
    { code: 'import functools, requests\n\ns = requests.Session()\ns.request = functools.partial(s.request, timeout=10)\ns.get("https://x")\n', note: 'a default timeout wrapped in' },
    'import requests\n\ndef fetch(url):\n    return requests.get(url, timeout=10)\n',
    { code: 'import httpx\n\ndef fetch(url):\n    return httpx.get(url)\n', note: 'httpx has a 5 s default' },
    { code: 'def fetch(session, url):\n    return session.get(url)\n', note: 'a session from elsewhere may be configured' },
    { code: 'import requests\n\ndef fetch(url, **kwargs):\n    return requests.get(url, **kwargs)\n', note: 'the timeout may be in kwargs' },
    'import urllib.request\n\ndef fetch(url):\n    return urllib.request.urlopen(url, None, 30)\n',
    { code: 'import socket, urllib.request\n\nsocket.setdefaulttimeout(10)\n\ndef fetch(url):\n    return urllib.request.urlopen(url)\n', note: 'a process-wide socket default' },
    { code: 'import aiohttp\n\nasync def main():\n    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as s:\n        pass\n' },
    { code: 'import aiohttp\n\nasync def main(url):\n    async with aiohttp.ClientSession() as s:\n        async with s.get(url, timeout=10) as r:\n            return await r.read()\n', note: 'timeouts set per request' },
    { code: 'import requests\nfrom requests.adapters import HTTPAdapter\n\ns = requests.Session()\ns.mount("https://", TimeoutAdapter())\ns.get("https://x")\n', note: 'mounted adapters may carry a timeout' },
    { code: 'def lookup(d, key):\n    return d.get(key)\n', note: 'dict.get' },
    { code: 'import requests\n\ndef test_fetch():\n    requests.get("http://localhost")\n', path: 'tests/test_api.py' },
    { code: 'import httpx\n\nasync def fetch(url):\n    async with httpx.AsyncClient() as client:\n        return await client.get(url)\n', note: 'httpx clients default to 5 s' },
  ],
});
