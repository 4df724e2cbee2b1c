import detector from '../../../detectors/python/missing-retry-after.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'from fastapi import HTTPException\n\nasync def check_rate(user):\n    if await limiter.hit(user.id):\n        raise HTTPException(status_code=429, detail="Too many requests")\n',
      line: 5,
      message: '`fastapi.HTTPException()` sends 429 without a `Retry-After` header',
    },
    { code: 'from fastapi import HTTPException, status\n\ndef guard(ip):\n    if banned(ip):\n        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")\n', line: 5 },
    { code: 'from starlette.exceptions import HTTPException\n\nasync def busy(request):\n    raise HTTPException(status_code=503, headers={"X-Reason": "draining"})\n', line: 4, note: 'headers given, none of them Retry-After' },
    { code: 'from fastapi.responses import JSONResponse\n\nasync def limited(request, exc):\n    return JSONResponse({"error": "rate limited"}, status_code=429)\n', line: 4, message: 'fastapi.responses.JSONResponse' },
    { code: 'from flask import abort\n\ndef upload():\n    if queue.full():\n        abort(503)\n', line: 5, message: '`flask.abort()` sends 503' },
    { code: 'from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n@app.post("/login")\ndef login():\n    if too_many(request.remote_addr):\n        return jsonify(error="too many attempts"), 429\n    return jsonify(ok=True)\n', line: 8, message: '`return …, 429`' },
    { code: 'from django.http import JsonResponse\n\ndef api(request):\n    if throttled(request):\n        return JsonResponse({"detail": "throttled"}, status=429)\n', line: 5 },
    { code: 'from aiohttp import web\n\nasync def handle(request):\n    if overloaded():\n        raise web.HTTPServiceUnavailable()\n    return web.json_response(await work())\n', line: 5 },
    { code: 'from http import HTTPStatus\nfrom http.server import BaseHTTPRequestHandler\n\nclass Handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        if self.server.busy:\n            self.send_response(HTTPStatus.SERVICE_UNAVAILABLE)\n            self.end_headers()\n', line: 7 },
    { code: 'from django.http import HttpResponse\n\ndef export(request):\n    if worker_pool.saturated():\n        return HttpResponse("Server busy, try again shortly", status=503)\n    return HttpResponse(render_export())\n', line: 5, note: 'load shedding' },
  ],
  ignores: [
    'from fastapi import HTTPException\n\nasync def check_rate(user):\n    if await limiter.hit(user.id):\n        raise HTTPException(status_code=429, headers={"Retry-After": "60"})\n',
    { code: 'from fastapi import HTTPException\n\nRATE_HEADERS = {"Retry-After": "30"}\n\ndef guard():\n    raise HTTPException(status_code=429, headers=RATE_HEADERS)\n' },
    { code: 'from fastapi import HTTPException\n\ndef guard(headers):\n    raise HTTPException(status_code=429, headers=headers)\n', note: 'headers the rule cannot read' },
    'from fastapi import FastAPI, Response\n\napp = FastAPI()\n\n@app.get("/healthz")\nasync def healthz():\n    return Response(status_code=503 if draining else 200)\n',
    { code: 'from fastapi import FastAPI, HTTPException\n\napp = FastAPI()\n\n@app.get("/ready")\nasync def ready():\n    if not db.ok():\n        raise HTTPException(status_code=503)\n', note: 'readiness probe' },
    'from fastapi import HTTPException\n\ndef missing(item):\n    raise HTTPException(status_code=404)\n',
    { code: 'from http.server import BaseHTTPRequestHandler\n\nclass Api(BaseHTTPRequestHandler):\n    def do_PATCH_config(self):\n        cluster = self.server.dcs.get_cluster()\n        if not (cluster.config and cluster.config.modify_index):\n            return self.send_error(503)\n', note: 'patroni: a cluster not configured yet has no time to give' },
    { code: 'from fastapi import HTTPException\n\nasync def create_client(payload):\n    if await clients.count() >= settings.max_clients:\n        raise HTTPException(status_code=503, detail="client limit reached")\n', note: 'a configured limit reached' },
    { code: 'from flask import abort\n\ndef submit():\n    if shutting_down:\n        abort(503)\n', note: 'a server shutting down' },
    { code: 'def abort(code):\n    raise SystemExit(code)\n\nabort(503)\n', note: 'a local abort(), not Flask\'s' },
    { code: 'def pair():\n    return "x", 429\n', note: 'not a Flask module' },
    { code: 'from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n@app.post("/login")\ndef login():\n    return jsonify(error="slow"), 429, {"Retry-After": "10"}\n' },
    { code: 'import requests\n\ndef fetch(url):\n    r = requests.get(url, timeout=5)\n    if r.status_code == 429:\n        time.sleep(5)\n', note: 'a client reading a 429' },
    { code: 'from fastapi import HTTPException\n\ndef guard():\n    raise HTTPException(status_code=429)\n', path: 'tests/test_limits.py' },
    { code: 'from slowapi import Limiter\nfrom fastapi.responses import JSONResponse\n\ndef on_limit(request, exc):\n    return JSONResponse({"error": "rate limited"}, status_code=429)\n', note: 'slowapi manages the limit headers' },
  ],
});
