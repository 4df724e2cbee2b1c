import { ts } from 'ts-morph';
import { type TsFile, defineTsDetector } from '../define.js';
import { enclosingFunction } from './shared/bindings.js';
import { isDeclarationFile, isScriptOrCli, isTestFile } from './shared/file-role.js';
import { functionName } from './shared/function-name.js';
import { isBuildOutput } from './shared/generated-code.js';
import { importsOf } from './shared/imports.js';

/** Console methods that write ordinary output; `warn`/`error` are often the deliberate last resort. */
const OUTPUT_METHODS = new Set(['log', 'info', 'debug', 'trace', 'dir', 'table']);
/** Modules that make a file a command-line program: its output is the product. */
const CLI_MODULES = /^(commander|yargs|yargs\/.*|meow|cac|minimist|sade|clipanion|@oclif\/.*|ink|inquirer|prompts|@inquirer\/.*|ora|listr2?|enquirer|citty|node:readline|readline)$/;
/** Logging libraries: a file that imports one has a logger to use instead. */
const LOGGER_MODULES = /^(pino|winston|bunyan|log4js|loglevel|signale|consola|roarr|tslog|@nestjs\/common)$/;
/** Files that implement logging or debugging themselves, or run in a browser page's dev tools. */
const LOGGING_FILE = /(^|[\\/])(log|logger|logging|console|debug|devtools?|reporter|printer)[^\\/]*\.[cm]?[jt]sx?$/i;
/** Conditions that make output opt-in (`if (verbose)`, `if (process.env.DEBUG)`). */
const OPT_IN = /debug|verbose|trace|isDev|development|NODE_ENV|silent|quiet|show[A-Z]\w*|log(Level|ging)?\b/i;
/** Functions that are output helpers by name (`printUsage`, `logBanner`, `report`). */
const OUTPUT_FUNCTION = /^(print|log|debug|trace|dump|report|show|display|render|usage|help|banner)/i;

/** Server frameworks: a file that imports one serves requests. */
const SERVER_MODULES = /^(express|fastify|koa|@koa\/router|koa-router|@hapi\/hapi|restify|ws|socket\.io|probot|hono|h3|elysia|@nestjs\/.*|next\/server|@trpc\/server(\/.*)?|@apollo\/server|graphql-yoga|bullmq)$/;
/** A request handler written in the file: `(req, res)`. */
const REQUEST_HANDLER = /\(\s*req\b[^()]*,\s*res\b/;

/** True when the file is server code: it imports a server framework or writes a `(req, res)` handler. */
function isServerFile(file: TsFile): boolean {
  const { imports, requires } = importsOf(file);
  return [...imports.map((i) => i.specifier), ...requires.map((r) => r.specifier)].some((s) => SERVER_MODULES.test(s)) || (file.text.includes('req') && REQUEST_HANDLER.test(file.text));
}

/** Names that hold a caught error (`ex`, `err`, `error`). */
const ERROR_NAME = /^(e|ex|err|error|exception|reason)$/;

/**
 * True when the call reports a failure: it is in a `catch` block or an `'error'` listener, or prints a caught
 * error (`console.log(ex)`). Without a logger in the project that is its last-resort error channel, like `console.error`.
 */
function reportsError(call: ts.CallExpression): boolean {
  const mentionsError = (n: ts.Node): boolean => (ts.isIdentifier(n) && ERROR_NAME.test(n.text)) || (ts.forEachChild(n, mentionsError) ?? false);
  if (call.arguments.some(mentionsError)) return true;
  for (let a: ts.Node = call.parent; !ts.isSourceFile(a); a = a.parent) {
    if (ts.isCatchClause(a)) return true;
    if (ts.isFunctionLike(a)) {
      const event = ts.isCallExpression(a.parent) ? a.parent.arguments[0] : undefined;
      return event !== undefined && ts.isStringLiteralLike(event) && event.text === 'error';
    }
  }
  return false;
}

/** What makes the file's own console output the point of it, if anything. */
function isOutputFile(file: TsFile): boolean {
  if (isTestFile(file.path) || isDeclarationFile(file.path) || isScriptOrCli(file) || LOGGING_FILE.test(file.path)) return true;
  // A bundle merges modules: the logger one of them imports says nothing about the others (seen in actual's build/chunks).
  if (isBuildOutput(file)) return true;
  const { imports, requires } = importsOf(file);
  if ([...imports.map((i) => i.specifier), ...requires.map((r) => r.specifier)].some((s) => CLI_MODULES.test(s))) return true;
  return file.text.includes('process.argv') && /\bprocess\.argv\b/.test(file.text);
}

/** The logger the file already uses (an imported logging library or a `logger`/`log` binding), for the message. */
function loggerInUse(file: TsFile): string | undefined {
  const { imports, requires } = importsOf(file);
  const lib = [...imports.map((i) => i.specifier), ...requires.map((r) => r.specifier)].find((s) => LOGGER_MODULES.test(s));
  if (lib) return lib;
  const text = file.text;
  // Substring searches first: the pattern needs `log.` or `logger.`.
  if (!text.includes('log.') && !text.includes('logger.')) return undefined;
  return /\b(logger|log)\.(info|debug|warn|error|trace)\(/.exec(text)?.[1];
}

/** True when an enclosing `if`/`?:`/`&&` makes the output opt-in, or the enclosing function is an output helper. */
function isOptIn(call: ts.Node): boolean {
  for (let node: ts.Node = call; node.parent; node = node.parent) {
    const p = node.parent;
    if (ts.isIfStatement(p) && p.expression !== node && OPT_IN.test(p.expression.getText())) return true;
    if (ts.isConditionalExpression(p) && p.condition !== node && OPT_IN.test(p.condition.getText())) return true;
    if (ts.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && OPT_IN.test(p.left.getText())) return true;
    if (ts.isFunctionLike(p)) break;
  }
  const fn = enclosingFunction(call);
  return fn !== undefined && OUTPUT_FUNCTION.test(functionName(fn).replace(/^.*\./, ''));
}

/** `console.log` and kin in library or server code. */
/** Logger levels that take structured fields first (pino, bunyan, winston's meta object). */
const LOG_LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** `logger.info({ userId, orderId }, 'order placed')`: fields a log search can filter on, not a string. */
function isStructuredLogCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LOG_LEVELS.has(callee.name.text)) return false;
  const receiver = callee.expression;
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
  if (!/^(log|logger|\w*Logger|\w*Log)$/.test(name) || name === 'console') return false;
  const first = call.arguments[0];
  return first !== undefined && ts.isObjectLiteralExpression(first) && first.properties.length > 0;
}

