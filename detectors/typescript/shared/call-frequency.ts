/**
 * "Does this function run again and again?" answered with a phrase or undefined (unknown): request
 * handlers and event listeners (see `per-event-context.ts`), named functions and methods other than
 * set-up entry points. Callbacks handed to something else (`listen`, `then`, `beforeAll`) and IIFEs
 * are unknown: they may run once.
 */
import { ts } from 'ts-morph';
import { functionName } from './function-name.js';
import { isAsyncFunction, repeatedContext } from './per-event-context.js';

/** Entry points and set-up code that run once per process. */
const ONCE_NAME = /^(main|run|cli|boot|start\w*|bootstrap\w*|setup\w*|init\w*|seed\w*|migrate\w*|configure\w*|register\w*|install\w*|global(Setup|Teardown))$/i;

/** True for `(function () { ... })()` / `(async () => { ... })()`. */
function isImmediatelyInvoked(fn: ts.Node): boolean {
  let node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isCallExpression(node.parent) && node.parent.expression === node;
}

/** True when `fn` is an argument of some call (a callback whose caller decides how often it runs). */
function isCallback(fn: ts.Node): boolean {
  const parent = fn.parent;
  if (!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) return false;
  const args: readonly ts.Node[] = parent.arguments ?? [];
  return args.includes(fn);
}

/** Server frameworks: a module importing one serves requests, jobs or messages. */
const SERVER_MODULE = /^(express|fastify|koa|@koa\/router|hono|next(\/.*)?|@nestjs\/.+|ws|socket\.io|bullmq|@trpc\/server|@hapi\/hapi|restify|probot)$/;

/** True when the file imports a server framework (express, fastify, Next.js, ws, BullMQ, ...). */
export function isServerModule(specifiers: readonly string[]): boolean {
  return specifiers.some((s) => SERVER_MODULE.test(s));
}

/**
 * How often `fn` runs, in words (`every request to \`app.get\``, `every call of \`getUsers\``), or
 * undefined when it may run only once (constructors, set-up functions, IIFEs, callbacks of unknown callers,
 * plain synchronous functions outside server modules).
 */
export function perCallFunction(fn: ts.Node, serverModule: boolean): string | undefined {
  if (ts.isConstructorDeclaration(fn) || ts.isClassStaticBlockDeclaration(fn) || isImmediatelyInvoked(fn)) return undefined;
  const repeated = repeatedContext(fn);
  if (repeated) return repeated;
  if (isCallback(fn)) return undefined;
  const name = functionName(fn);
  if (name === 'an anonymous function' || ONCE_NAME.test(name.split('.').at(-1) ?? name)) return undefined;
  // A plain synchronous function of a script or library may run once; async code and server modules serve calls.
  return serverModule || isAsyncFunction(fn) ? `every call of \`${name}\`` : undefined;
}
