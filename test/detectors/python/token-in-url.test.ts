import detector from '../../../detectors/python/token-in-url.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'def fetch(base, access_token):\n    return http.get(f"{base}/me?access_token={access_token}")\n', line: 2, message: '`access_token` is put into the query string of a URL' },
    { code: 'import requests\n\ndef search(q, api_key):\n    return requests.get("https://api.example.com/search", params={"q": q, "api_key": api_key}, timeout=10)\n', line: 4, message: '`params=` always becomes the query string' },
    { code: 'from flask import request\n\n@app.get("/export")\ndef export():\n    token = request.args.get("access_token")\n', line: 5, message: '`access_token` is read from the URL query string' },
    { code: 'def ws_url(host, jwt):\n    return "wss://%s/socket?jwt=%s" % (host, jwt)\n', line: 2, message: '`jwt`' },
    { code: 'def url(self):\n    return "https://api.example.com/v1/items?limit=10&apiKey={}".format(self.api_key)\n', line: 2, message: '`apiKey`' },
    { code: 'def url(base, token):\n    return base + "/feed?format=json&auth_token=" + token\n', line: 2, message: '`auth_token`' },
    { code: 'def link(base, session):\n    return f"{base}/open?token={session.access_token}"\n', line: 2, message: 'is put into the query string' },
    { code: 'def handler(request):\n    key = request.GET["api_key"]\n    return key\n', line: 2, message: '`api_key` is read' },
    { code: 'from fastapi import Query\n\n@app.get("/items")\ndef items(api_key: str = Query(...)):\n    return []\n', line: 4, message: '`api_key` is read' },
    { code: 'import httpx\n\nasync def me(client, password, user):\n    return await client.post("/login", params={"user": user, "password": password})\n', line: 4, message: '`password`' },
  ],
  ignores: [
    { code: 'def hls_url(endpoint, path, session_token):\n    return f"{endpoint}{path}?SessionToken={session_token}"\n', note: 'moto: AWS streaming URLs carry their session token by design' },
    'import requests\n\ndef fetch(url, token):\n    return requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)\n',
    { code: 'def reset_link(base, reset_token):\n    return f"{base}/reset?token={reset_token}"\n', note: 'an e-mailed one-time link' },
    'def page(base, page_number):\n    return f"{base}/items?page={page_number}"\n',
    { code: 'def body(user, password):\n    return f"grant_type=password&username={user}&password={password}"\n', note: 'a form body: no `?`' },
    { code: 'import requests\n\ndef login(url, password):\n    return requests.post(url, data={"password": password}, timeout=10)\n', note: 'a body, not the query' },
    { code: 'def log(logger, token):\n    logger.info(f"access_token={token}")\n', note: 'not a URL' },
    { code: 'def url(base):\n    return f"{base}/docs?api_key=demo"\n', note: 'no value put in' },
    { code: 'def handler(request):\n    return request.args.get("page")\n' },
    { code: 'def handler(request):\n    return request.json.get("access_token")\n', note: 'a body field' },
    { code: 'def url(base, token):\n    return f"{base}/verify?token={token}"\n', note: 'a bare token of unknown kind' },
    { code: 'def fetch(base, access_token):\n    return http.get(f"{base}/me?access_token={access_token}")\n', path: 'tests/test_client.py' },
    { code: 'def f(cache, access_token):\n    return cache.get(access_token, params={"q": 1})\n' },
    { code: 'def presigned(bucket, key, sig):\n    return f"https://{bucket}.s3.amazonaws.com/{key}?Signature={sig}"\n', note: 'a signature is meant for the URL' },
  ],
});
