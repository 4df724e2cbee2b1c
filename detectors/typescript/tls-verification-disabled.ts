import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { enclosingFunction, resolveBinding } from './shared/bindings.js';
import { constantText, unwrap } from './shared/constant-text.js';
import { booleanLiteral, propertyNameText, propertyRemovalFix, propertyValue, statementRemovalFix } from './shared/object-literal.js';
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
const OPT_OUT = /verify|insecure|unsafe|self.?signed|unauthori[sz]ed|allow.?invalid|(ignore|skip|disable).?(ssl|tls|cert)|cert.?check/i;

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

/** What a check that pins the peer's certificate compares (`certs[0].fingerprint !== expected`). */
const PINNING = /fingerprint|digest|\bhash|public.?key|pubkey/i;
/** A URL or host on the loopback interface, where there is no network path to attack. */
const LOOPBACK = /^(localhost|127\.0\.0\.1|::1)$|:\/\/(localhost|127\.0\.0\.1|\[::1\])(?![\w.-])/;

/** The function a `checkServerIdentity` value is or names: inline, a local function, or `obj.check = function ...` in the file. */
function checkFunction(value: ts.Expression): ts.Node | undefined {
  const e = unwrap(value);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const binding = resolveBinding(e);
    if (binding?.kind === 'function') return binding.declaration;
    const init = binding?.initializer && unwrap(binding.initializer);
    return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
  }
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const name = e.name.text;
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === name) {
      const right = unwrap(n.right);
      if (ts.isArrowFunction(right) || ts.isFunctionExpression(right)) found = right;
    }
    ts.forEachChild(n, visit);
  };
  visit(e.getSourceFile());
  return found;
}

/** A `checkServerIdentity` that compares the certificate with a known one (pinning), not one that accepts anything. */
function pinsCertificate(value: ts.Expression | undefined): boolean {
  if (!value || acceptsEverything(value)) return false;
  const fn = checkFunction(value);
  return fn !== undefined && PINNING.test(fn.getText());
}

/** `target.checkServerIdentity = <pinning check>` among the statements around `statement`. */
function pinnedBySibling(statement: ts.Statement, target: ts.Expression): boolean {
  const parent = statement.parent;
  if (!ts.isBlock(parent) && !ts.isSourceFile(parent) && !ts.isCaseClause(parent)) return false;
  const key = target.getText();
  return parent.statements.some((s) => {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression)) return false;
    const left = s.expression.left;
    return ts.isPropertyAccessExpression(left) && left.name.text === 'checkServerIdentity' && left.expression.getText() === key && pinsCertificate(s.expression.right);
  });
}

/**
 * The code reads the peer's certificate itself (`socket.getPeerCertificate()`) to compare it with a known
 * one: in the same function, or in the connect callback given with these options (`tls.connect(port, host, options, obj.onConnected)`).
 */
function readsPeerCertificate(node: ts.Node): boolean {
  const fn = enclosingFunction(node);
  if (fn === undefined) return false;
  if (fn.getText().includes('getPeerCertificate(')) return true;
  const holder = ts.isObjectLiteralExpression(node.parent) ? node.parent.parent : undefined;
  const name = holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
  if (!name || !node.getSourceFile().text.includes('getPeerCertificate(')) return false;
  let checked = false;
  const visit = (n: ts.Node): void => {
    if (checked) return;
    if (ts.isCallExpression(n) && n.arguments.some((a) => ts.isIdentifier(a) && a.text === name)) {
      const callback = n.arguments.at(-1);
      const body = callback && checkFunction(callback);
      if (body?.getText().includes('getPeerCertificate(')) checked = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return checked;
}

/** Options of a TLS server: there `rejectUnauthorized` is about optional client certificates, not the server's identity. */
function serverOptions(obj: ts.ObjectLiteralExpression): boolean {
  if (booleanLiteral(propertyValue(obj, 'requestCert')) === true || booleanLiteral(propertyValue(obj, 'isServer')) === true) return true;
  const call = unwrap(obj).parent;
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return false;
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return /^(createServer|createSecureServer|Server)$/.test(name);
}

/** Text of a URL or host value, following a local variable to its initializer when it is never replaced (`url += ...` only). */
function targetText(e: ts.Expression, scope: ts.Node): string {
  const x = unwrap(e);
  if (!ts.isIdentifier(x)) return x.getText();
  const init = resolveBinding(x)?.initializer;
  let replaced = false;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === x.text) replaced = true;
    if (!replaced) ts.forEachChild(n, visit);
  };
  visit(scope);
  return init && !replaced ? init.getText() : '';
}

/** Options (a literal, or the local holding it) for a connection to localhost: `new WebSocket('wss://localhost:' + port, options)`. */
function loopbackConnection(obj: ts.ObjectLiteralExpression): boolean {
  const host = propertyValue(obj, 'host') ?? propertyValue(obj, 'hostname');
  if (host && LOOPBACK.test(constantText(host) ?? '')) return true;
  return passedOnLocally(obj, (n, name, fn) => {
    if ((!ts.isCallExpression(n) && !ts.isNewExpression(n)) || !n.arguments || n.arguments.length < 2) return false;
    const [target, ...rest] = n.arguments;
    return rest.some((a) => ts.isIdentifier(a) && a.text === name) && LOOPBACK.test(literalTexts(targetText(target, fn)));
  });
}

