import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { enclosingFunction, resolveBinding } from './shared/bindings.js';
import { isAssignmentTarget } from './shared/collection-uses.js';
import { unwrap } from './shared/constant-text.js';
import { isDeclarationFile, isScriptOrCli, isTestFile } from './shared/file-role.js';
import { functionName, isFunctionBody } from './shared/function-name.js';
import { isAsyncFunction, perEventContext } from './shared/per-event-context.js';

/** A write to a module-level binding from inside a function. */
interface Write {
  id: ts.Identifier;
  fn: ts.Node;
  /** Lazy initialisation, a counter step or a reset to null/undefined: not shared state worth a comment. */
  benign: boolean;
}

/** Worker-thread entry files: the module's state belongs to one worker, like a script's. */
const WORKER_ENTRY = /(^|[\\/])workers?(\.[cm]?[jt]s|[\\/])/i;
/** Functions that run while a program configures itself, not per call. */
const SETUP_FUNCTION = /^(init|initiali[sz]e|setup|configure|install|register|bootstrap|reset)([A-Z_]|$)/;
const LAZY_OPERATORS = new Set([ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken]);
const NULLISH = new Set([ts.SyntaxKind.NullKeyword, ts.SyntaxKind.UndefinedKeyword]);
const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);

/** Module-level `let`/`var` declarations by name. */
function moduleVariables(sourceFile: ts.SourceFile): Map<string, ts.VariableDeclaration> {
  const found = new Map<string, ts.VariableDeclaration>();
  for (const s of sourceFile.statements) {
    if (!ts.isVariableStatement(s) || s.declarationList.flags & ts.NodeFlags.Const) continue;
    for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) found.set(d.name.text, d);
  }
  return found;
}

/** The identifier a condition tests for presence (`x`, `!x`, `x == null`, `x === undefined`, `typeof x`), if any. */
function testedName(condition: ts.Expression): string | undefined {
  const e = unwrap(condition);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return testedName(e.operand);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) return testedName(e.left) ?? testedName(e.right);
    if (EQUALITY.has(op)) {
      const left = unwrap(e.left);
      const other = unwrap(e.right);
      if (NULLISH.has(other.kind) || (ts.isIdentifier(other) && other.text === 'undefined')) return testedName(left);
      // `typeof x === 'undefined'`; `x === 'ready'` tests a value, not presence.
      if (ts.isTypeOfExpression(left) && ts.isStringLiteral(other) && other.text === 'undefined') return testedName(left.expression);
    }
  }
  return undefined;
}

/** True for `x++`, `x--`, `x += 1`, `x -= 1`: a counter. */
function isCounterStep(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) return true;
  if (!ts.isBinaryExpression(p)) return false;
  const op = p.operatorToken.kind;
  return (op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.MinusEqualsToken) && ts.isNumericLiteral(p.right);
}

/** True for `x = null`, `x = undefined`, `x ??= v`, `x ||= v`. */
function isResetOrLazy(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!ts.isBinaryExpression(p)) return false;
  if (LAZY_OPERATORS.has(p.operatorToken.kind)) return true;
  const right = unwrap(p.right);
  return p.operatorToken.kind === ts.SyntaxKind.EqualsToken && (NULLISH.has(right.kind) || (ts.isIdentifier(right) && right.text === 'undefined'));
}

/** True for `x = 0` (any numeric literal): resetting a counter. */
function isNumberReset(id: ts.Identifier): boolean {
  const p = id.parent;
  return ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isNumericLiteral(unwrap(p.right));
}

/**
 * True for a one-statement setter (`export function setErrorMap(map) { overrideErrorMap = map; }`):
 * an explicit API to configure a process-wide default, called at start-up.
 */
function isSetter(write: Write, binding: string): boolean {
  const fn = write.fn;
  const name = functionName(fn);
  if (SETUP_FUNCTION.test(name) || name.toLowerCase() === `set${binding.toLowerCase()}`) return true;
  if (!/^set[A-Z_]/.test(name) || !isFunctionBody(fn) || !fn.body) return false;
  const body = fn.body;
  if (!ts.isBlock(body)) return true;
  return body.statements.length === 1 && ts.isExpressionStatement(body.statements[0]) && write.id.parent === body.statements[0].expression;
}

/** True when the write can interleave with another caller's: in an async function or a per-event/request handler. */
function isConcurrent(write: Write): boolean {
  return isAsyncFunction(write.fn) || perEventContext(write.id) !== undefined;
}

/** True when `fn` is a function expression called where it is defined at module level (an IIFE runs once). */
function isModuleIife(fn: ts.Node): boolean {
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  return ts.isCallExpression(call) && call.expression === node && enclosingFunction(call) === undefined;
}

