import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { enclosingFunction, resolveBinding } from './shared/bindings.js';
import { constantText, unwrap } from './shared/constant-text.js';
import { nameWords } from './shared/name-words.js';
import { booleanLiteral, propertyNameText } from './shared/object-literal.js';
import { isTestPath } from './shared/secret-patterns.js';
import { shortText } from './shared/source-text.js';

/** Words a debug switch's name may consist of (`DEBUG`, `IS_DEBUG`, `debugMode`, `ENABLE_DEBUG`); one must be `debug`. */
const SWITCH_WORDS = new Set(['debug', 'is', 'mode', 'enabled', 'enable', 'on', 'app', 'server', 'global']);
/** Development tooling, scripts and debug helpers: a debug switch there never reaches production. */
const TOOLING_PATH =
  /(^|\/)(scripts?|tools?|\.storybook|dev|devtools|benchmarks?)\/|\.config\.[cm]?[jt]s$|(^|\/)(webpack|vite|rollup|jest|vitest|karma|babel|eslint|gulpfile|gruntfile)[^/]*$|(^|\/)([^/]*[._-])?(debug|dev|development)([._-][^/]*)?\.[cm]?[jt]sx?$/i;

/** True for a name that is only a debug switch. */
function isDebugSwitch(name: string): boolean {
  const words = nameWords(name);
  return words.includes('debug') && words.every((w) => SWITCH_WORDS.has(w));
}

/** True when `node` runs only under some condition (`if`, `? :`, `&&`, a `case`): the switch then depends on something. */
function conditional(node: ts.Node): boolean {
  for (let child = node, a = node.parent; a; child = a, a = a.parent) {
    if (ts.isIfStatement(a) && child !== a.expression) return true;
    if (ts.isConditionalExpression(a) && child !== a.condition) return true;
    if (ts.isBinaryExpression(a) && /^(&&|\|\||\?\?)$/.test(a.operatorToken.getText()) && child === a.right) return true;
    if (ts.isCaseClause(a)) return true;
  }
  return false;
}

/** Calls whose `debug: true` option exposes data: Apollo (stack traces in responses), knex and mysql (queries with values in logs). */
const DEBUG_OPTION_CALLEES = new Set(['ApolloServer', 'knex', 'Knex', 'createConnection', 'createPool', 'createPoolCluster']);

export interface DebugModeOptions extends Record<string, unknown> {
  /** Also report module-level switches such as `const DEBUG = true` (mostly logging toggles, hence off by default). */
  constants: boolean;
}

