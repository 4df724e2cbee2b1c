import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { resolveBinding } from './shared/bindings.js';
import { constInitializer, unwrap } from './shared/constant-text.js';
import { noteReference } from './shared/local-calls.js';
import { shortText } from './shared/source-text.js';
import { classifyValue } from './shared/value-class.js';

/** Receivers under which `eval`/`setTimeout` are still the global ones. */
const GLOBALS = new Set(['window', 'globalThis', 'global', 'self']);
/** `vm` functions whose first argument is source code. */
const VM_RUNNERS = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']);
const VM_MODULES = new Set(['vm', 'node:vm']);
/** Callee names worth a closer look. */
const CANDIDATE_NAMES = new Set(['eval', 'Function', 'setTimeout', 'setInterval', 'Script', ...VM_RUNNERS]);

/** `eval`, `window.eval` → 'eval'; `model.eval` → undefined (some other object's method). */
function globalName(callee: ts.Expression): string | undefined {
  const e = unwrap(callee);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && GLOBALS.has(e.expression.text)) return e.name.text;
  return undefined;
}

/** True when `id` is the `vm` module (or a name imported from it): `import vm from 'node:vm'`, `require('vm')`. */
function isVmBinding(id: ts.Identifier): boolean {
  const binding = resolveBinding(id);
  if (!binding) return id.text === 'vm';
  return binding.moduleName !== undefined && VM_MODULES.has(binding.moduleName);
}

/** `vm.runInNewContext`, `runInNewContext` imported from 'vm', `new vm.Script` → the function name. */
function vmFunction(callee: ts.Expression): string | undefined {
  const e = unwrap(callee);
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && isVmBinding(e.expression)) return e.name.text;
  if (ts.isIdentifier(e) && resolveBinding(e) && isVmBinding(e)) return e.text;
  return undefined;
}

/** True when `expr` certainly evaluates to a string (a template, a `+` with a string literal, or a const bound to one). */
function isStringValued(expr: ts.Expression, depth = 0): boolean {
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return isStringValued(e.left, depth + 1) || isStringValued(e.right, depth + 1);
  }
  if (ts.isIdentifier(e) && depth < 4) {
    const init = constInitializer(e);
    return init !== undefined && isStringValued(init, depth + 1);
  }
  return false;
}

/** `eval`, `new Function`, `vm.run*` and string timers on non-constant input. */
export default defineTsDetector({
  meta: {
    id: 'code-injection',
    severity: 'critical',
    category: 'security',
    description: '`eval`, `new Function`, `vm.run*` or a string timer runs non-constant text as code.',
    recommendation:
      'Do not run text as code: parse data with `JSON.parse`, look handlers up in a map of functions, pass a function to `setTimeout`, and sandbox untrusted code in a separate process.',
    docs: {
      why: 'Text that reaches `eval`, `new Function`, `vm.runIn*Context` or a string `setTimeout` runs with the full rights of the process: if any part of it comes from a request, a file or a message, whoever controls that input runs code on the server. (`vm` is not a security boundary.) Constant code strings are left alone.',
      flagged: [
        'export function calc(expression: string) {\n  return eval(expression);\n}\n',
        'function compile(body: string) {\n  return new Function("row", body);\n}\n',
        "import vm from 'node:vm';\nexport function run(code: string) {\n  return vm.runInNewContext(code, {});\n}\n",
      ],
      ignored: [
        "const two = eval('1 + 1');\n",
        'export function score(model: Model, x: Tensor) {\n  model.eval();\n  return model.forward(x);\n}\n',
        'export function later(fn: () => void) {\n  setTimeout(fn, 100);\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    function flag(node: ts.Node, arg: ts.Expression, what: string): void {
      ctx.report({
        line: ctx.file.lineOf(node.getStart()),
        message: `\`${what}\` runs \`${shortText(arg)}\` as code; it is built from a non-constant value.`,
      });
    }

    /** First argument (or, for `new Function`, any argument) that is dynamic. */
    function dynamicArgument(args: readonly ts.Expression[] | undefined, all: boolean): ts.Expression | undefined {
      const candidates = all ? (args ?? []) : (args ?? []).slice(0, 1);
      return candidates.find((a) => !ts.isSpreadElement(a) && classifyValue(ctx.file, a) === 'dynamic');
    }

    function check(node: ts.CallExpression | ts.NewExpression): void {
      const callee = unwrap(node.expression);
      // A local function, parameter or import named `eval`/`Function`/`setTimeout` is not the global one.
      if (ts.isIdentifier(callee) && resolveBinding(callee) && !isVmBinding(callee)) return;
      const name = globalName(callee);
      const isNew = ts.isNewExpression(node);
      if (name === 'Function') {
        const arg = dynamicArgument(node.arguments, true);
        if (arg) flag(node, arg, isNew ? 'new Function' : 'Function');
        return;
      }
      if (!isNew && name === 'eval') {
        const arg = dynamicArgument(node.arguments, false);
        if (arg) flag(node, arg, 'eval');
        return;
      }
      if (!isNew && (name === 'setTimeout' || name === 'setInterval')) {
        const [arg] = node.arguments;
        // Only the string form is `eval`; a function argument (even an unknown identifier) is fine.
        if (arg && isStringValued(arg) && classifyValue(ctx.file, arg) === 'dynamic') flag(node, arg, name);
        return;
      }
      const vm = vmFunction(node.expression);
      if (vm === undefined) return;
      if ((isNew && vm === 'Script') || (!isNew && VM_RUNNERS.has(vm))) {
        const arg = dynamicArgument(node.arguments, false);
        if (arg) flag(node, arg, isNew ? 'new vm.Script' : `vm.${vm}`);
      }
    }

    // Checked in `end`: a helper's parameter is classified by its callers, known only after the traversal.
    const candidates: Array<ts.CallExpression | ts.NewExpression> = [];
    const collect = (node: ts.Node): void => {
      const call = node as ts.CallExpression | ts.NewExpression;
      const callee = unwrap(call.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (call.arguments?.length && CANDIDATE_NAMES.has(name)) candidates.push(call);
    };
    return {
      enter: {
        [ts.SyntaxKind.CallExpression]: collect,
        [ts.SyntaxKind.NewExpression]: collect,
        [ts.SyntaxKind.Identifier](node) {
          noteReference(ctx.file, node as ts.Identifier);
        },
      },
      end() {
        for (const node of candidates) check(node);
      },
    };
  },
});