export default defineTsDetector({
  meta: {
    id: 'console-logging',
    severity: 'low',
    category: 'maintainability',
    description: '`console.log` (or `info`/`debug`/`trace`/`dir`/`table`) in library or server code.',
    recommendation: 'Use the application\'s logger (structured, levelled, redacted), or remove the debugging output.',
    docs: {
      why: 'Console output from a server or a library bypasses the logger: it has no level, no request context and no redaction, cannot be switched off, and in a library it writes into its users\' output. Often it is debugging output left behind. Not reported where console output is the point: tests, `scripts/`, `bin/`, `cli/`, `tools/` and `examples/` paths, files with a shebang, files importing a command-line library (commander, yargs, inquirer, ...) or reading `process.argv`, logger and reporter implementations (`logger.ts`, `reporter.js`), output opt-in behind a `debug`/`verbose`/`NODE_ENV` condition, and output helpers (`printUsage`, `logBanner`). `console.warn`/`console.error` are left alone: they are the usual last-resort channel; so is, in server code without a logger, console output that reports a failure (in a `catch` block or an `\'error\'` listener, or printing the caught error). By default reported only where the case is clear: the file already uses a logger (a logging library, `logger.info(...)`, which the message names). Option `serverCode: true` also reports server code without a logger (it imports a server framework such as express, fastify, koa, ws, socket.io, probot, or writes a `(req, res)` handler): in the application corpus, 30 of 45 findings were of that kind and all in one application whose only output channel is the console (start-up banners, operator messages), which its reviewers read as intended, so it is off by default. In other library modules console output may be the chosen channel: option `anyModule: true` reports those too (and server code); on the corpus most of them were command-line tools\' output or opt-in diagnostics, so it is off by default.',
      flagged: [
        "import pino from 'pino';\nconst logger = pino();\nexport async function handle(req) {\n  console.log('got', req.body);\n  logger.info('handled');\n}\n",
        "const winston = require('winston');\nmodule.exports = function save(order) {\n  console.debug('saving', order);\n  winston.info('saved');\n};\n",
      ],
      ignored: [
        "#!/usr/bin/env node\nconsole.log('done');\n",
        "if (process.env.DEBUG) console.log('state', state);\n",
        "console.error('fatal', err);\n",
        'export function parse(s: string) {\n  console.log(s);\n  return JSON.parse(s);\n}\n',
        "import { Command } from 'commander';\nconsole.log(new Command().name());\n",
      ],
    },
  },
  defaultOptions: { anyModule: false, serverCode: false },
  create(ctx) {
    const logger = loggerInUse(ctx.file);
    const wider = Boolean(ctx.options.serverCode || ctx.options.anyModule);
    // Without a logger and with the default options there is nothing to report: asked first, as most files have none.
    if ((!logger && !wider) || isOutputFile(ctx.file)) return {};
    // Server code matters only for a file without a logger (the message names the logger otherwise).
    const server = !logger && wider && isServerFile(ctx.file);
    // Without a logger in the file and outside server code, console output may be the library's chosen channel.
    if (!logger && !server && !ctx.options.anyModule) return {};
    return {
      enter: {
        CallExpression(node) {
          if (isStructuredLogCall(node as ts.CallExpression)) ctx.praise({ line: ctx.file.lineOf(node.getStart()), pattern: 'structured-logging' });
          const callee = (node as ts.CallExpression).expression;
          if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'console') return;
          const method = callee.name.text;
          if (!OUTPUT_METHODS.has(method) || isOptIn(node)) return;
          // Server code without a logger: a failure printed to the console is the project's error channel (seen throughout meshcentral).
          if (!logger && server && reportsError(node as ts.CallExpression)) return;
          const context = logger ? ` although this file uses \`${logger}\`` : server ? ' in server code' : ' in library code';
          ctx.report({ line: ctx.file.lineOf(node.getStart()), message: `\`console.${method}\`${context}.` });
        },
      },
    };
  },
});