/** Module-level `let`/`var` bindings reassigned from inside functions. */
export default defineTsDetector({
  meta: {
    id: 'global-mutable-state',
    severity: 'medium',
    category: 'maintainability',
    enabledByDefault: false,
    description: 'A module-level `let`/`var` is reassigned from inside functions: state shared by every caller.',
    recommendation: 'Keep the state in an object that is created and passed explicitly (per request, per job, per instance), or make the binding `const`.',
    docs: {
      why: 'Off by default, like its Python twin: in the application corpus (19 server applications) 18 of 19 findings were process-wide state kept on purpose, which a careful reviewer reads as intended: lazily initialised singletons (`devToolsMiddleware`, `telemetryState`, a scheduled `job`), caches with their refresh time (`allowlistedRepos`/`lastAllowlistFetch`), process flags (`SERVER_ONLINE = false` at shutdown, `needSetup`), browser feature detection and a command-line tool\'s globals; the one true finding was an admin handler that resets a shared `info` object per request while other requests fill it. A module-level variable that functions overwrite is shared by every caller and every concurrent request: one request sees another\'s value, tests depend on their order, and the code cannot run twice in one process. By default reported only when the write can interleave with another caller\'s, in an async function or a per-event/request handler (`app.get`, `.on(...)` callbacks, `(req, res)` functions): there the bug is certain, not just a design smell. Option `anyFunction: true` reports writes from any function; on the library corpus 3 of 8 of those were deliberate process-wide settings or generator state (a global store\'s isolation switch, an id generator\'s last timestamp), which a reviewer would not question, so it is off by default. Reported once per binding, at the first write. Left alone: bindings only assigned at module level (or in a top-level IIFE), lazy initialisation (`x ??= create()`, or an assignment guarded by `if (!x)` / `x === undefined` in the same function) and resets to `null`/`undefined`, counters only stepped with `++`/`+= n` (and reset to a number), setters (`setErrorMap(map) { override = map }`, `setX` for a binding `x`) and set-up functions (`init*`, `configure*`, `register*`, `reset*`): explicit APIs for a process-wide default, worker-thread entry files, `const` bindings (mutating a `const` collection is `unbounded-collection`\'s business), and tests, scripts and CLIs, where a process runs one job.',
      flagged: [
        'let currentUser: User | undefined;\nexport async function login(token: string) {\n  currentUser = await users.byToken(token);\n}\n',
        "let lastRequest;\napp.use((req, res, next) => {\n  lastRequest = req;\n  next();\n});\n",
      ],
      ignored: [
        'let client: Client | undefined;\nexport function getClient() {\n  if (!client) client = new Client();\n  return client;\n}\n',
        'let nextId = 0;\nexport const newId = () => nextId++;\n',
        'let verbose = false;\nexport function setVerbose(on: boolean) {\n  verbose = on;\n}\n',
        'const state = { ready: false };\nexport function ready() {\n  state.ready = true;\n}\n',
      ],
    },
  },
  defaultOptions: { anyFunction: false },
  create(ctx) {
    const { path } = ctx.file;
    if (isTestFile(path) || isDeclarationFile(path) || isScriptOrCli(ctx.file) || WORKER_ENTRY.test(path)) return {};
    const variables = moduleVariables(ctx.file.sourceFile);
    if (variables.size === 0) return {};
    const writes = new Map<string, Write[]>();
    /** "name@function" pairs where the function tests the binding's presence (lazy initialisation). */
    const tested = new Set<string>();
    const testKey = (name: string, fn: ts.Node): string => `${name}@${fn.pos}`;
    const noteTest = (condition: ts.Expression, at: ts.Node): void => {
      const name = testedName(condition);
      if (!name || !variables.has(name)) return;
      const fn = enclosingFunction(at);
      if (fn) tested.add(testKey(name, fn));
    };
    return {
      enter: {
        Identifier(node) {
          const id = node as ts.Identifier;
          if (!variables.has(id.text) || !isAssignmentTarget(id)) return;
          const fn = enclosingFunction(id);
          if (!fn || isModuleIife(fn) || resolveBinding(id)?.declaration !== variables.get(id.text)) return;
          const list = writes.get(id.text) ?? [];
          list.push({ id, fn, benign: isCounterStep(id) || isResetOrLazy(id) });
          writes.set(id.text, list);
        },
        IfStatement(node) {
          noteTest((node as ts.IfStatement).expression, node);
        },
        ConditionalExpression(node) {
          noteTest((node as ts.ConditionalExpression).condition, node);
        },
        BinaryExpression(node) {
          // `return x || (x = create())`
          const b = node as ts.BinaryExpression;
          const op = b.operatorToken.kind;
          if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) noteTest(b.left, node);
        },
      },
      end() {
        for (const [name, list] of writes) {
          const counter = list.some((w) => isCounterStep(w.id));
          const real = list.filter(
            (w) => !w.benign && !tested.has(testKey(name, w.fn)) && !(counter && isNumberReset(w.id)) && !isSetter(w, name) &&
              (ctx.options.anyFunction || isConcurrent(w)),
          );
          if (real.length === 0) continue;
          const functions = [...new Set(real.map((w) => functionName(w.fn)))];
          const kind = (variables.get(name)?.parent.flags ?? 0) & ts.NodeFlags.Let ? 'let' : 'var';
          const more = functions.length > 1 ? ` (and ${functions.length - 1} more function${functions.length > 2 ? 's' : ''})` : '';
          const how = real.some(isConcurrent) ? 'every concurrent request or event shares and overwrites it' : 'every caller shares and overwrites it';
          ctx.report({
            line: ctx.file.lineOf(real[0].id.getStart()),
            message: `Module-level \`${kind} ${name}\` is reassigned in \`${functions[0]}\`${more}: ${how}.`,
          });
        }
      },
    };
  },
});
