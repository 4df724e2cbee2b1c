import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { isDeclarationFile, isScriptOrCli, isTestFile, isTranslationFile } from './shared/file-role.js';
import { isBuildOutput } from './shared/generated-code.js';

/** Values that explain themselves: identities, halves and doubles, and common unit factors (ms, s, min, h, %, KiB). */
const SELF_EXPLAINING = new Set([0, 1, -1, 2, 10, 100, 1000, 60, 24, 3600, 1024, 60000, 86400, 7, 12, 23, 28, 29, 30, 31, 59, 365, 365.25, 255, 256]);

const COMPARISON = new Set([
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);
const COMPARISON_OR_ARITHMETIC = new Set([
  ...COMPARISON,
  ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.SlashEqualsToken,
]);
/** Calls whose numeric argument is a radix, a precision, a width or an exit code: meaningful by position. */
const POSITIONAL_ARGUMENT = /^(toString|toFixed|toPrecision|toExponential|parseInt|parseFloat|padStart|padEnd|exit|repeat|substr|substring|slice|splice|at|charAt|charCodeAt|codePointAt|fromCharCode|fromCodePoint|toBeCalledTimes|toHaveBeenCalledTimes|toHaveLength|sleep|delay)$/;
const STATUS_TEXT = /status|code|writeHead|redirect/i;
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;
/** Status codes every reviewer reads at sight, wherever they appear. */
const WELL_KNOWN_STATUS = new Set([200, 201, 202, 204, 301, 302, 304, 307, 308, 400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 501, 502, 503, 504]);
/** Calls whose number is an error or message code (`die(31)`, `invariant(false, 12)`): an id, not a quantity. */
const CODE_CALLEES = /^(die|fail|panic|invariant|assert\w*|raise|throw\w*|error|err|warn\w*|createError|makeError)$/i;

/** The largest expression made only of literals and arithmetic around `literal` (`-5`, `5 * 60 * 1000`, `(2 ** 10)`). */
function literalExpression(literal: ts.Node): ts.Node {
  let node = literal;
  for (;;) {
    const p = node.parent;
    if (ts.isPrefixUnaryExpression(p) || ts.isParenthesizedExpression(p)) node = p;
    else if (ts.isBinaryExpression(p) && isLiteralOnly(p.left) && isLiteralOnly(p.right) && COMPARISON_OR_ARITHMETIC.has(p.operatorToken.kind)) node = p;
    else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken) node = p;
    else return node;
  }
}

/** True for a numeric literal or an arithmetic expression of literals. */
function isLiteralOnly(node: ts.Node): boolean {
  if (ts.isNumericLiteral(node)) return true;
  if (ts.isPrefixUnaryExpression(node) || ts.isParenthesizedExpression(node)) return isLiteralOnly(ts.isPrefixUnaryExpression(node) ? node.operand : node.expression);
  return ts.isBinaryExpression(node) && isLiteralOnly(node.left) && isLiteralOnly(node.right);
}

/** The callee name of a call (`setTimeout`, `toFixed`). */
function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** True when the number is an HTTP status near a status-like name (`res.status(404)`, `statusCode === 503`). */
function isHttpStatus(value: number, root: ts.Node): boolean {
  if (!Number.isInteger(value) || value < 100 || value > 599) return false;
  if (WELL_KNOWN_STATUS.has(value)) return true;
  const p = root.parent;
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) return STATUS_TEXT.test(p.expression.getText());
  if (ts.isBinaryExpression(p)) return STATUS_TEXT.test((p.left === root ? p.right : p.left).getText());
  if (ts.isCaseClause(p)) return STATUS_TEXT.test(p.parent.parent.expression.getText());
  return false;
}

/** The use that makes a literal "logic": a comparison or arithmetic operand, a call argument, a `case` label. Else undefined. */
function logicUse(root: ts.Node): 'operand' | 'argument' | 'case' | undefined {
  const p = root.parent;
  if (ts.isBinaryExpression(p)) return COMPARISON_OR_ARITHMETIC.has(p.operatorToken.kind) ? 'operand' : undefined;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(root as ts.Expression)) {
    const callee = calleeName(p);
    return POSITIONAL_ARGUMENT.test(callee) || CODE_CALLEES.test(callee) ? undefined : 'argument';
  }
  return ts.isCaseClause(p) && p.expression === root ? 'case' : undefined;
}

