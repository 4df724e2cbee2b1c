import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { enclosingFunction, resolveBinding } from './shared/bindings.js';
import { unwrap } from './shared/constant-text.js';
import { isTestFile } from './shared/file-role.js';
import { LISTENER_METHODS, eventNameOf, perEventContext } from './shared/per-event-context.js';

const REMOVE = new Set(['off', 'removeListener', 'removeEventListener', 'removeAllListeners']);
/** Globals that live as long as the process or page. */
const GLOBAL_EMITTERS = new Set(['process', 'window', 'document', 'globalThis', 'self']);

/** Receiver text without whitespace (`this.bus`, `process`). */
function receiverKey(callee: ts.PropertyAccessExpression): string {
  return callee.expression.getText().replace(/\s+/g, '');
}

/** True when the emitter outlives the handler: a module-level binding, an import, or a process-wide global. */
function isLongLivedEmitter(receiver: ts.Expression): boolean {
  const e = unwrap(receiver);
  const root = ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) ? e.expression : e;
  if (!ts.isIdentifier(root)) return false;
  const binding = resolveBinding(root);
  if (!binding) return GLOBAL_EMITTERS.has(root.text);
  return binding.kind !== 'param' && enclosingFunction(binding.declaration) === undefined;
}

/** True for `addEventListener(type, fn, { once: true })` or `{ signal }`: removed by the platform. */
function removedByOptions(call: ts.CallExpression): boolean {
  const options = call.arguments[2];
  if (!options || !ts.isObjectLiteralExpression(options)) return false;
  return options.properties.some((p) => {
    const name = p.name && ts.isIdentifier(p.name) ? p.name.text : '';
    return name === 'signal' || (name === 'once' && ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
  });
}

interface Candidate {
  call: ts.CallExpression;
  receiver: string;
  event?: string;
  context: string;
}

/**
 * True inside `if (state == 0) { ...; state = 1; }` within the handler: a branch that turns its own
 * condition off runs once, not per event (`if (!started) { started = true; process.stdin.on(...) }`).
 */
function inOneTimeBranch(call: ts.Node): boolean {
  for (let child: ts.Node = call, a = call.parent; a && !ts.isFunctionLike(a); child = a, a = a.parent) {
    if (!ts.isIfStatement(a) || child !== a.thenStatement) continue;
    const tested = new Set<string>();
    const collect = (n: ts.Node): void => {
      if (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n)) tested.add(n.getText().replace(/\s+/g, ''));
      ts.forEachChild(n, collect);
    };
    collect(a.expression);
    let switchedOff = false;
    const visit = (n: ts.Node): void => {
      if (switchedOff || ts.isFunctionLike(n)) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && tested.has(n.left.getText().replace(/\s+/g, ''))) switchedOff = true;
      ts.forEachChild(n, visit);
    };
    visit(a.thenStatement);
    if (switchedOff) return true;
  }
  return false;
}

/** Listeners added to long-lived emitters inside per-connection or per-request handlers, never removed. */
export default defineTsDetector({
  meta: {
    id: 'event-listener-leak',
    severity: 'medium',
    category: 'reliability',
    description: 'A listener is added to a long-lived emitter on every event or request and never removed.',
    recommendation: 'Register the listener once (at start-up), use `once`, or remove it (`off`/`removeListener`, an AbortSignal) when the connection or request ends.',
    docs: {
      why: 'Each call leaves one more listener, and everything its closure holds (the socket, the request), on an emitter that outlives them: memory grows with traffic, handlers run N times and Node warns `MaxListenersExceededWarning`. Reported only when the listener is added inside a handler that clearly runs per event or request (a `.on(...)` callback, an `app.get`/`router.use` handler, a `createServer` callback, a `(req, res)` function, `setInterval`) to an emitter that outlives it (a module-level binding, an import, `process`, `window`, `document`), and the file never calls `off`/`removeListener`/`removeEventListener`/`removeAllListeners` on it. Listeners on the connection or request itself (`socket.on` inside `on("connection")`), `once`, `{ once: true }` or `{ signal }` options, and registrations at module level or in constructors, and in a branch that switches its own condition off (`if (state == 0) { state = 1; process.stdin.on(...) }`, which runs once) are fine.',
      flagged: [
        "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  bus.on('message', (m) => socket.send(m));\n});\n",
        "app.get('/events', (req, res) => {\n  process.on('SIGTERM', () => res.end());\n});\n",
      ],
      ignored: [
        "wss.on('connection', (socket) => {\n  socket.on('message', (m) => handle(socket, m));\n});\n",
        "import { bus } from './bus.js';\nwss.on('connection', (socket) => {\n  const relay = (m: string) => socket.send(m);\n  bus.on('message', relay);\n  socket.on('close', () => bus.off('message', relay));\n});\n",
        "process.on('SIGTERM', shutdown);\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestFile(ctx.file.path)) return {};
    const candidates: Candidate[] = [];
    /** Receivers something is removed from: receiver → event names ('*' for any). */
    const removed = new Map<string, Set<string>>();
    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = call.expression;
          if (!ts.isPropertyAccessExpression(callee)) return;
          const method = callee.name.text;
          if (REMOVE.has(method)) {
            const key = receiverKey(callee);
            const events = removed.get(key) ?? new Set<string>();
            events.add(method === 'removeAllListeners' ? '*' : (eventNameOf(call) ?? '*'));
            removed.set(key, events);
            return;
          }
          if (!LISTENER_METHODS.has(method) || call.arguments.length < 2 || removedByOptions(call)) return;
          if (!isLongLivedEmitter(callee.expression)) return;
          const context = perEventContext(call);
          if (context && !inOneTimeBranch(call)) candidates.push({ call, receiver: receiverKey(callee), event: eventNameOf(call), context });
        },
      },
      end() {
        for (const c of candidates) {
          const events = removed.get(c.receiver);
          if (events && (events.has('*') || c.event === undefined || events.has(c.event))) continue;
          const callee = c.call.expression as ts.PropertyAccessExpression;
          const what = `\`${c.receiver}.${callee.name.text}(${c.event === undefined ? '' : `'${c.event}'`})\``;
          ctx.report({
            line: ctx.file.lineOf(callee.name.getStart()),
            message: `${what} adds a listener on ${c.context} and nothing removes it: \`${c.receiver}\` keeps one more listener (and what it captures) each time.`,
          });
        }
      },
    };
  },
});
