import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { functionName } from './shared/function-defs.js';

/** One function being measured; nested functions get their own frame (radon does not add them). */
interface Frame {
  def: Node;
  complexity: number;
}

/** Irrefutable `case _:` / `case name:` is the match's `else`: radon does not count it. */
function isCatchAll(clause: Node): boolean {
  const patterns = clause.namedChildren.filter((c) => c?.type === 'case_pattern');
  return patterns.length === 1 && /^(_|[A-Za-z_]\w*)$/.test(patterns[0]?.text ?? '') && !clause.childForFieldName('guard');
}

/** `else:` of a loop or a `try`: one more path (an `if`'s `else` adds none). */
function hasElse(node: Node): boolean {
  return node.namedChildren.some((c) => c?.type === 'else_clause');
}

/** Options of high-complexity: the highest cyclomatic complexity allowed per function. */
export interface Options extends Record<string, unknown> {
  threshold: number;
}

/** Cyclomatic complexity per function, counted as radon counts it. */
export default definePyDetector<Options>({
  meta: {
    id: 'high-complexity',
    severity: 'medium',
    category: 'maintainability',
    description: 'A function whose cyclomatic complexity is over the threshold (15 by default).',
    recommendation: 'Split the function: extract the branches into well-named helpers, or replace chains of conditions with a lookup table.',
    docs: {
      why: 'Each decision point is a path to understand and to test; past about 15 a function is hard to review and its untested paths hide bugs. Counted as radon counts it: 1 + `if`/`elif`, `for`/`while` (+1 for their `else`), each `except` (+1 for `try ... else`), each `and`/`or`, conditional expressions, each comprehension `for` and `if`, each `case` except a catch-all `case _:` (a guard counts as one more). `with`, `assert`, `finally` and `else` of an `if` add nothing, as in radon and mccabe. A nested function is measured on its own and does not add to its parent.',
      flagged: [
        'def route(req):\n    if req.a: pass\n    if req.b: pass\n    if req.c: pass\n    if req.d: pass\n    if req.e: pass\n    if req.f: pass\n    if req.g: pass\n    if req.h: pass\n    if req.i and req.j: pass\n    if req.k or req.l: pass\n    for x in req.m:\n        if x: pass\n    while req.n: pass\n',
      ],
      ignored: [
        'def route(req):\n    if req.a: pass\n    elif req.b: pass\n    else: pass\n    for x in req.items:\n        if x and req.c: pass\n    return [y for y in req.ys if y]\n',
        'def load(path):\n    with open(path) as f:\n        with lock:\n            assert f.readable()\n            try:\n                return parse(f)\n            finally:\n                f.close()\n',
      ],
    },
  },
  defaultOptions: { threshold: 15 },
  create(ctx) {
    const threshold = Number(ctx.options.threshold);
    const stack: Frame[] = [];
    const add = (n: number) => {
      const top = stack.at(-1);
      if (top) top.complexity += n;
    };
    const one = () => add(1);
    return {
      enter: {
        function_definition(def) {
          stack.push({ def, complexity: 1 });
        },
        if_statement: one,
        elif_clause: one,
        conditional_expression: one,
        boolean_operator: one,
        except_clause: one,
        for_in_clause: one,
        // Comprehension `if`s and `case` guards are both `if_clause`: each is a decision.
        if_clause: one,
        for_statement(node) {
          add(hasElse(node) ? 2 : 1);
        },
        while_statement(node) {
          add(hasElse(node) ? 2 : 1);
        },
        try_statement(node) {
          if (hasElse(node)) one();
        },
        case_clause(node) {
          if (!isCatchAll(node)) one();
        },
      },
      exit: {
        function_definition(def) {
          const frame = stack.pop();
          if (!frame || frame.def.id !== def.id || frame.complexity <= threshold) return;
          const name = functionName(def);
          ctx.report({
            line: def.startPosition.row + 1,
            endLine: def.endPosition.row + 1,
            message: `\`${name}\` has a cyclomatic complexity of ${frame.complexity} (the limit is ${threshold})`,
            recommendation: `Split \`${name}\` into smaller functions: extract independent branches into helpers, or turn long \`if\`/\`elif\` chains into a lookup table.`,
          });
        },
      },
    };
  },
});
