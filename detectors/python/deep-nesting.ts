import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { functionName } from './shared/function-defs.js';

/** Statements that open a nested block; `elif`/`else`/`except`/`case` stay at their statement's level. */
const KEYWORD: Record<string, string> = {
  if_statement: 'if',
  for_statement: 'for',
  while_statement: 'while',
  with_statement: 'with',
  try_statement: 'try',
  match_statement: 'match',
};

/** One function: the open blocks, the deepest level seen and the first block past the limit. */
interface Frame {
  def: Node;
  open: string[];
  deepest: number;
  first?: { line: number; endLine: number; path: string };
}

/** Options of deep-nesting: the deepest block nesting allowed inside a function. */
export interface Options extends Record<string, unknown> {
  maxDepth: number;
}

/** Block nesting inside a function deeper than `maxDepth`. */
export default definePyDetector<Options>({
  meta: {
    id: 'deep-nesting',
    severity: 'medium',
    category: 'maintainability',
    description: 'Blocks (`if`, `for`, `while`, `with`, `try`, `match`) nested deeper than 4 levels inside a function.',
    recommendation: 'Flatten the code: return or continue early, invert conditions into guard clauses, or extract the inner blocks into a function.',
    docs: {
      why: 'Every level of nesting is one more condition the reader has to hold in mind; past four levels the innermost code is hard to follow and easy to break. Levels are counted from the function body: `elif`, `else`, `except` and `case` branches stay at their statement\'s level, and a nested function starts again at zero. One finding per function, at the first block that goes too deep.',
      flagged: [
        'def sync(rows):\n    for row in rows:\n        if row.active:\n            with lock:\n                try:\n                    if row.dirty:\n                        save(row)\n                except IOError:\n                    pass\n',
      ],
      ignored: [
        'def sync(rows):\n    for row in rows:\n        if not row.active:\n            continue\n        with lock:\n            try:\n                save(row)\n            except IOError:\n                pass\n',
        'def kind(x):\n    for part in x:\n        if part.a:\n            pass\n        elif part.b:\n            try:\n                if part.c:\n                    pass\n            except KeyError:\n                pass\n',
        'def retry(fn):\n    for attempt in range(3):\n        def wrapper():\n            with lock:\n                try:\n                    if ready():\n                        return fn()\n                except OSError:\n                    pass\n',
      ],
    },
  },
  defaultOptions: { maxDepth: 4 },
  create(ctx) {
    const maxDepth = Number(ctx.options.maxDepth);
    const stack: Frame[] = [];
    const enterBlock = (node: Node) => {
      const frame = stack.at(-1);
      if (!frame) return;
      frame.open.push(KEYWORD[node.type]);
      const depth = frame.open.length;
      frame.deepest = Math.max(frame.deepest, depth);
      if (depth > maxDepth && !frame.first) {
        frame.first = { line: node.startPosition.row + 1, endLine: node.endPosition.row + 1, path: frame.open.join(' → ') };
      }
    };
    const exitBlock = () => {
      stack.at(-1)?.open.pop();
    };
    const enter: Record<string, (node: Node) => void> = {
      function_definition(def) {
        stack.push({ def, open: [], deepest: 0 });
      },
    };
    const exit: Record<string, (node: Node) => void> = {
      function_definition(def) {
        const frame = stack.pop();
        if (!frame?.first || frame.def.id !== def.id) return;
        const name = functionName(def);
        ctx.report({
          line: frame.first.line,
          endLine: frame.first.endLine,
          message: `\`${name}\` nests blocks ${frame.deepest} levels deep (the limit is ${maxDepth}); past it here: ${frame.first.path}`,
          recommendation: `Flatten \`${name}\`: use early \`return\`/\`continue\` guard clauses or extract the inner blocks into a helper.`,
        });
      },
    };
    for (const type of Object.keys(KEYWORD)) {
      enter[type] = enterBlock;
      exit[type] = exitBlock;
    }
    return { enter, exit };
  },
});
