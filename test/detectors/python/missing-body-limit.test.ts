import detector from '../../../detectors/python/missing-body-limit.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765, max_size=None):\n        await asyncio.Future()\n',
      line: 4,
      message: '`websockets.serve()` is called with `max_size=None`',
      fix: '    async with websockets.serve(handler, "0.0.0.0", 8765, max_size=2**20):',
    },
    { code: 'from websockets import serve\n\nasync def main():\n    async with serve(echo, "localhost", 8765, max_size=None) as server:\n        await server.serve_forever()\n', line: 4 },
    { code: 'from websockets.asyncio.server import serve\n\nasync def main():\n    server = await serve(echo, port=8765, max_size=(None))\n', line: 4 },
    { code: 'from websockets.sync.server import serve\n\ndef main():\n    with serve(echo, "localhost", 8765, max_size=None) as server:\n        server.serve_forever()\n', line: 4 },
    {
      code: 'import websockets\n\nstart = websockets.serve(\n    handler,\n    host,\n    port,\n    max_size=None,\n    ping_interval=20,\n)\n',
      line: 7,
      fix: '    max_size=2**20,',
    },
    { code: 'import websockets.server\n\nasync def run():\n    await websockets.server.serve(handler, "", 9000, max_size=None)\n', line: 4 },
    {
      code: 'from aiohttp import web\n\nasync def ws_handler(request):\n    ws = web.WebSocketResponse(max_msg_size=0)\n    await ws.prepare(request)\n    return ws\n',
      line: 4,
      message: '`max_msg_size=0`',
      fix: '    ws = web.WebSocketResponse(max_msg_size=4 * 1024 * 1024)',
    },
    { code: 'import aiohttp.web\n\nasync def ws_handler(request):\n    ws = aiohttp.web.WebSocketResponse(heartbeat=30, max_msg_size=0)\n    return ws\n', line: 4 },
    { code: 'from websockets import unix_serve\n\nasync def main(path):\n    async with unix_serve(handler, path, max_size=None):\n        await stop\n', line: 4 },
  ],
  ignores: [
    'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765):\n        await asyncio.Future()\n',
    'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765, max_size=2**22):\n        await asyncio.Future()\n',
    { code: 'import websockets\n\nasync def main(limit):\n    async with websockets.serve(handler, "", 8765, max_size=limit):\n        await stop\n', note: 'a value the rule cannot read' },
    { code: 'import websockets\n\nasync def main(**options):\n    async with websockets.serve(handler, "", 8765, **options):\n        await stop\n' },
    { code: 'from aiohttp import web\n\nasync def ws_handler(request):\n    ws = web.WebSocketResponse(max_msg_size=8 * 1024 * 1024)\n    return ws\n' },
    { code: 'def serve(handler, max_size=None):\n    return handler\n\nserve(print, max_size=None)\n', note: 'a local serve(), not websockets' },
    { code: 'from fastapi import FastAPI, Request\n\napp = FastAPI()\n\n@app.post("/upload")\nasync def upload(request: Request):\n    return await request.body()\n', note: 'FastAPI: body limits usually live in the proxy; not judged' },
    { code: 'from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.post("/upload")\ndef upload():\n    return request.get_data()\n', note: 'Flask: MAX_CONTENT_LENGTH usually set in config; not judged' },
    { code: 'import websockets\n\nasync def client():\n    async with websockets.connect("wss://example.com", max_size=None) as ws:\n        await ws.recv()\n', note: 'a client that trusts its server' },
    { code: 'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "", 8765, max_size=None):\n        await stop\n', path: 'tests/test_ws.py' },
  ],
});
