import type { PyNode as Node } from '../define.js';
import type { PyFile } from '../define.js';
import { definePyDetector } from '../define.js';
import { functionName } from './shared/function-defs.js';
import { isPythonScriptPath, isPythonTestPath } from './shared/python-paths.js';

/** A module that is run as a program: printing is its output. */
const MAIN_BLOCK = /^if\s+(__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__)\s*:/m;
const CLI_IMPORT = /^\s*(import|from)\s+(argparse|optparse|getopt|click|typer|fire|docopt|cmd|code|pdb)\b/m;

/** Evidence that the module logs properly, so a `print` is the odd one out. */
const LOGGING_IMPORT = /^\s*(import\s+(logging|structlog|loguru)\b|from\s+(logging|structlog|loguru)(\.\w+)*\s+import\b)/m;
const LOGGER_BINDING = /^\s*(self\.)?_*(log|logger|LOG|LOGGER|log_?\w*)\s*=\s*[\w.]*(getLogger|get_logger|getChild)\s*\(/m;
/** `from .log import logger` (asyncio), or calls on a logger object. */
const LOGGER_USE = /^\s*from\s+\S+\s+import\s+[^#\n]*\b_*(logger|LOGGER)\b|\b_*(logger|LOGGER|log)\.(debug|info|warning|warn|error|exception|critical)\(/m;
/** Server frameworks: `print` in a request path goes nowhere useful in production. */
const SERVER_IMPORT = /^\s*(import|from)\s+(flask|fastapi|django|starlette|aiohttp|tornado|sanic|falcon|pyramid|bottle|quart|litestar|celery|socketserver|http\.server|wsgiref)\b/m;

/** A module that defines its own `print` (a shim or a wrapper). */
const OWN_PRINT = /^\s*(def\s+print\s*\(|print\s*=|from\s+\S+\s+import\s+[^#\n]*\bprint\b)/m;

/** Functions whose job is to print: `main`, `print_stats`, `show`, `dump`, `usage`, `__repr__`. */
const PRINTING_FUNCTION = /(^|_)(main|p?print\w*|show\w*|dump\w*|display\w*|usage|help|report\w*|debug\w*|trace\w*|test\w*|demo\w*|summar\w*|repl|interact\w*|prompt\w*|ask\w*|repr|str)(_|$)/i;

/** A module that talks to a person at a terminal (`input()`, `getpass`): printing is its interface. */
const INTERACTIVE = /\binput\s*\(|\bgetpass\b/;

/** Command-line code by its path: Django management commands, `manage/`, `cmd/`, `cli/`, `cli_x.py`. */
const CLI_PATH = /(^|\/)(management\/commands|manage|cmd|cli)\/|(^|\/)cli_[^/]*\.py$/;

/** A docstring saying a command runs the function (`This is run manually by the keystone-manage command`). */
const RUN_BY_COMMAND = /\b(run|called|invoked|used)\s+(manually\s+)?(by|from)\s+(the\s+)?[\w-]+\s+(command|cli)\b|\bcommand[- ]line\b/i;

function docstringSaysCommand(def: Node | undefined): boolean {
  const first = def?.childForFieldName('body')?.namedChild(0);
  const doc = first?.type === 'expression_statement' ? first.namedChild(0) : null;
  return doc?.type === 'string' && RUN_BY_COMMAND.test(doc.text);
}

/** `print("Restore complete"); sys.exit(0)`: the last words of a program to its terminal. */
function exitsAfter(call: Node): boolean {
  const statement = call.parent;
  if (statement?.type !== 'expression_statement') return false;
  const next = statement.nextNamedSibling;
  if (next?.type === 'raise_statement') return /^raise\s+SystemExit\b/.test(next.text);
  const fn = next?.type === 'expression_statement' ? next.namedChild(0) : null;
  return fn?.type === 'call' && /^(sys\.exit|exit|quit|os\._exit)$/.test(fn.childForFieldName('function')?.text ?? '');
}

/** Why `print` is out of place in this module, or null when it may be fine. */
function loggingContext(file: PyFile): string | null {
  const { text, path } = file;
  if (isPythonTestPath(path) || isPythonScriptPath(path) || CLI_PATH.test(path) || text.startsWith('#!')) return null;
  if (MAIN_BLOCK.test(text) || CLI_IMPORT.test(text) || OWN_PRINT.test(text) || INTERACTIVE.test(text)) return null;
  const server = SERVER_IMPORT.exec(text);
  if (LOGGING_IMPORT.test(text) || LOGGER_BINDING.test(text) || LOGGER_USE.test(text)) return 'a module that logs with a logger';
  return server ? `a server module (\`${server[2]}\`)` : null;
}

/** `print(..., file=f)` writes to a chosen stream or file: deliberate output, not logging. */
function hasFileArgument(call: Node): boolean {
  const args = call.childForFieldName('arguments');
  return !!args?.namedChildren.some((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'file');
}

/** `print()` in library or server code that has a logger. */
const LOG_LEVELS = new Set(['debug', 'info', 'warning', 'error', 'exception', 'critical']);

/**
 * A logger call that keeps its data apart from the message: `extra={...}`, structlog-style keyword
 * fields (`log.info("order placed", order_id=id)`), or lazy `%s` arguments (`logger.info("user %s", uid)`).
 */
function isStructuredLogCall(call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || !LOG_LEVELS.has(fn.childForFieldName('attribute')?.text ?? '')) return false;
  if (!/^(log|logger|_log|_logger|\w*_logger|LOG|LOGGER)$/.test(fn.childForFieldName('object')?.text ?? '')) return false;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null) ?? [];
  const message = args[0];
  if (message?.type !== 'string' || message.namedChildren.some((c) => c?.type === 'interpolation')) return false;
  if (args.some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text !== 'exc_info' && a.childForFieldName('name')?.text !== 'stack_info')) return true;
  return args.length > 1 && /%[sdrif]/.test(message.text);
}

export default definePyDetector({
  meta: {
    id: 'console-logging',
    severity: 'low',
    category: 'maintainability',
    description: '`print()` in library or server code where a logger is in use.',
    recommendation: 'Use the module\'s logger (`logger.info(...)`, `logger.debug(...)`) so the output has a level, a source and a destination.',
    docs: {
      why: '`print` output has no level, no timestamp and no source, cannot be silenced or routed, and in a server it ends up in a process\'s stdout nobody reads (or interleaved with a protocol on stdout). Flagged only in modules that import `logging`/`structlog`/`loguru`, bind a logger, or import a server framework. Left alone: tests, scripts (`scripts/`, `bin/`, `__main__.py`, `setup.py`, a shebang, an `if __name__ == "__main__":` block), CLIs (argparse, click, typer, optparse, getopt, cmd; Django `management/commands/`, `manage/`, `cmd/`, `cli/`; functions whose docstring says a command runs them), a message printed just before `sys.exit()`, interactive modules (`input()`, `getpass`), `print(..., file=...)` (a chosen stream), modules that define or import their own `print` (`from rich import print`), and functions whose job is printing (a name with a word such as `main`, `print`, `show`, `dump`, `display`, `usage`, `help`, `report`, `debug`, `prompt`, or `__repr__`/`__str__`).',
      flagged: [
        'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef connect(url):\n    print("connecting to", url)\n    logger.info("connected")\n',
        'from flask import Flask\n\napp = Flask(__name__)\n\n@app.post("/orders")\ndef create_order():\n    print(request.json)\n    return "", 201\n',
      ],
      ignored: [
        'def greet(name):\n    print("hello", name)\n',
        'import logging\n\ndef main():\n    print("done")\n\nif __name__ == "__main__":\n    main()\n',
        'import argparse\nimport logging\n\ndef run(args):\n    print(args.name)\n',
        'import logging\nimport sys\n\ndef warn(msg):\n    print(msg, file=sys.stderr)\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const functions: string[] = [];
    const defs: Node[] = [];
    const prints: Array<{ call: Node; inside: string | undefined }> = [];
    return {
      enter: {
        function_definition(def) {
          functions.push(functionName(def));
          defs.push(def);
        },
        call(call) {
          const fn = call.childForFieldName('function');
          if (isStructuredLogCall(call)) ctx.praise({ line: call.startPosition.row + 1, pattern: 'structured-logging' });
          if (fn?.type !== 'identifier' || fn.text !== 'print') return;
          const inside = functions.at(-1);
          if (inside && PRINTING_FUNCTION.test(inside)) return;
          if (exitsAfter(call) || docstringSaysCommand(defs.at(-1))) return;
          if (!hasFileArgument(call)) prints.push({ call, inside });
        },
      },
      exit: {
        function_definition() {
          functions.pop();
          defs.pop();
        },
      },
      end() {
        if (prints.length === 0) return;
        const why = loggingContext(ctx.file);
        if (!why) return;
        for (const { call, inside } of prints) {
          const where = inside ? ` in \`${inside}\`` : '';
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `\`print()\`${where} in ${why}: this output has no level and bypasses the logging setup`,
          });
        }
      },
    };
  },
});
