import type { Node } from 'web-tree-sitter';
import { definePyDetector } from '../define.js';
import { isConstant } from './shared/constant.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';

const CODE_RUNNERS = new Set(['eval', 'exec', 'compile']);

/** `eval`, `exec`, `compile` (the builtins, not a method or a local function of that name), or null. */
function builtinRunner(call: Node, model: ScopeModel): string | null {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute') {
    const name = fn.childForFieldName('attribute')?.text ?? '';
    return fn.childForFieldName('object')?.text === 'builtins' && CODE_RUNNERS.has(name) ? name : null;
  }
  if (fn?.type !== 'identifier' || !CODE_RUNNERS.has(fn.text)) return null;
  return model.lookup(fn.text, model.scopeOf(call)) === 'builtin' ? fn.text : null;
}

function firstArgument(call: Node): Node | null {
  const first = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type !== 'comment') ?? null;
  if (first?.type === 'keyword_argument') return ['source', 'expression', 'object'].includes(first.childForFieldName('name')?.text ?? '') ? first.childForFieldName('value') : null;
  return first && !first.type.endsWith('splat') ? first : null;
}

/** The code text a call runs: `exec(compile(src, ...))` runs `src`. */
function codeSource(arg: Node, model: ScopeModel): Node {
  if (arg.type === 'call' && builtinRunner(arg, model) === 'compile') {
    const inner = firstArgument(arg);
    if (inner) return codeSource(inner, model);
  }
  return arg;
}

/** The call is `compile(...)` passed straight to `eval`/`exec`, which is reported instead. */
function insideRunner(call: Node, model: ScopeModel): boolean {
  const outer = call.parent?.parent;
  return call.parent?.type === 'argument_list' && outer?.type === 'call' && builtinRunner(outer, model) !== null;
}

/** `eval`/`exec`/`compile` of code that is not fixed by the program. */
export default definePyDetector({
  meta: {
    id: 'code-injection',
    severity: 'critical',
    category: 'security',
    description: 'eval, exec or compile run code that is not a constant.',
    recommendation: 'Parse data instead of running it (`ast.literal_eval`, `json.loads`), or dispatch to an allow-list of operations.',
    docs: {
      why: 'Whoever controls the text passed to `eval`, `exec` or `compile` runs arbitrary Python with the process\'s rights: reading secrets, deleting files, opening shells. Restricting `__builtins__` does not sandbox it.',
      flagged: ['def calc(expression):\n    return eval(expression)\n', 'def run(request):\n    exec(request.form["code"])\n'],
      ignored: ['x = eval("1 + 1")\n', 'import ast\n\ndef parse(text):\n    return ast.literal_eval(text)\n', 'def run(model):\n    model.eval()\n'],
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      enter: {
        call(call) {
          const fn = call.childForFieldName('function');
          const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
          if (!last || !CODE_RUNNERS.has(last)) return;
          const model = scopesOf(ctx.file);
          const runner = builtinRunner(call, model);
          const arg = runner ? firstArgument(call) : null;
          if (!runner || !arg || (runner === 'compile' && insideRunner(call, model))) return;
          const source = codeSource(arg, model);
          if (isConstant(source, model) !== 'no') return;
          const shown = source.text.length > 40 ? `${source.text.slice(0, 37)}...` : source.text;
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `\`${runner}()\` runs \`${shown.replace(/\s+/g, ' ')}\`, which is not a constant: whoever controls it can run any code`,
          });
        },
      },
    };
  },
});
