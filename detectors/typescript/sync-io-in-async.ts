import { ts } from 'ts-morph';
import type { TsFile } from '../define.js';
import { defineTsDetector } from '../define.js';
import type { Fix } from '../../src/types.js';
import { unwrap } from './shared/constant-text.js';
import { isScriptOrCli, isTestFile } from './shared/file-role.js';
import { functionName } from './shared/function-name.js';
import { boundToModule, moduleOf } from './shared/node-modules.js';
import { mayMention } from './shared/source-text.js';
import { isAsyncFunction, ownFunction } from './shared/try-scope.js';

/** Modules whose `*Sync` functions block the event loop on I/O or heavy work. */
const BLOCKING_MODULES = new Set(['fs', 'fs-extra', 'graceful-fs', 'child_process', 'zlib', 'crypto']);
/** Conventional names of those modules when they are not imported in this file. */
const CONVENTIONAL_NAMES = new Set(['fs', 'cp', 'childProcess', 'child_process', 'zlib']);
/** `fs.xSync` with a promise twin in `fs.promises` (the mechanical fix). */
const PROMISE_TWINS = new Set([
  'readFile', 'writeFile', 'appendFile', 'mkdir', 'readdir', 'stat', 'lstat', 'unlink', 'rm', 'rmdir', 'copyFile', 'rename',
  'access', 'realpath', 'chmod', 'readlink', 'symlink', 'mkdtemp', 'utimes',
]);
/** A metadata check that returns at once on a local disk; reporting it is noise more often than not. */
const CHEAP = new Set(['existsSync']);
/** Start-up functions: reading configuration synchronously once, before serving, is fine. */
const STARTUP_NAME = /^(main|bootstrap|startup|start|setup|init|initialize|cli|run[A-Z]?\w*Cli|configure|load(Config|Env|Settings)\w*)$/i;
/** `startApp`, `initDatabase`, `setup_routes`: camel-case or snake-case words after a start-up verb. */
const STARTUP_PREFIX = /^(start|init|setup|bootstrap)[A-Z_]\w*$/;

/** The blocking call (`fs.readFileSync`, `execSync`) `call` makes, with the module it comes from. */
function blockingCall(call: ts.CallExpression): { name: string; module: string; namespace?: ts.Identifier } | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    if (!callee.text.endsWith('Sync') || CHEAP.has(callee.text)) return undefined;
    const module = moduleOf(callee);
    return module !== undefined && BLOCKING_MODULES.has(module) ? { name: callee.text, module } : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || !callee.name.text.endsWith('Sync') || CHEAP.has(callee.name.text)) return undefined;
  const receiver = unwrap(callee.expression);
  if (!ts.isIdentifier(receiver) || !boundToModule(receiver, BLOCKING_MODULES, CONVENTIONAL_NAMES)) return undefined;
  const module = moduleOf(receiver) ?? (receiver.text === 'fs' ? 'fs' : receiver.text);
  return { name: `${receiver.text}.${callee.name.text}`, module, namespace: receiver };
}

/** True when the call stands where an `await` can be put in front of it without parentheses. */
function awaitable(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return (
    ts.isExpressionStatement(parent) || ts.isReturnStatement(parent) ||
    (ts.isVariableDeclaration(parent) && parent.initializer === call) ||
    (ts.isBinaryExpression(parent) && parent.right === call && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)
  );
}

/** `fs.readFileSync(p)` → `await fs.promises.readFile(p)` when on one line and `fs` is Node's module. */
function promiseFix(file: TsFile, call: ts.CallExpression, module: string, namespace: ts.Identifier | undefined): Fix | undefined {
  const callee = unwrap(call.expression);
  if (!namespace || module !== 'fs' || !ts.isPropertyAccessExpression(callee) || !awaitable(call)) return undefined;
  const twin = callee.name.text.slice(0, -'Sync'.length);
  if (!PROMISE_TWINS.has(twin)) return undefined;
  const line = file.lineOf(call.getStart());
  if (file.lineOf(callee.end) !== line) return undefined;
  const start = file.sourceFile.getPositionOfLineAndCharacter(line - 1, 0);
  const text = file.lines[line - 1];
  const from = call.getStart() - start;
  const to = callee.end - start;
  return { line, endLine: line, replacement: `${text.slice(0, from)}await ${namespace.text}.promises.${twin}${text.slice(to)}` };
}

