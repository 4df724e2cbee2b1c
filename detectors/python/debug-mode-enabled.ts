import type { PyNode as Node } from '../define.js';
import type { PyFile } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, callArguments, importedName, isBoolLiteral, stringLiteral } from './shared/call-target.js';
import { scopesOf } from './shared/scopes.js';
import { isTestPath } from './shared/secret-patterns.js';

/** `settings.py`, `config.py`, `settings/production.py`, `prod_settings.py`. */
const SETTINGS_PATH = /(^|\/)(settings|config)(\/|\.py$)|settings\.py$/i;
/** Settings meant for a developer's machine: debug there is the point. */
const DEV_PATH = /(^|[/_.-])(dev|devel|development|local|debug|test|testing|tests)([/_.-]|$)|(^|\/)(examples?|samples?|demos?)\//i;
/** `if __name__ == "__main__":` — the module run by hand, not imported by a server. */
const MAIN_GUARD = /^if\s+(__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__)\s*:/;

/** Inside a module-level `if __name__ == "__main__":` block. */
function underMainGuard(node: Node): boolean {
  for (let a = node.parent; a; a = a.parent) if (a.type === 'if_statement' && a.parent?.type === 'module') return MAIN_GUARD.test(a.text);
  return false;
}
/** Module-level names only a Django settings module defines. */
const DJANGO_SETTINGS = /^(INSTALLED_APPS|ALLOWED_HOSTS|ROOT_URLCONF|MIDDLEWARE)\s*=/m;
/** Receivers of `.run(debug=True)` that are web apps (not `asyncio.run`, `loop.run`). */
const APP_RECEIVER = /(^|[._])(app|application|server|socketio|api|uvicorn)$/i;
const APP_CLASSES = /(^|\.)(FastAPI|Starlette)$/;

/** Whether the file is a production settings module. */
function isSettingsModule(file: PyFile): boolean {
  return file.memo('python/debug-settings-module', () => !DEV_PATH.test(file.path) && (SETTINGS_PATH.test(file.path) || DJANGO_SETTINGS.test(file.text)));
}

const FLASK_DEBUGGER = 'the Werkzeug debugger it starts lets anyone who can reach the server run Python code';
const DJANGO_DEBUG = 'error pages show stack traces, settings and SQL to any visitor';

/** The receiver text of a method call: `app` in `app.run(...)`, '' for a plain call. */
function receiverOf(fn: Node | null): string {
  return fn?.type === 'attribute' ? fn.childForFieldName('object')?.text.replace(/\s+/g, '') ?? '' : '';
}

/** Debug modes switched on in code that ships: `DEBUG = True` in settings, `app.run(debug=True)`. */
export default definePyDetector({
  meta: {
    id: 'debug-mode-enabled',
    severity: 'medium',
    category: 'security',
    description: 'A web framework\'s debug mode is switched on in code that ships: `DEBUG = True` in a settings module, `app.run(debug=True)`, `FastAPI(debug=True)`.',
    recommendation: 'Read the flag from the environment (`DEBUG = os.environ.get("DEBUG") == "1"`) so it is off unless a developer turns it on.',
    docs: {
      why: 'Flask\'s debug mode serves the Werkzeug debugger, an interactive Python console in the browser: anyone who reaches it runs code on the server. Django\'s and Starlette\'s debug pages show stack traces, local variables, settings and queries. Settings modules named for development (`dev.py`, `local_settings.py`, `settings/test.py`) or shipped as examples (`examples/settings.py`) and test files are not checked, nor `app.run(debug=True)` with no host under `if __name__ == "__main__":` (a developer running the module: Flask then listens on 127.0.0.1 only), nor `DEBUG = True` inside a condition or a class, nor `app.debug = True` / `app.config["DEBUG"] = True` (they start the debugger only through `app.run()`, which is reported; under another server they make errors propagate).',
      flagged: [
        'from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n',
        'ALLOWED_HOSTS = ["example.com"]\nDEBUG = True\n',
      ],
      ignored: [
        'import os\n\nDEBUG = os.environ.get("DEBUG") == "1"\n',
        'import asyncio\n\nasyncio.run(main(), debug=True)\n',
        'DEBUG = True\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    const report = (node: Node, message: string): void => ctx.report({ line: node.startPosition.row + 1, endLine: node.endPosition.row + 1, message });
    return {
      enter: {
        assignment(node) {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (!left || !isBoolLiteral(right, true)) return;
          // `app.debug = True` is not reported: it starts the debugger only through `app.run()`.
          if (left.type !== 'identifier' || left.text !== 'DEBUG') return;
          // Module level only: `if ENV == "dev": DEBUG = True` is a decision made at run time.
          if (node.parent?.parent?.type !== 'module' || !isSettingsModule(ctx.file)) return;
          report(node, `\`DEBUG = True\` in settings module \`${ctx.file.path}\`: ${DJANGO_DEBUG}`);
        },
        call(call) {
          const fn = call.childForFieldName('function');
          const name = calleeName(fn);
          if (name !== 'run' && !APP_CLASSES.test(name)) return;
          const args = callArguments(call);
          if (!isBoolLiteral(args.keywords.get('debug') ?? null, true)) return;
          if (name === 'run') {
            const receiver = receiverOf(fn);
            if (!APP_RECEIVER.test(receiver)) return;
            const host = args.keywords.get('host') ?? null;
            const exposed = stringLiteral(host) === '0.0.0.0' ? ' on every network interface' : '';
            // `python app.py` on a developer's machine: with no host Flask listens on 127.0.0.1 only.
            if (!host && args.positional.length === 0 && underMainGuard(call)) return;
            report(call, `\`${receiver}.run(debug=True)\` serves the app in debug mode${exposed}: ${FLASK_DEBUGGER}`);
            return;
          }
          const target = importedName(fn, scopesOf(ctx.file)) ?? '';
          if (!APP_CLASSES.test(target)) return;
          report(call, `\`${name}(debug=True)\` serves tracebacks to clients: ${DJANGO_DEBUG.replace('error pages', 'its error pages')}`);
        },
      },
    };
  },
});
