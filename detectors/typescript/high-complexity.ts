import { ts } from 'ts-morph';
import { type TsHandlers, defineTsDetector } from '../define.js';
import { isTranslationFile } from './shared/file-role.js';
import { FUNCTION_KINDS, functionName } from './shared/function-name.js';
import { isBuildOutput } from './shared/generated-code.js';
import { handlersFor } from './shared/kind-names.js';

/** Nodes that add a path through a function (McCabe; as ESLint `complexity` counts them). */
const BRANCH_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.IfStatement, ts.SyntaxKind.ConditionalExpression, ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement, ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.CatchClause,
];
/** Short-circuit operators: each is a branch. */
const LOGICAL = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

/** Names of helpers that Babel and tsc emit into compiled output. */
const COMPILER_HELPER = /^(_interopRequire\w*|_getRequireWildcardCache|__(awaiter|generator|importStar|createBinding|setModuleDefault|decorate|extends|rest|spreadArray|read|values))$/;

/** Functions whose cyclomatic complexity exceeds `threshold`. */
export default defineTsDetector({
  meta: {
    id: 'high-complexity',
    severity: 'medium',
    category: 'maintainability',
    description: 'A function has a cyclomatic complexity above the threshold (default 15).',
    recommendation: 'Split it: extract the branches into named functions, replace long `switch`/`if` chains with a lookup table, return early.',
    docs: {
      why: 'Cyclomatic complexity counts the independent paths through a function: each needs a test, and past about fifteen nobody can say which combinations were tried. Counted as ESLint `complexity` does: 1, plus one per `if`, `?:`, loop, `case`, `catch`, `&&`, `||`, `??` (and their assignment forms); nested functions are counted on their own. Translation files (`locales/`, `i18n/`), whose message tables are long switches, bundled, minified or vendored files and the helpers compilers emit (`_interopRequireWildcard`, `__awaiter`) are skipped. Reported at the function, with its number. Option `threshold` (default 15).',
      flagged: [
        'function route(req) {\n  if (req.a) return 1;\n  if (req.b) return 2;\n  if (req.c) return 3;\n  if (req.d) return 4;\n  if (req.e) return 5;\n  if (req.f) return 6;\n  if (req.g) return 7;\n  if (req.h || req.i) return 8;\n  if (req.j && req.k) return 9;\n  if (req.l ?? req.m) return 10;\n  for (const x of req.list) if (x) return 11;\n  return req.n ? 12 : 13;\n}\n',
      ],
      ignored: [
        'function small(a, b) {\n  if (a && b) return 1;\n  for (const x of a) if (x) return 2;\n  return b ? 3 : 4;\n}\n',
      ],
    },
  },
  defaultOptions: { threshold: 15 },
  create(ctx) {
    // Translation files map message codes to text in long switches: a table, not logic.
    if (isTranslationFile(ctx.file.path)) return {};
    // Bundled, minified and vendored code is not written in the pull request (seen in ghost's built admin, y-webrtc's dist).
    if (isBuildOutput(ctx.file)) return {};
    const threshold = Number(ctx.options.threshold);
    const counts: number[] = [];
    const add = (): void => {
      if (counts.length > 0) counts[counts.length - 1] += 1;
    };
    const enter: TsHandlers = {
      BinaryExpression(node) {
        if (LOGICAL.has((node as ts.BinaryExpression).operatorToken.kind)) add();
      },
    };
    const enterFunction = (): void => {
      counts.push(1);
    };
    const exitFunction = (node: ts.Node): void => {
      const complexity = counts.pop() as number;
      if (complexity <= threshold) return;
      const fn = node as ts.FunctionLikeDeclaration;
      // Helpers a compiler emits into its output (Babel's `_interopRequireWildcard`, tslib's `__awaiter`).
      if (fn.name && ts.isIdentifier(fn.name) && COMPILER_HELPER.test(fn.name.text)) return;
      const at = fn.name ?? fn;
      ctx.report({
        line: ctx.file.lineOf(at.getStart()),
        message: `\`${functionName(fn)}\` has a cyclomatic complexity of ${complexity} (threshold ${threshold}).`,
      });
    };
    // One handler shared by the kinds, not a fresh closure per kind stored under a computed key: with
    // those, a third of all the engine allocated survived young collections (`--trace-gc-nvp`), so
    // every file's tree was copied and promoted.
    handlersFor(BRANCH_KINDS, add, enter);
    handlersFor(FUNCTION_KINDS, enterFunction, enter);
    const exit = handlersFor(FUNCTION_KINDS, exitFunction);
    return { enter, exit };
  },
});
