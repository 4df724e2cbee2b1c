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
    // websockets servers that accept any number of clients.
    {
      code: 'import asyncio\nimport websockets\n\nCLIENTS = set()\n\nasync def handler(websocket):\n    CLIENTS.add(websocket)\n    try:\n        await websocket.wait_closed()\n    finally:\n        CLIENTS.remove(websocket)\n\nasync def main():\n    async with websockets.serve(handler, "0.0.0.0", 8765):\n        await asyncio.Future()\n',
      line: 14,
      message: '`websockets.serve(handler, ...)` accepts any number of clients',
    },
    { code: 'from websockets.asyncio.server import serve\n\nasync def echo(websocket):\n    async for message in websocket:\n        await websocket.send(message)\n\nasync def main():\n    async with serve(echo, "localhost", 8765) as server:\n        await server.serve_forever()\n', line: 8, message: '`websockets.asyncio.server.serve(echo, ...)`' },
    { code: 'from websockets.sync.server import serve\n\ndef handler(websocket):\n    for message in websocket:\n        websocket.send(process(message))\n\ndef run():\n    with serve(handler, "", 8001) as server:\n        server.serve_forever()\n', line: 8 },
    { code: 'import websockets\n\nasync def relay(websocket):\n    await pump(websocket)\n\nasync def start(host, port):\n    return await websockets.serve(\n        relay,\n        host,\n        port,\n    )\n', line: 7 },
    { code: 'import websockets\n\nasync def handler(websocket):\n    await feed(websocket)\n\nasync def main(path):\n    async with websockets.unix_serve(handler, path):\n        await stop\n', line: 7, message: '`websockets.unix_serve(handler, ...)`' },
    {
      code: 'import websockets\n\nasync def handler(websocket):\n    await feed(websocket)\n\nasync def main():\n    async with websockets.serve(handler, "", 8765, max_size=None):\n        await stop\n',
      line: [7, 7],
      message: '`websockets.serve(',
      fix: '    async with websockets.serve(handler, "", 8765, max_size=2**20):',
    },
    { code: 'import websockets\n\nasync def main():\n    async def handler(websocket):\n        await websocket.send("hi")\n\n    server = await websockets.serve(handler, port=9000)\n    await server.wait_closed()\n', line: 7 },
    { code: 'import websockets.server\n\nasync def broadcast_handler(ws, path):\n    CONNECTED.add(ws)\n    await ws.wait_closed()\n\nasync def run():\n    await websockets.server.serve(broadcast_handler, "", 9000)\n', line: 8 },
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
    // Connection caps and gates.
    { code: 'import websockets\n\nMAX_CLIENTS = 200\nCONNECTIONS = set()\n\nasync def handler(websocket):\n    if len(CONNECTIONS) >= MAX_CLIENTS:\n        await websocket.close(1013, "busy")\n        return\n    CONNECTIONS.add(websocket)\n\nasync def main():\n    async with websockets.serve(handler, "", 8765):\n        await stop\n', note: 'the handler caps connections' },
    { code: 'import websockets\n\nasync def handler(websocket):\n    await feed(websocket)\n\nasync def main():\n    async with websockets.serve(handler, "", 8765, process_request=check_request):\n        await stop\n', note: 'process_request can refuse a client' },
    { code: 'import asyncio\nimport websockets\n\nslots = asyncio.Semaphore(100)\n\nasync def handler(websocket):\n    async with slots:\n        await feed(websocket)\n\nasync def main():\n    async with websockets.serve(handler, "", 8765):\n        await stop\n', note: 'a semaphore bounds the handlers' },
    { code: 'import websockets\nfrom .handlers import handler\n\nasync def main():\n    async with websockets.serve(handler, "", 8765):\n        await stop\n', note: 'the handler lives in another module' },
    { code: 'import websockets\n\nclass Hub:\n    async def handle(self, websocket):\n        await websocket.wait_closed()\n\n    async def start(self):\n        self.server = await websockets.serve(self.handle, "", 8765)\n', note: 'a method: the class may cap elsewhere' },
    { code: 'import websockets\n\nasync def handler(websocket):\n    await feed(websocket)\n\nasync def main(**options):\n    async with websockets.serve(handler, "", 8765, **options):\n        await stop\n', note: 'options the rule cannot read' },
    { code: 'import websockets\n\nasync def echo(websocket):\n    async for m in websocket:\n        await websocket.send(m)\n\nasync def main():\n    async with websockets.serve(echo, "localhost", 8765):\n        await stop\n', path: 'examples/echo.py', note: 'an example program' },
    { code: 'from aiohttp import web\n\nasync def ws_handler(request):\n    ws = web.WebSocketResponse()\n    await ws.prepare(request)\n    async for msg in ws:\n        await ws.send_str(msg.data)\n    return ws\n', note: 'aiohttp: connection limits live in the runner or proxy; not judged' },
    { code: 'import websockets\n\nasync def handler(websocket):\n    await feed(websocket)\n\nasync def main():\n    async with websockets.serve(handler, "", 8765):\n        await stop\n', path: 'tests/test_server.py' },
    { code: 'import websockets\n\nasync def main():\n    async with websockets.serve(handler, "", 8765, max_size=None):\n        await stop\n', path: 'tests/test_ws.py' },
  ],
});