/** Blocking `*Sync` calls of `fs`, `child_process`, `zlib` and `crypto` inside async functions. */
export default defineTsDetector({
  meta: {
    id: 'sync-io-in-async',
    severity: 'medium',
    category: 'reliability',
    enabledByDefault: false,
    description: 'A blocking `*Sync` call (`fs.readFileSync`, `execSync`, `zlib.gzipSync`, ...) inside an async function.',
    recommendation:
      'Use the asynchronous form (`await fs.promises.readFile(...)`, `promisify(execFile)`, `zlib.gzip` with a callback or stream) so other requests keep being served.',
    docs: {
      why: 'Off by default: in the application corpus (19 server applications), even after start-up methods (`startApp`), entry points given `process.argv` and task-runner files were left alone, 7 of the 8 findings were in code that runs once or outside the server (a translation tool\'s helpers, a language-file update script, a database `connect` and schema import at start-up), where a reviewer would not ask for the asynchronous form; the one true finding was a `spawnSync` in a notification sender. Turn it on for services whose async functions all run per request. An async function runs on the event loop that serves every other request: a synchronous file read, child process or compression inside it stops all of them until it returns, and a slow disk or a long command turns into latency for everyone. The rule reports `*Sync` functions of `fs` (and fs-extra, graceful-fs), `child_process`, `zlib` and `crypto` called directly inside an `async` function. `existsSync` (a cheap metadata check), non-async functions, module-level code, scripts and command-line entry points (a shebang, `bin/`, `scripts/`, `cli/`), start-up functions (`main`, `bootstrap`, `init`, `setup`, `start`, and names that begin with one: `startApp`, `initDb`), entry points given the command line (`startEx(process.argv)`), task-runner files (`gulpfile.js`) and tests are left alone: there, blocking once is harmless.',
      flagged: [
        "import fs from 'node:fs';\nexport async function getAvatar(id: string) {\n  return fs.readFileSync(`/data/avatars/${id}.png`);\n}\n",
        "import { execSync } from 'node:child_process';\napp.post('/deploy', async (req, res) => {\n  const out = execSync('git pull');\n  res.send(out);\n});\n",
      ],
      ignored: [
        "import fs from 'node:fs';\nexport async function getAvatar(id: string) {\n  return fs.promises.readFile(`/data/avatars/${id}.png`);\n}\n",
        "import fs from 'node:fs';\nconst config = JSON.parse(fs.readFileSync('config.json', 'utf8'));\n",
        "import fs from 'node:fs';\nexport function loadTemplate(name: string) {\n  return fs.readFileSync(name, 'utf8');\n}\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestFile(file.path) || isScriptOrCli(file)) return {};
    // Only `...Sync` calls are looked at.
    if (!mayMention(file.text, 'Sync')) return {};
    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const found = blockingCall(call);
          if (!found) return;
          const fn = ownFunction(call);
          if (!fn || !isAsyncFunction(fn)) return;
          const owner = functionName(fn);
          // `ParseServer.startApp`, and an entry point handed the command line (`startEx(process.argv)`).
          const method = owner.slice(owner.lastIndexOf('.') + 1);
          if (STARTUP_NAME.test(method) || STARTUP_PREFIX.test(method) || file.text.includes(`${method}(process.argv`)) return;
          const fix = promiseFix(file, call, found.module, found.namespace);
          const where = /^(the callback|an anonymous)/.test(owner) ? `an async function (${owner})` : `the async \`${owner}\``;
          ctx.report({
            line: file.lineOf(call.getStart()),
            message: `\`${found.name}(...)\` blocks the event loop inside ${where}.`,
            ...(fix ? { fix } : {}),
          });
        },
      },
    };
  },
});
