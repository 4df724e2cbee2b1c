import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { FUNCTION_KINDS, functionName } from './shared/function-name.js';
import { isBuildOutput } from './shared/generated-code.js';
import { handlersFor } from './shared/kind-names.js';

/** Statements that open a nested block. */
const NESTING_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.IfStatement, ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement, ts.SyntaxKind.SwitchStatement, ts.SyntaxKind.TryStatement,
  ts.SyntaxKind.WithStatement,
];

/** True for the `if` of an `else if`: it continues its chain at the same depth. */
function isElseIf(node: ts.Node): boolean {
  return ts.isIfStatement(node) && ts.isIfStatement(node.parent) && node.parent.elseStatement === node;
}

/** Nesting state of one function (or of the module's top-level code). */
interface Frame {
  fn?: ts.Node;
  depth: number;
  max: number;
  /** The first statement that went past the limit. */
  first?: ts.Node;
}

/** Block nesting deeper than `maxDepth` inside one function. */
export default defineTsDetector({
  meta: {
    id: 'deep-nesting',
    severity: 'medium',
    category: 'maintainability',
    description: 'Blocks (`if`, loops, `switch`, `try`) are nested deeper than the limit (default 4) inside one function.',
    recommendation: 'Flatten it: return early from guard clauses, `continue` in loops, or extract the inner block into a named function.',
    docs: {
      why: 'Every level of nesting is one more condition a reader must hold in mind to know when a line runs; past four levels mistakes hide in the combinations. Depth counts `if`, `for`/`while`/`do`, `switch`, `try` and `with` blocks inside one function: an `else if` chain stays at one level and a nested function (a callback) starts again from zero, as in ESLint `max-depth`. Reported once per function, at the first statement past the limit, with the deepest level reached; bundled, minified and vendored files are skipped. Option `maxDepth` (default 4).',
      flagged: [
        'function f(items, user) {\n  for (const item of items) {\n    if (item.active) {\n      if (user.admin) {\n        while (item.pending) {\n          if (item.retry) {\n            retry(item);\n          }\n        }\n      }\n    }\n  }\n}\n',
      ],
      ignored: [
        'function f(a, b, c) {\n  if (a) {\n    if (b) {\n      for (const x of c) {\n        if (x) use(x);\n      }\n    }\n  }\n}\n',
        'function f(x) {\n  if (x === 1) one();\n  else if (x === 2) two();\n  else if (x === 3) three();\n  else if (x === 4) four();\n  else if (x === 5) five();\n}\n',
      ],
    },
  },
  defaultOptions: { maxDepth: 4 },
  create(ctx) {
    // Bundled, minified and vendored code is not written in the pull request (seen in ghost's built admin, y-webrtc's dist).
    if (isBuildOutput(ctx.file)) return {};
    const maxDepth = Number(ctx.options.maxDepth);
    const frames: Frame[] = [{ depth: 0, max: 0 }];
    const top = (): Frame => frames[frames.length - 1];
    const enterFunction = (node: ts.Node): void => {
      frames.push({ fn: node, depth: 0, max: 0 });
    };
    const exitFunction = (): void => {
      const frame = frames.pop() as Frame;
      if (!frame.first) return;
      const where = frame.fn ? `in \`${functionName(frame.fn)}\`` : 'at module level';
      ctx.report({
        line: ctx.file.lineOf(frame.first.getStart()),
        message: `Blocks are nested ${frame.max} deep ${where} (limit ${maxDepth}).`,
      });
    };
    const enterBlock = (node: ts.Node): void => {
      if (isElseIf(node)) return;
      const frame = top();
      frame.depth += 1;
      frame.max = Math.max(frame.max, frame.depth);
      if (frame.depth > maxDepth && !frame.first) frame.first = node;
    };
    const exitBlock = (node: ts.Node): void => {
      if (!isElseIf(node)) top().depth -= 1;
    };
    return {
      enter: handlersFor(FUNCTION_KINDS, enterFunction, handlersFor(NESTING_KINDS, enterBlock)),
      exit: handlersFor(FUNCTION_KINDS, exitFunction, handlersFor(NESTING_KINDS, exitBlock)),
      end() {
        if (frames.length > 0) exitFunction();
      },
    };
  },
});