/** True when the literal sits where its meaning is named or structural (a const, a field, a default, an index, a type, JSX). */
function isNamedOrStructural(root: ts.Node): boolean {
  // `const isBig = n > 7` names the answer, not the 7: a comparison on the way up cancels the naming.
  let compared = false;
  for (let node: ts.Node = root; node.parent; node = node.parent) {
    const p = node.parent;
    if (ts.isBinaryExpression(p) && COMPARISON.has(p.operatorToken.kind)) compared = true;
    if (!compared && ts.isVariableDeclaration(p) && p.initializer === node && p.parent.flags & ts.NodeFlags.Const && namesValue(p.name, node)) return true;
    if (!compared && (ts.isPropertyDeclaration(p) || ts.isPropertyAssignment(p) || ts.isParameter(p) || ts.isBindingElement(p)) && namesValue(p.name, node)) return true;
    if (ts.isEnumMember(p)) return true;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(node as ts.Expression) && CODE_CALLEES.test(calleeName(p))) return true;
    if (ts.isElementAccessExpression(p) && p.argumentExpression === node) return true;
    if (ts.isArrayLiteralExpression(p) || ts.isTypeNode(p) || ts.isJsxAttribute(p) || ts.isJsxExpression(p)) return true;
    if (ts.isStatement(p) || ts.isFunctionLike(p)) return false;
  }
  return false;
}

/** True for an expression of literals and UPPER_CASE constants (`5 * MINUTE`): its value is what a name describes. */
function isConstantExpression(node: ts.Node): boolean {
  if (ts.isNumericLiteral(node)) return true;
  if (ts.isIdentifier(node)) return CONSTANT_NAME.test(node.text);
  if (ts.isPropertyAccessExpression(node)) return CONSTANT_NAME.test(node.name.text);
  if (ts.isPrefixUnaryExpression(node)) return isConstantExpression(node.operand);
  if (ts.isParenthesizedExpression(node)) return isConstantExpression(node.expression);
  return ts.isBinaryExpression(node) && isConstantExpression(node.left) && isConstantExpression(node.right);
}

/**
 * True when a declaration names the number: `const MAX = 50`, `const TIMEOUT = 5 * SECOND`,
 * `{ timeout: 5 * 60 * 1000 }`. `const delay = attempt * 250` names the result; the 250 stays unexplained.
 */
function namesValue(name: ts.Node, value: ts.Node): boolean {
  return isConstantExpression(value) || (ts.isIdentifier(name) && CONSTANT_NAME.test(name.text));
}

/** True when an enclosing declaration's name spells the number (`const uuid6 = uuid(6)`, `toBase64(...)` in `base64`). */
function nameSpells(root: ts.Node, digits: string): boolean {
  for (let node: ts.Node = root; node.parent; node = node.parent) {
    const p = node.parent;
    if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return ts.isIdentifier(p.name) && p.name.text.includes(digits);
    if (ts.isStatement(p) || ts.isFunctionLike(p)) return false;
  }
  return false;
}

/** True for the exponent of `2 ** n` or `Math.pow(2, n)`: the power names the size (`2 ** 32`). */
function isPowerOfTwoExponent(node: ts.Node, p: ts.Node): boolean {
  const two = (e: ts.Node | undefined): boolean => e !== undefined && ts.isNumericLiteral(e) && e.text === '2';
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken) return p.right === node && two(p.left);
  return ts.isCallExpression(p) && p.expression.getText() === 'Math.pow' && p.arguments[1] === node && two(p.arguments[0]);
}

/** True when the line carries a comment after the number (`charCode === 95; // _`): it is explained. */
function hasCommentAfter(lineText: string | undefined, column: number): boolean {
  return lineText !== undefined && /\/\/|\/\*/.test(lineText.slice(column));
}