/** The callee's last name (`mysql.createPool` → createPool). */
function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const callee = unwrap(call.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** True when `id` is bound to (or named as) the given module: `import mongoose from 'mongoose'`. */
function isModule(id: ts.Expression, module: string, fallbackName?: string): boolean {
  const e = unwrap(id);
  if (!ts.isIdentifier(e)) return false;
  const binding = resolveBinding(e);
  if (!binding) return e.text === fallbackName;
  return binding.moduleName === module;
}

/** Hardcoded debug modes that leak data: Apollo/knex/mysql `debug: true`, Mongoose and Express debug settings, `errorhandler`. */
export default defineTsDetector<DebugModeOptions>({
  meta: {
    id: 'debug-mode-enabled',
    severity: 'medium',
    category: 'security',
    description: 'A framework debug mode that exposes stack traces or query data is switched on unconditionally.',
    recommendation:
      'Derive the switch from the environment (`debug: process.env.NODE_ENV !== \'production\'`) or guard it (`if (process.env.NODE_ENV === \'development\') ...`) so production runs with it off.',
    docs: {
      why: 'A debug mode hardcoded on ships to production with the next deploy: Apollo Server then sends stack traces to clients, the `errorhandler` middleware and Express in `development` show them in error pages, and knex, mysql and Mongoose log every query with its values (personal data, tokens). The rule reports those switches when they are literal and unconditional. Switches computed from the environment or under a condition are left alone, and so are test files, scripts and tooling configuration. A plain `const DEBUG = true` is, in JavaScript, almost always a console-logging toggle (10 of 10 sampled on public code), so it is reported only with the option `constants: true`; `debug: true` options of other libraries (i18next, loggers, UI widgets) only make them log more.',
      flagged: [
        "const server = new ApolloServer({ typeDefs, resolvers, debug: true });\n",
        "mongoose.set('debug', true);\n",
        "import errorHandler from 'errorhandler';\napp.use(errorHandler());\n",
      ],
      ignored: [
        "const server = new ApolloServer({ typeDefs, resolvers, debug: process.env.NODE_ENV !== 'production' });\n",
        "if (process.env.NODE_ENV !== 'production') mongoose.set('debug', true);\n",
        "i18n.use(initReactI18next).init({ resources, lng: 'en', debug: true });\n",
        'export const DEBUG = true;\n',
      ],
    },
  },
  defaultOptions: { constants: false },
  create(ctx) {
    if (isTestPath(ctx.file.path) || TOOLING_PATH.test(ctx.file.path)) return {};
    const report = (node: ts.Node, what: string, effect: string): void => {
      ctx.report({ line: ctx.file.lineOf(node.getStart()), message: `${what} turns debug mode on unconditionally: ${effect}.` });
    };
    const QUERIES_LOGGED = 'every query is logged with its values (personal data, tokens) in production';

    function onVariable(node: ts.Node): void {
      const d = node as ts.VariableDeclaration;
      if (!ctx.options.constants || !ts.isIdentifier(d.name) || !d.initializer || enclosingFunction(d) !== undefined) return;
      if (isDebugSwitch(d.name.text) && booleanLiteral(d.initializer) === true) report(d, `\`${d.name.text} = true\``, 'it ships to production as is');
    }

    function onAssignment(node: ts.Node): void {
      const b = node as ts.BinaryExpression;
      if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const target = unwrap(b.left);
      const text = target.getText().replace(/\s+/g, '');
      if (/^process\.env(\.NODE_ENV|\[['"]NODE_ENV['"]\])$/.test(text) && constantText(b.right) === 'development' && !conditional(b)) {
        report(b, `\`${text} = 'development'\``, 'frameworks then show stack traces and skip production hardening');
        return;
      }
      // Inside a function an assignment is a runtime toggle (`if (flag === '--debug') debug = true`).
      if (!ctx.options.constants || booleanLiteral(b.right) !== true || enclosingFunction(b) !== undefined || conditional(b)) return;
      const name = ts.isIdentifier(target) ? target.text : ts.isPropertyAccessExpression(target) ? target.name.text : undefined;
      if (name !== undefined && isDebugSwitch(name)) report(b, `\`${shortText(target)} = true\``, 'it ships to production as is');
    }

    function onProperty(node: ts.Node): void {
      const p = node as ts.PropertyAssignment;
      if (propertyNameText(p.name) !== 'debug' || booleanLiteral(p.initializer) !== true) return;
      const call = p.parent.parent;
      // Only options handed straight to a known call: a `{ debug: true }` elsewhere may be a default, a type or another library's logging.
      if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments?.includes(p.parent as ts.Expression)) return;
      const name = calleeName(call);
      if (!DEBUG_OPTION_CALLEES.has(name) || conditional(call)) return;
      const effect = name === 'ApolloServer' ? 'error responses carry stack traces to every client' : QUERIES_LOGGED;
      report(p, `\`debug: true\` in the options of \`${shortText(call.expression)}\``, effect);
    }

    function onCall(node: ts.Node): void {
      const call = node as ts.CallExpression;
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'set' && callee.name.text !== 'use')) return;
      const [first, second] = call.arguments;
      if (callee.name.text === 'set' && call.arguments.length === 2) {
        const key = constantText(first);
        if (key === 'debug' && booleanLiteral(second) === true && isModule(callee.expression, 'mongoose', 'mongoose') && !conditional(call)) {
          report(call, `\`${shortText(call, 50)}\``, QUERIES_LOGGED);
        } else if (key === 'env' && constantText(second) === 'development' && !conditional(call)) {
          report(call, `\`${shortText(call, 50)}\``, 'Express then sends stack traces in error pages');
        }
        return;
      }
      // `app.use(errorHandler())` with the `errorhandler` package: full stack traces to the client.
      const inner = first && ts.isCallExpression(unwrap(first)) ? (unwrap(first) as ts.CallExpression) : undefined;
      if (callee.name.text === 'use' && inner && isModule(inner.expression, 'errorhandler') && !conditional(call)) {
        report(call, `\`${shortText(call, 50)}\` (the \`errorhandler\` package)`, 'error pages show stack traces and source to every client');
      }
    }

    return {
      enter: {
        VariableDeclaration: onVariable,
        BinaryExpression: onAssignment,
        PropertyAssignment: onProperty,
        CallExpression: onCall,
      },
    };
  },
});
