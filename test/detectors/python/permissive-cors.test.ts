import detector from '../../../detectors/python/permissive-cors.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)\n', line: 3, message: '`CORSMiddleware` allows every origin (`allow_origins=["*"]`) with credentials' },
    { code: 'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(\n    CORSMiddleware,\n    allow_origins=["*"],\n    allow_methods=["*"],\n)\n', line: 3, message: 'any web page can read these responses' },
    { code: 'from starlette.middleware import Middleware\nfrom starlette.middleware.cors import CORSMiddleware\n\nmiddleware = [Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)]\n', line: 4, message: '`allow_origin_regex=".*"`' },
    { code: 'from flask_cors import CORS\n\nCORS(app, origins="*", supports_credentials=True)\n', line: 3, message: 'with credentials' },
    { code: 'from flask_cors import CORS\n\nCORS(app, supports_credentials=True)\n', line: 3, message: 'the default `origins`' },
    { code: 'from flask_cors import CORS\n\nCORS(app, resources={r"/api/*": {"origins": "*"}})\n', line: 3, message: '`resources`' },
    { code: 'def add_cors(request, response):\n    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")\n    return response\n', line: 2, message: 'the request\'s own origin' },
    { code: 'def view(request):\n    origin = request.META.get("HTTP_ORIGIN")\n    response = HttpResponse()\n    response["Access-Control-Allow-Origin"] = origin\n    response["Access-Control-Allow-Credentials"] = "true"\n    return response\n', line: 4 },
    { code: 'class Handler(BaseHTTPRequestHandler):\n    def end_headers(self):\n        self.send_header("Access-Control-Allow-Origin", self.headers["Origin"])\n        super().end_headers()\n', line: 3, message: 'without a check' },
    { code: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n', line: 1, message: 'with credentials' },
    { code: 'def headers(request):\n    origin = request.headers.get("origin")\n    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}\n', line: 3 },
  ],
  ignores: [
    { code: 'def metadata():\n    return {"Access-Control-Allow-Origin": "*", "Content-Type": "application/json"}\n', note: 'oauthlib: public metadata shared on purpose' },
    { code: 'class Handler(BaseHTTPRequestHandler):\n    def end_headers(self):\n        self.send_header("Access-Control-Allow-Origin", "*")\n        super().end_headers()\n' },
    { code: 'def add(response, settings):\n    response.headers["Access-Control-Allow-Origin"] = settings.origin\n' },
    'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)\n',
    'ALLOWED = {"https://app.example.com"}\n\ndef add_cors(request, response):\n    origin = request.headers.get("Origin")\n    if origin in ALLOWED:\n        response.headers["Access-Control-Allow-Origin"] = origin\n    return response\n',
    { code: 'def add_cors(request, response):\n    origin = request.headers.get("Origin")\n    if not is_allowed(origin):\n        return response\n    response.headers["Access-Control-Allow-Origin"] = origin\n    return response\n', note: 'checked before it is echoed' },
    { code: 'from flask_cors import CORS\n\nCORS(app)\n', note: 'the library default without credentials' },
    'from flask_cors import CORS\n\nCORS(app, origins=["https://app.example.com"], supports_credentials=True)\n',
    { code: 'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=settings.ORIGINS, allow_credentials=True)\n', note: 'origins from configuration: unknown' },
    'CORS_ALLOW_ALL_ORIGINS = False\nCORS_ALLOWED_ORIGINS = ["https://app.example.com"]\n',
    'def add_cors(response):\n    response.headers["Access-Control-Allow-Origin"] = "https://app.example.com"\n',
    { code: 'def add_cors(request, response):\n    response.headers["Access-Control-Allow-Origin"] = request.headers["Origin"] if request.headers["Origin"] in ALLOWED else ""\n', note: 'an allow-list in the expression' },
    { code: 'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["*"])\n', path: 'tests/test_cors.py' },
    { code: 'def check(response):\n    assert response.headers.get("Access-Control-Allow-Origin") == "*"\n', note: 'a read, not a write' },
    { code: 'from starlette.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\\.example\\.com")\n' },
  ],
});