/** Unexplained numeric literals in comparisons, arithmetic and call arguments. */
export default defineTsDetector({
  meta: {
    id: 'magic-number',
    severity: 'low',
    category: 'maintainability',
    enabledByDefault: false,
    description: 'An unexplained numeric literal is used in logic (a comparison, arithmetic, a call argument).',
    recommendation: 'Name it: a `const` whose name says what the number means (`const MAX_RETRIES = 5`).',
    docs: {
      why: 'Off by default, like its Python twin: in the application corpus (19 server applications, 3,123 findings once bundled output is skipped) 16 of 20 sampled findings were numbers a careful reviewer reads as clear in place: binary-protocol offsets and struct sizes (`buf.writeInt32LE(x, 8)`, `ptr + 4`), buffer and key sizes (`Buffer.alloc(4096)`, `randomBytes(16)`), well-known limits (`65535`), length bounds passed to a validator, column sizes in migrations and odds in a data seeder; the true ones were a protocol code, a header length, a scrambling key and a five-minute timeout in milliseconds. Turn it on where numbers in logic are expected to be named. A bare `if (retries > 5)` or `setTimeout(poll, 45000)` hides its meaning and its other copies: the next change updates one of them. Reported once per line, for literals compared, computed with or passed to a call inside code. Left alone: 0, 1, -1, 2, common unit factors (10, 24, 60, 100, 1000, 1024, 3600, 60000, 86400) calendar and clock numbers (7, 12, 23, 28–31, 59, 365, 365.25), byte bounds (255, 256) and exponents of two (`2 ** 32`, `Math.pow(2, 53)`); named constants (a `const` with an UPPER_CASE name, or initialised with numbers and UPPER_CASE constants only: `const timeout = 5 * MINUTE`), enum members, and class fields, parameter and destructuring defaults and object properties (config: `{ timeout: 5000 }`) under the same condition (`const delay = attempt * 250` names the result, not the 250), array elements and indices, types, JSX, HTTP status codes next to a status name (and well-known ones such as 404 or 503 anywhere), hex/octal/binary literals (bit patterns, byte values), error and message codes (`die(31)`, `invariant(cond, 12)`), numbers explained by a comment on the same line or spelled in the name of the declaration they initialise (`const uuid6 = uuid(6)`), radix/precision/width arguments (`toString(16)`, `toFixed(3)`, `padStart(4)`), bitwise operands, tests, scripts, translation files and declaration files.',
      flagged: [
        'function retry(n: number) {\n  if (n > 5) throw new Error("too many");\n}\n',
        'setTimeout(poll, 45000);\n',
      ],
      ignored: [
        'const MAX_RETRIES = 5;\nfunction retry(n: number) {\n  if (n > MAX_RETRIES) throw new Error("too many");\n}\n',
        'if (res.statusCode === 404) return null;\n',
        'const client = create({ timeout: 5000, retries: 3 });\n',
        'const last = parts[3];\nconst hex = n.toString(16);\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const { path } = ctx.file;
    if (isTestFile(path) || isDeclarationFile(path) || isScriptOrCli(ctx.file) || isTranslationFile(path)) return {};
    // Bundled, minified and vendored code is not written in the pull request (seen in ghost's built admin, y-webrtc's dist).
    if (isBuildOutput(ctx.file)) return {};
    const byLine = new Map<number, string[]>();
    return {
      enter: {
        NumericLiteral(node) {
          const literal = node as ts.NumericLiteral;
          const negative = ts.isPrefixUnaryExpression(literal.parent) && literal.parent.operator === ts.SyntaxKind.MinusToken;
          const value = (negative ? -1 : 1) * Number(literal.text);
          // Hex, octal and binary notation already say "bit pattern / byte value" (`0x20`, `0o644`).
          if (SELF_EXPLAINING.has(value) || Number.isNaN(value) || /^0[xob]/i.test(literal.getText())) return;
          if (isPowerOfTwoExponent(literal, literal.parent)) return;
          const root = literalExpression(literal);
          if (!logicUse(root) || isNamedOrStructural(root) || isHttpStatus(value, root) || nameSpells(root, literal.text)) return;
          const line = ctx.file.lineOf(literal.getStart());
          if (hasCommentAfter(ctx.file.lines[line - 1], literal.getEnd() - ctx.file.sourceFile.getLineStarts()[line - 1])) return;
          const list = byLine.get(line) ?? [];
          list.push(negative ? `-${literal.text}` : literal.text);
          byLine.set(line, list);
        },
      },
      end() {
        for (const [line, numbers] of byLine) {
          const unique = [...new Set(numbers)];
          const list = unique.map((n) => `\`${n}\``).join(', ');
          ctx.report({ line, message: `Magic number${unique.length > 1 ? 's' : ''} ${list}: name ${unique.length > 1 ? 'them' : 'it'} with a constant that says what ${unique.length > 1 ? 'they mean' : 'it means'}.` });
        }
      },
    };
  },
});
