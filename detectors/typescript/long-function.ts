import { ts } from 'ts-morph';
import { type TsFile, defineTsDetector } from '../define.js';
import { isTestFile, isTranslationFile } from './shared/file-role.js';
import { FUNCTION_KINDS, functionName } from './shared/function-name.js';
import { isBuildOutput } from './shared/generated-code.js';
import { handlersFor } from './shared/kind-names.js';

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

/** True for the factory of an AMD module (`define('settings', function () { ... })`): a module wrapper, like an IIFE. */
function isAmdFactory(fn: ts.Node): boolean {
  const call = fn.parent;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'define' && call.arguments.at(-1) === fn;
}

/** True for the callback of `describe(...)` and its kin. */
function isSuiteCallback(fn: ts.Node): boolean {
  const call = fn.parent;
  return ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression) && SUITE_CALLEES.test(call.expression.getText());
}

/** A template literal this long is a document (an e-mail or HTML page), and an object or array literal a table: data, not steps. */
const DOCUMENT_LINES = 20;

/** True for an object or array literal that is returned or assigned (`return { ... }`, `const plans = [ ... ]`). */
function isTable(node: ts.Node): boolean {
  if (!ts.isObjectLiteralExpression(node) && !ts.isArrayLiteralExpression(node)) return false;
  let e: ts.Node = node;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent)) e = e.parent;
  const p = e.parent;
  return ts.isReturnStatement(p) || ts.isArrowFunction(p) || ts.isVariableDeclaration(p) || (ts.isBinaryExpression(p) && p.right === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken);
}

/** Code lines of the long template literals and tables in `fn` (outside nested functions): `return \`<html>...\``. */
function documentLines(file: TsFile, fn: ts.Node): number {
  let lines = 0;
  const visit = (node: ts.Node): void => {
    if (node !== fn && ts.isFunctionLike(node)) return;
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node) || isTable(node)) {
      const from = file.lineOf(node.getStart());
      const to = file.lineOf(node.end);
      if (to - from + 1 >= DOCUMENT_LINES) lines += codeLines(file, from, to);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return lines;
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
      why: 'A function that does not fit on a screen does several things; its pieces cannot be named, tested or reused on their own, and a change in one part is reviewed without seeing the rest. Counted in lines of code: blank and comment-only lines do not count, and neither do the functions nested in it (callbacks, a factory\'s helpers, methods of a returned object), which are judged on their own. The lines of a template literal of 20 lines or more (an e-mail or HTML page the function returns) and of an object or array literal of 20 lines or more that is returned or assigned (a table of settings) do not count either. Immediately invoked wrappers (`(function () { ... })()`) and AMD module factories (`define(function () { ... })`), `describe` blocks, test files and translation files (message tables) are left alone. Option `maxLines` (default 80).',
      flagged: [`function big() {\n${'  step();\n'.repeat(85)}}\n`],
      ignored: [`function ok() {\n${'  step();\n'.repeat(40)}${'\n  // why\n'.repeat(30)}}\n`],
    },
  },
  defaultOptions: { maxLines: 80 },
  create(ctx) {
    // A long test reads top to bottom as one scenario; a translation file is a message table.
    if (isTestFile(ctx.file.path) || isTranslationFile(ctx.file.path)) return {};
    // Bundled, minified and vendored code is not written in the pull request (seen in ghost's built admin, y-webrtc's dist).
    if (isBuildOutput(ctx.file)) return {};
    const maxLines = Number(ctx.options.maxLines);
    const file = ctx.file;
    /**
     * Per open function: the functions nested directly in it, whose code lines are not its own. They
     * are counted only when the function itself may be long.
     */
    const nested: ts.Node[][] = [];
    const enter = (): void => {
      nested.push([]);
    };
    const linesOf = (fn: ts.Node): number => codeLines(file, file.lineOf(fn.getStart()), file.lineOf(fn.end));
    const exit = (node: ts.Node): void => {
      const fn = node as ts.FunctionLikeDeclaration;
      const inner = nested.pop() ?? [];
      if (nested.length > 0) nested[nested.length - 1].push(fn);
      // A function spanning no more lines than the limit (counted from before its leading comments)
      // cannot have more code lines than that: no need to count them.
      if (file.lineOf(fn.end) - file.lineOf(fn.pos) + 1 <= maxLines) return;
      let own = linesOf(fn);
      for (const child of inner) own -= linesOf(child);
      if (own <= maxLines || !fn.body || isIife(fn) || isAmdFactory(fn) || isSuiteCallback(fn)) return;
      if (own - documentLines(file, fn) <= maxLines) return;
      const at = fn.name ?? fn;
      ctx.report({
        line: file.lineOf(at.getStart()),
        message: `\`${functionName(fn)}\` is ${own} lines of code long (limit ${maxLines}).`,
      });
    };
    return {
      enter: handlersFor(FUNCTION_KINDS, enter),
      exit: handlersFor(FUNCTION_KINDS, exit),
    };
  },
});
