import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { codeLineCounter, docstringOf, functionName } from './shared/function-defs.js';
import { isPythonMigrationPath, isPythonTestPath } from './shared/python-paths.js';

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

/**
 * Code lines of the body's data tables: top-level statements that assign a dict or list literal
 * (`self.settings = {...}`). A table of entries is not logic, and splitting it does not help.
 */
const TABLE_LINES = 20;
const OPTION_DECLARATION = /\.(add_argument|add_option|add_argument_group|add_mutually_exclusive_group)$/;

function tableLines(def: Node, count: Counter): number {
  let lines = 0;
  let options = 0;
  for (const statement of def.childForFieldName('body')?.namedChildren ?? []) {
    const expression = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    // `parser.add_argument("-v", ..., help="...")`: command-line options declared one by one.
    if (expression?.type === 'call' && OPTION_DECLARATION.test(expression.childForFieldName('function')?.text ?? '')) {
      options += count(expression.startPosition.row, expression.endPosition.row) - 1;
      continue;
    }
    const value = expression?.type === 'assignment' ? expression.childForFieldName('right') : statement?.type === 'return_statement' ? statement.namedChild(0) : null;
    if (!value || (value.type !== 'dictionary' && value.type !== 'list')) continue;
    // A table, not a dict built in passing: at least 20 lines of entries.
    const span = count(value.startPosition.row, value.endPosition.row);
    if (span >= TABLE_LINES) lines += span - 1;
  }
  return lines + (options >= TABLE_LINES ? options : 0);
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
      why: 'A long function does several things at once: it is hard to name, to review and to test. Lines of code are counted from the `def` line to the end of the body, without blank lines, comment-only lines and the docstring; the lines of a nested function or class count for it, not for its parent (a decorator factory is not long because its wrapper is). Test files and schema migrations (`alembic/versions/`, `migrations/`) are left alone: a long test or migration is a script of steps, not a design problem; and the lines of a dict or list literal of 20 lines or more assigned or returned in the body (a table of settings or routes), or of 20 lines or more of `parser.add_argument(...)` declarations, do not count towards the limit.',
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
    const tests = isPythonTestPath(ctx.file.path) || isPythonMigrationPath(ctx.file.path);
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
          if (lines <= maxLines || tests || lines - tableLines(def, count) <= maxLines) return;
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
