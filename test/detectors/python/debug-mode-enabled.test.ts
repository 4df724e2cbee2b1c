import detector from '../../../detectors/python/debug-mode-enabled.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'from flask import Flask\n\napp = Flask(__name__)\n\ndef serve():\n    app.run(debug=True)\n', line: 6, note: 'not a module run by hand' },
    { code: 'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n', line: 6, message: '`app.run(debug=True)` serves the app in debug mode on every network interface' },
    { code: 'ALLOWED_HOSTS = ["example.com"]\nDEBUG = True\n', line: 2, message: '`DEBUG = True` in settings module' },
    { code: 'SECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = True\n', line: 2, path: 'mysite/settings.py' },
    { code: 'DEBUG = True\n', line: 1, path: 'mysite/settings/production.py' },
    { code: 'from fastapi import FastAPI\n\napp = FastAPI(debug=True)\n', line: 3, message: '`FastAPI(debug=True)`' },
    { code: 'from flask_socketio import SocketIO\n\nsocketio = SocketIO(app)\nsocketio.run(app, debug=True)\n', line: 4, message: '`socketio.run(debug=True)`' },
    { code: 'import starlette.applications\n\napp = starlette.applications.Starlette(debug=True, routes=[])\n', line: 3 },
    { code: 'def main():\n    application.run(debug=True, port=8000)\n', line: 2 },
    { code: 'DEBUG = True\nINSTALLED_APPS = ["django.contrib.admin"]\n', line: 1, path: 'config/base.py' },
    { code: 'import uvicorn\n\nuvicorn.run("main:app", debug=True)\n', line: 3 },
  ],
  ignores: [
    { code: 'from flask import Flask\n\napp = Flask(__name__)\napp.debug = True\n', note: 'moto server: no debugger unless started by app.run()' },
    { code: 'from flask import Flask\n\napp = Flask(__name__)\napp.config["DEBUG"] = True\n' },
    'import os\n\nDEBUG = os.environ.get("DEBUG") == "1"\n',
    { code: 'import asyncio\n\nasyncio.run(main(), debug=True)\n', note: 'asyncio debug mode is a development aid, not a web debugger' },
    { code: 'DEBUG = True\n', note: 'not a settings module' },
    { code: 'DEBUG = True\n', path: 'mysite/settings/dev.py', note: 'development settings' },
    { code: 'DEBUG = True\n', path: 'mysite/local_settings.py' },
    { code: 'ALLOWED_HOSTS = []\nif os.environ.get("ENV") == "dev":\n    DEBUG = True\n', note: 'decided at run time' },
    { code: 'from flask import Flask\n\napp = Flask(__name__)\napp.run(debug=False)\n' },
    { code: 'app.run(debug=True)\n', path: 'tests/test_app.py' },
    { code: 'def run(job, debug=True):\n    job.run(debug=True)\n', note: 'not an app' },
    { code: 'ALLOWED_HOSTS = []\nDEBUG = False\nTEMPLATE_DEBUG = True\n' },
    { code: 'class Settings:\n    DEBUG = True\n', path: 'app/settings.py', note: 'a class attribute: one of several configurations' },
    { code: 'from .app import create_app\n\napplication = create_app()\n\nif __name__ == "__main__":\n    application.run(debug=True)\n', note: 'run by hand on 127.0.0.1 (bepasty)' },
    { code: 'ALLOWED_HOSTS = ["localhost"]\nDEBUG = True\n', path: 'usr/share/doc/hyperkitty/examples/settings.py', note: 'an example settings file (hyperkitty)' },
  ],
});