/**
 * For options held in a local (`const options = {...}`), true when a node of the enclosing function
 * matches `passes` (called with the local's name and the function): where the options go.
 */
function passedOnLocally(obj: ts.ObjectLiteralExpression, passes: (n: ts.Node, name: string, fn: ts.Node) => boolean): boolean {
  const holder = obj.parent;
  const name = ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
  const fn = enclosingFunction(obj);
  if (!name || !fn) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (passes(n, name, fn)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/** `tls.connect(port, options)`: without a host Node connects to localhost. */
function portOnlyConnect(obj: ts.ObjectLiteralExpression): boolean {
  const call = unwrap(obj).parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'connect') return false;
  const [port, options] = call.arguments;
  const hostless = !['host', 'hostname', 'socket', 'path'].some((k) => propertyValue(obj, k) !== undefined);
  return options === obj && port !== undefined && !ts.isStringLiteralLike(port) && !ts.isObjectLiteralExpression(port) && hostless;
}

/** True when `e` is (or names) `new X()` of a class or function declared in this file: an in-process stream, not a network socket. */
function inProcessStream(e: ts.Expression): boolean {
  const x = unwrap(e);
  let created: ts.Expression | undefined;
  if (ts.isIdentifier(x)) created = resolveBinding(x)?.initializer;
  else if (ts.isPropertyAccessExpression(x)) {
    const name = x.name.text;
    const visit = (n: ts.Node): void => {
      if (created) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === name) created = n.right;
      ts.forEachChild(n, visit);
    };
    visit(x.getSourceFile());
  }
  const made = created && unwrap(created);
  if (!made || !ts.isNewExpression(made) || !ts.isIdentifier(made.expression)) return false;
  const kind = resolveBinding(made.expression)?.kind;
  return kind === 'function' || kind === 'class';
}

/**
 * TLS spoken over a tunnel the file builds itself (`{ socket: new SerialTunnel() }`, `new TLSSocket(tunnel, options)`):
 * the tunnel's own transport carries the traffic, so there is no network path between the two TLS ends to attack.
 */
function overTunnel(obj: ts.ObjectLiteralExpression): boolean {
  const socket = propertyValue(obj, 'socket');
  if (socket) return inProcessStream(socket);
  return passedOnLocally(obj, (n, name) => {
    if (!ts.isNewExpression(n) || !/TLSSocket$/.test(n.expression.getText()) || n.arguments?.length !== 2) return false;
    const [stream, options] = n.arguments;
    return ts.isIdentifier(options) && options.text === name && inProcessStream(stream);
  });
}

/** The contents of the string literals in a piece of source text, one per line. */
function literalTexts(source: string): string {
  return [...source.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`$]*)/g)].map((m) => m[1] ?? m[2] ?? m[3]).join('\n');
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
      why: 'Without certificate verification any machine on the network path (a Wi-Fi hotspot, a compromised router, a cloud neighbour) can present its own certificate and read or alter the traffic, including credentials and tokens. `NODE_TLS_REJECT_UNAUTHORIZED=0` does it for every connection of the process. The rule reports the literal `false` / `\'0\'` only: a value computed from configuration (`rejectUnauthorized: !config.insecure`) is a deliberate switch, and so is a branch taken only under an explicit opt-out (`case \'no-verify\':`, `if (options.insecure)`), where a library carries out its user\'s choice; test files (self-signed fixtures) are left alone too, and so are connections verified another way or with no network path: a `checkServerIdentity` that compares fingerprints or hashes, a `getPeerCertificate()` check (in the function or the connect callback), server-side options (`requestCert: true`, `isServer: true`, `createServer`), `localhost` targets, `tls.connect(port, options)` without a host, and TLS over a tunnel the file builds itself (`socket: new SerialTunnel()`). The fix removes the option, which restores the default (verify).',
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
      const verifiedOtherwise = (): boolean =>
        name !== ENV_SWITCH &&
        (pinsCertificate(propertyValue(p.parent as ts.ObjectLiteralExpression, 'checkServerIdentity')) ||
          readsPeerCertificate(p) ||
          serverOptions(p.parent as ts.ObjectLiteralExpression) ||
          loopbackConnection(p.parent as ts.ObjectLiteralExpression) ||
          portOnlyConnect(p.parent as ts.ObjectLiteralExpression) ||
          overTunnel(p.parent as ts.ObjectLiteralExpression));
      if (message && !underOptOut(p) && !verifiedOtherwise()) ctx.report({ line: lineOf(p), message, fix: propertyRemovalFix(ctx.file, p) });
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
      if (!ts.isPropertyAccessExpression(target) || !VERIFY_OPTIONS.has(target.name.text) || booleanLiteral(b.right) !== false) return;
      const pinned = statement !== undefined && pinnedBySibling(statement, target.expression);
      if (!underOptOut(b) && !pinned && !readsPeerCertificate(b)) {
        ctx.report({ line: lineOf(b), message: `\`${shortText(target, 60)} = false\` turns off TLS certificate verification; anyone on the network path can impersonate the server.`, fix });
      }
    }

    return {
      enter: {
        PropertyAssignment: onProperty,
        BinaryExpression: onAssignment,
      },
    };
  },
});
