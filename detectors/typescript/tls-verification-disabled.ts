import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { constantText, unwrap } from './shared/constant-text.js';
import { booleanLiteral, propertyNameText, propertyRemovalFix, statementRemovalFix } from './shared/object-literal.js';
import { isTestPath } from './shared/secret-patterns.js';
import { shortText } from './shared/source-text.js';

/** Options that turn certificate checks off when set to `false` (Node `tls`/`https`, `request`'s `strictSSL`). */
const VERIFY_OPTIONS = new Set(['rejectUnauthorized', 'strictSSL']);
const ENV_SWITCH = 'NODE_TLS_REJECT_UNAUTHORIZED';

/** True for `process.env.NODE_TLS_REJECT_UNAUTHORIZED` and `process.env['NODE_TLS_REJECT_UNAUTHORIZED']`. */
function isEnvSwitch(target: ts.Expression): boolean {
  const e = unwrap(target);
  const name = ts.isPropertyAccessExpression(e)
    ? e.name.text
    : ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)
      ? e.argumentExpression.text
      : undefined;
  return name === ENV_SWITCH && unwrap((e as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression).getText().replace(/\s+/g, '') === 'process.env';
}

/** Node disables verification only for the exact value `'0'` (or a number 0 coerced to it). */
function isZero(value: ts.Expression): boolean {
  return constantText(value) === '0';
}

/** A `checkServerIdentity` callback that accepts every certificate: `() => undefined`, `() => {}`. */
function acceptsEverything(value: ts.Expression): boolean {
  const e = unwrap(value);
  if (!ts.isArrowFunction(e) && !ts.isFunctionExpression(e)) return false;
  const isUndefined = (x: ts.Expression | undefined): boolean => !x || (ts.isIdentifier(unwrap(x)) && unwrap(x).getText() === 'undefined');
  if (!ts.isBlock(e.body)) return isUndefined(e.body);
  return e.body.statements.every((s) => ts.isReturnStatement(s) && isUndefined(s.expression));
}

/** Conditions that name an explicit opt-out (`sslmode === 'no-verify'`, `options.insecure`, `allowSelfSigned`). */
const OPT_OUT = /verify|insecure|unsafe|self.?signed|unauthori[sz]ed|allow.?invalid|(ignore|skip|disable).?(ssl|tls|cert)/i;

/**
 * True when `node` only runs on a branch chosen by an explicit opt-out setting: a library translating
 * `sslmode=no-verify` into `rejectUnauthorized: false` implements its user's choice.
 */
function underOptOut(node: ts.Node): boolean {
  for (let child = node, a = node.parent; a && !ts.isSourceFile(a); child = a, a = a.parent) {
    if (ts.isIfStatement(a) && child === a.thenStatement && OPT_OUT.test(a.expression.getText())) return true;
    if (ts.isConditionalExpression(a) && child === a.whenTrue && OPT_OUT.test(a.condition.getText())) return true;
    if (ts.isCaseClause(a) && child !== a.expression && OPT_OUT.test(a.expression.getText())) return true;
  }
  return false;
}

/** `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED = '0'` and accept-all identity checks outside tests. */
export default defineTsDetector({
  meta: {
    id: 'tls-verification-disabled',
    severity: 'high',
    category: 'security',
    description: 'TLS certificate verification is switched off (`rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`).',
    recommendation:
      'Keep certificate verification on; to trust a private or self-signed CA pass it as `ca: fs.readFileSync(caPath)` (or set `NODE_EXTRA_CA_CERTS`) instead of disabling the check.',
    docs: {
      why: 'Without certificate verification any machine on the network path (a Wi-Fi hotspot, a compromised router, a cloud neighbour) can present its own certificate and read or alter the traffic, including credentials and tokens. `NODE_TLS_REJECT_UNAUTHORIZED=0` does it for every connection of the process. The rule reports the literal `false` / `\'0\'` only: a value computed from configuration (`rejectUnauthorized: !config.insecure`) is a deliberate switch, and so is a branch taken only under an explicit opt-out (`case \'no-verify\':`, `if (options.insecure)`), where a library carries out its user\'s choice; test files (self-signed fixtures) are left alone too. The fix removes the option, which restores the default (verify).',
      flagged: [
        "const agent = new https.Agent({ rejectUnauthorized: false });\n",
        "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n",
        'const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: { rejectUnauthorized: false },\n});\n',
      ],
      ignored: [
        "const agent = new https.Agent({ ca: fs.readFileSync('ca.pem') });\n",
        'const agent = new https.Agent({ rejectUnauthorized: !config.allowSelfSigned });\n',
        'if (options.rejectUnauthorized === false) warnInsecure();\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Test suites talk to local servers with self-signed fixtures by design.
    if (isTestPath(ctx.file.path)) return {};
    const lineOf = (node: ts.Node): number => ctx.file.lineOf(node.getStart());

    function onProperty(node: ts.Node): void {
      const p = node as ts.PropertyAssignment;
      const name = propertyNameText(p.name);
      if (name === undefined || !ts.isObjectLiteralExpression(p.parent)) return;
      let message: string | undefined;
      if (VERIFY_OPTIONS.has(name) && booleanLiteral(p.initializer) === false) {
        message = `\`${name}: ${shortText(p.initializer)}\` turns off TLS certificate verification for this connection; anyone on the network path can impersonate the server.`;
      } else if (name === ENV_SWITCH && isZero(p.initializer)) {
        message = `\`${ENV_SWITCH}: '0'\` in this environment turns off TLS certificate verification for the whole child process.`;
      } else if (name === 'checkServerIdentity' && acceptsEverything(p.initializer)) {
        message = '`checkServerIdentity` accepts every certificate, so the server\'s hostname is never checked.';
      }
      if (message && !underOptOut(p)) ctx.report({ line: lineOf(p), message, fix: propertyRemovalFix(ctx.file, p) });
    }

    function onAssignment(node: ts.Node): void {
      const b = node as ts.BinaryExpression;
      if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const target = unwrap(b.left);
      const statement = ts.isExpressionStatement(b.parent) ? b.parent : undefined;
      const fix = statement ? statementRemovalFix(ctx.file, statement) : undefined;
      if (isEnvSwitch(target) && isZero(b.right) && !underOptOut(b)) {
        ctx.report({ line: lineOf(b), message: `\`process.env.${ENV_SWITCH} = '0'\` turns off TLS certificate verification for every connection this process makes.`, fix });
        return;
      }
      if (ts.isPropertyAccessExpression(target) && VERIFY_OPTIONS.has(target.name.text) && booleanLiteral(b.right) === false && !underOptOut(b)) {
        ctx.report({ line: lineOf(b), message: `\`${shortText(target, 60)} = false\` turns off TLS certificate verification; anyone on the network path can impersonate the server.`, fix });
      }
    }

    return {
      enter: {
        [ts.SyntaxKind.PropertyAssignment]: onProperty,
        [ts.SyntaxKind.BinaryExpression]: onAssignment,
      },
    };
  },
});
