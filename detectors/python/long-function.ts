import type { Node } from 'web-tree-sitter';
import { definePyDetector } from '../define.js';
import { codeLineCounter, docstringOf, functionName } from './shared/function-defs.js';
import { isPythonTestPath } from './shared/python-paths.js';

/** One function being measured: code lines of nested defs and classes are subtracted from it. */
interface Frame {
  def: Node;
  nested: number;
}

/** Code lines of a span of rows (blank and comment-only lines excluded). */
type Counter = (from: number, to: number) => number;

/** Code lines of a function or class, without its docstring. */
function ownSpan(def: Node, count: Counter): number {
  const doc = docstringOf(def);
  const total = count(def.startPosition.row, def.endPosition.row);
  return doc ? total - count(doc.startPosition.row, doc.endPosition.row) : total;
}

/** Options of long-function: the most lines of code a function may have. */
export interface Options extends Record<string, unknown> {
  maxLines: number;
}

/** A function body longer than `maxLines` lines of code. */
export default definePyDetector<Options>({
  meta: {
    id: 'long-function',
    severity: 'low',
    category: 'maintainability',
    description: 'A function longer than 80 lines of code.',
    recommendation: 'Split the function into smaller ones, each doing one step with a name that says what it does.',
    docs: {
      why: 'A long function does several things at once: it is hard to name, to review and to test. Lines of code are counted from the `def` line to the end of the body, without blank lines, comment-only lines and the docstring; the lines of a nested function or class count for it, not for its parent (a decorator factory is not long because its wrapper is). Test files are left alone: a long test is a script of steps, not a design problem.',
      flagged: [`def handle(event):\n${Array.from({ length: 81 }, (_, i) => `    step_${i}(event)\n`).join('')}`],
      ignored: [
        `def handle(event):\n    """Handles one event."""\n${Array.from({ length: 40 }, (_, i) => `    step_${i}(event)\n\n    # then\n`).join('')}`,
      ],
    },
  },
  defaultOptions: { maxLines: 80 },
  create(ctx) {
    const maxLines = Number(ctx.options.maxLines);
    const count = ctx.file.memo<Counter>('python/code-line-counter', () => codeLineCounter(ctx.file.lines));
    // A test is a script of arrange/act/assert steps; its length is not a design problem.
    const tests = isPythonTestPath(ctx.file.path);
    const stack: Frame[] = [];
    const leave = (def: Node): number => {
      const frame = stack.pop();
      const own = ownSpan(def, count) - (frame?.nested ?? 0);
      const parent = stack.at(-1);
      if (parent) parent.nested += count(def.startPosition.row, def.endPosition.row);
      return own;
    };
    return {
      enter: {
        function_definition(def) {
          stack.push({ def, nested: 0 });
        },
        class_definition(def) {
          stack.push({ def, nested: 0 });
        },
      },
      exit: {
        class_definition(def) {
          leave(def);
        },
        function_definition(def) {
          const lines = leave(def);
          if (lines <= maxLines || tests) return;
          const name = functionName(def);
          ctx.report({
            line: def.startPosition.row + 1,
            endLine: def.endPosition.row + 1,
            message: `\`${name}\` is ${lines} lines of code long (the limit is ${maxLines})`,
            recommendation: `Split \`${name}\` into smaller functions, each doing one step with a name that says what it does.`,
          });
        },
      },
    };
  },
});
