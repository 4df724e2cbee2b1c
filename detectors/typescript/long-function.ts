import { ts } from 'ts-morph';
import { type TsFile, defineTsDetector } from '../define.js';
import { isTestFile, isTranslationFile } from './shared/file-role.js';
import { FUNCTION_KINDS, functionName } from './shared/function-name.js';

const COMMENT_ONLY = /^(\/\/|\/\*|\*)/;
/** Test-suite blocks: long by nature, each `it` inside is the unit. */
const SUITE_CALLEES = /^(describe|context|suite|fdescribe|xdescribe)(\.(only|skip|each))?$/;

/** Prefix counts of code lines (not blank, not comment-only), so any range is counted in O(1). */
function codeLinePrefix(file: TsFile): Int32Array {
  return file.memo('typescript/code-line-prefix', () => {
    const prefix = new Int32Array(file.lines.length + 1);
    file.lines.forEach((text, i) => {
      const t = text.trim();
      prefix[i + 1] = prefix[i] + (t !== '' && !COMMENT_ONLY.test(t) ? 1 : 0);
    });
    return prefix;
  });
}

/** Code lines between two 1-based lines, inclusive. */
function codeLines(file: TsFile, from: number, to: number): number {
  const prefix = codeLinePrefix(file);
  return prefix[to] - prefix[from - 1];
}

/** True for a function called where it is defined (`(function () { ... })()`): a module wrapper, not a unit. */
function isIife(fn: ts.Node): boolean {
  let node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isCallExpression(node.parent) && node.parent.expression === node;
}

/** True for the callback of `describe(...)` and its kin. */
function isSuiteCallback(fn: ts.Node): boolean {
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression) && SUITE_CALLEES.test(call.expression.getText());
}

/** Functions longer than `maxLines` lines of code. */
export default defineTsDetector({
  meta: {
    id: 'long-function',
    severity: 'low',
    category: 'maintainability',
    description: 'A function is longer than the limit (default 80 lines of code).',
    recommendation: 'Split it into named steps, each a function that does one thing.',
    docs: {
      why: 'A function that does not fit on a screen does several things; its pieces cannot be named, tested or reused on their own, and a change in one part is reviewed without seeing the rest. Counted in lines of code: blank and comment-only lines do not count, and neither do the functions nested in it (callbacks, a factory\'s helpers, methods of a returned object), which are judged on their own. Immediately invoked wrappers (`(function () { ... })()`), `describe` blocks, test files and translation files (message tables) are left alone. Option `maxLines` (default 80).',
      flagged: [`function big() {\n${'  step();\n'.repeat(85)}}\n`],
      ignored: [`function ok() {\n${'  step();\n'.repeat(40)}${'\n  // why\n'.repeat(30)}}\n`],
    },
  },
  defaultOptions: { maxLines: 80 },
  create(ctx) {
    // A long test reads top to bottom as one scenario; a translation file is a message table.
    if (isTestFile(ctx.file.path) || isTranslationFile(ctx.file.path)) return {};
    const maxLines = Number(ctx.options.maxLines);
    const file = ctx.file;
    /** Per open function: code lines of the functions nested in it (each is judged on its own). */
    const nested: number[] = [];
    const enter = (): void => {
      nested.push(0);
    };
    const exit = (node: ts.Node): void => {
      const fn = node as ts.FunctionLikeDeclaration;
      const total = codeLines(file, file.lineOf(fn.getStart()), file.lineOf(fn.end));
      const own = total - (nested.pop() ?? 0);
      if (nested.length > 0) nested[nested.length - 1] += total;
      if (own <= maxLines || !fn.body || isIife(fn) || isSuiteCallback(fn)) return;
      const at = fn.name ?? fn;
      ctx.report({
        line: file.lineOf(at.getStart()),
        message: `\`${functionName(fn)}\` is ${own} lines of code long (limit ${maxLines}).`,
      });
    };
    return {
      enter: Object.fromEntries(FUNCTION_KINDS.map((kind) => [kind, enter])),
      exit: Object.fromEntries(FUNCTION_KINDS.map((kind) => [kind, exit])),
    };
  },
});
