import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { enclosingFunction, resolveBinding } from './shared/bindings.js';
import { constantText, stringParts, unwrap } from './shared/constant-text.js';
import { referencesOf } from './shared/local-calls.js';
import { propertyNameText } from './shared/object-literal.js';
import { isRequestQuery, requestQueryKey } from './shared/request-input.js';
import { isTestPath } from './shared/secret-patterns.js';
import { shortText } from './shared/source-text.js';
import {
  GENERIC_KEYS, NOT_CREDENTIAL, ONE_TIME_LINK, QUERY_CREDENTIAL, THIRD_PARTY_URL, contextText, isCredentialKey, isHttpCall,
  isRequestUrl, isTokenKey, keyOf, tokenParameter, usedAsBearer, valueName,
} from './shared/url-credentials.js';

/** A host name written out (`'api.example.com'`). */
const HOST_NAME = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
/** A URL on this machine: no proxy, browser or `Referer` sees it. */
const LOOPBACK_URL = /:\/\/(localhost|127\.0\.0\.1|\[::1\])(?![\w.-])/i;

/**
 * True when the built URL goes to a fixed third-party host named elsewhere: a sibling host argument
 * (`request('api.example.com', path)`), or a local helper that prefixes a literal URL (`graphRequest(path)`
 * → `'https://graph.example.com/' + path`).
 */
function fixedThirdPartyHost(url: ts.Expression): boolean {
  let e: ts.Node = url;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const call = e.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(e as ts.Expression)) return false;
  if (call.arguments.some((a) => a !== e && ts.isStringLiteralLike(a) && HOST_NAME.test(a.text))) return true;
  const callee = unwrap(call.expression);
  const helper = ts.isIdentifier(callee) ? resolveBinding(callee) : undefined;
  if (helper?.kind !== 'function') return false;
  let literal = false;
  const visit = (n: ts.Node): void => {
    if (literal) return;
    if (ts.isStringLiteralLike(n) && THIRD_PARTY_URL.test(n.text)) literal = true;
    ts.forEachChild(n, visit);
  };
  visit(helper.declaration);
  return literal;
}

/** Auth tokens and JWTs put into URL query strings, or read from a request's query string. */
export default defineTsDetector({
  meta: {
    id: 'token-in-url',
    severity: 'high',
    category: 'security',
    description: 'An auth token, JWT, session id or password is put into a URL query string, or read from one.',
    recommendation:
      'Send credentials in the `Authorization: Bearer …` header (or a cookie, or the request body); for WebSockets, send the token in the first message or a cookie. Read them from the same place on the server.',
    docs: {
      why: 'A URL is not a secret: servers, proxies and load balancers log it, browsers keep it in history and send it in the `Referer` header to other sites, and analytics scripts collect it. A token in the query string therefore leaks to everyone who can read those logs. The rule reports built URLs whose query sets a credential parameter (`access_token`, `id_token`, `jwt`, `session_id`, `password`, ...) to a non-constant value, `searchParams.set(\'access_token\', ...)`, HTTP client `params` with such a key, and handlers that read `req.query.access_token`. The generic names `token`, `auth`, `secret` and `session` count only when the URL is requested right there (`fetch`, `axios.get`, `new WebSocket`, directly or through a local) or the handler uses the value as a bearer credential (next to the `Authorization` header, or in `jwt.verify`): e-mailed links carry one-time tokens by design. One-time links that must carry their token (password reset, e-mail verification, invitations, magic links, unsubscribe), pagination tokens (`pageToken`, `nextToken`), literal URLs of third-party APIs that define the parameter themselves (`https://graph.facebook.com/...?access_token=`, Mapbox tiles), API keys (`key=`, `api_key=`), URLs on `localhost`, form bodies (`\'login=\' + user + \'&password=\' + pass`), redaction values, and test files are left alone; so are third-party hosts named through a local helper (`graphRequest(path)` prefixing `https://graph.example.com/`) or a host argument (`request(\'api.example.com\', path)`).',
      flagged: [
        'export function connect(accessToken: string) {\n  return new WebSocket(`${WS_URL}/stream?access_token=${accessToken}`);\n}\n',
        "app.get('/api/me', (req, res) => {\n  const user = verifyJwt(req.query.token);\n  res.json(user);\n});\n",
      ],
      ignored: [
        "export function connect(accessToken: string) {\n  return fetch('https://api.example.com/me', { headers: { Authorization: `Bearer ${accessToken}` } });\n}\n",
        'export function resetLink(token: string) {\n  return `${APP_URL}/reset-password?token=${token}`;\n}\n',
        'export function nextPage(pageToken: string) {\n  return fetch(`${BASE}/items?token=${pageToken}`);\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Tests build URLs with fake tokens on purpose.
    if (isTestPath(ctx.file.path)) return {};
    const reported = new Set<number>();
    const generic: Array<{ url: ts.Expression; key: string; value: ts.Expression; context: string }> = [];

    function report(node: ts.Node, message: string, context: string): void {
      if (ONE_TIME_LINK.test(context) || ONE_TIME_LINK.test(contextText(node))) return;
      const line = ctx.file.lineOf(node.getStart());
      if (reported.has(line)) return;
      reported.add(line);
      ctx.report({ line, message });
    }

    function put(node: ts.Node, key: string, value: ts.Expression, context: string): void {
      if (constantText(value) !== undefined || NOT_CREDENTIAL.test(valueName(value))) return;
      report(node, `\`${shortText(value)}\` is put into the URL query as \`${key}=\`: URLs end up in server and proxy logs, browser history and \`Referer\` headers.`, context);
    }

    // The pattern has no anchors: a piece of code matches it only if the whole text does.
    const credentialQueryInText = QUERY_CREDENTIAL.test(ctx.file.text);

    function onString(node: ts.Node): void {
      if (!credentialQueryInText) return;
      const e = node as ts.Expression;
      // Only the outermost `+` of a chain.
      if (ts.isBinaryExpression(e) && (e.operatorToken.kind !== ts.SyntaxKind.PlusToken || (ts.isBinaryExpression(e.parent) && e.parent.operatorToken.kind === ts.SyntaxKind.PlusToken))) return;
      if (!QUERY_CREDENTIAL.test(e.getText())) return;
      const parts = stringParts(e);
      const hit = parts ? tokenParameter(parts) : undefined;
      if (!parts || !hit) return;
      const context = parts.map((p) => (p.kind === 'text' ? p.text : p.expr.getText())).join('');
      // Third-party APIs (Graph API, WeChat, Mapbox tiles) define the query parameter; the call cannot move it.
      // The text before the first value (a template starts with its head, often empty).
      const firstValue = parts.findIndex((p) => p.kind === 'value');
      const lead = parts.slice(0, firstValue).map((p) => (p.kind === 'text' ? p.text : '')).join('');
      if (THIRD_PARTY_URL.test(lead)) return;
      if (fixedThirdPartyHost(e) || LOOPBACK_URL.test(context)) return;
      // `'login=' + user + '&password=' + pass` is a form body, not a URL.
      if (/^[\w.[\]-]+=/.test(lead) && !lead.includes('?')) return;
      if (isCredentialKey(hit.key)) put(e, hit.key, hit.value, context);
      else generic.push({ url: e, key: hit.key, value: hit.value, context });
    }

    /** A URL with a generic key counts when it is requested directly or through a `const` of the same function. */
    function requested(url: ts.Expression): boolean {
      if (isRequestUrl(url)) return true;
      const declaration = url.parent;
      if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== url || !ts.isIdentifier(declaration.name)) return false;
      const uses = referencesOf(ctx.file, declaration.name.text);
      return uses.some((id) => id !== declaration.name && resolveBinding(id)?.declaration === declaration && isRequestUrl(id));
    }

    function onCall(node: ts.Node): void {
      const call = node as ts.CallExpression;
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || !/^(set|append)$/.test(callee.name.text) || call.arguments.length !== 2) return;
      const receiver = unwrap(callee.expression);
      if (!ts.isPropertyAccessExpression(receiver) || receiver.name.text !== 'searchParams') return;
      const key = constantText(call.arguments[0]);
      if (key !== undefined && isCredentialKey(key)) put(call, key, call.arguments[1], receiver.expression.getText());
    }

    function onProperty(node: ts.Node): void {
      const p = node as ts.PropertyAssignment;
      const name = propertyNameText(p.name);
      const value = unwrap(p.initializer);
      if ((name !== 'params' && name !== 'searchParams') || !ts.isObjectLiteralExpression(value)) return;
      const call = p.parent.parent;
      if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !isHttpCall(call)) return;
      for (const q of value.properties) {
        const passed = ts.isPropertyAssignment(q) ? q.initializer : ts.isShorthandPropertyAssignment(q) ? q.name : undefined;
        const key = passed ? propertyNameText(q.name) : undefined;
        if (passed && key !== undefined && isTokenKey(key)) put(q, key, passed, call.arguments?.[0]?.getText() ?? '');
      }
    }

    function readMessage(what: string, key: string): string {
      return `${what} reads \`${key}\` from the URL query string: the client had to put the credential in the URL, where logs, history and \`Referer\` headers keep it.`;
    }

    /** Reads already reported, per handler and key: one finding per handler (`typeof q.token === 'string' ? String(q.token)`). */
    const readsReported = new Set<string>();

    function onAccess(node: ts.Node): void {
      const key = requestQueryKey(node as ts.Expression);
      if (key === undefined || !(isCredentialKey(key) || (GENERIC_KEYS.has(keyOf(key)) && usedAsBearer(node)))) return;
      const fn = enclosingFunction(node);
      const handlerKey = `${fn?.pos ?? -1}:${keyOf(key)}`;
      if (readsReported.has(handlerKey)) return;
      readsReported.add(handlerKey);
      report(node, readMessage(`\`${shortText(node)}\``, key), '');
    }

    function onDeclaration(node: ts.Node): void {
      const d = node as ts.VariableDeclaration;
      if (!ts.isObjectBindingPattern(d.name) || !d.initializer || !isRequestQuery(d.initializer)) return;
      for (const el of d.name.elements) {
        const key = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (key !== undefined && isCredentialKey(key)) report(el, readMessage(`Destructuring \`${shortText(d.initializer)}\``, key), '');
      }
    }

    return {
      enter: {
        TemplateExpression: onString,
        BinaryExpression: onString,
        CallExpression: onCall,
        PropertyAssignment: onProperty,
        PropertyAccessExpression: onAccess,
        ElementAccessExpression: onAccess,
        VariableDeclaration: onDeclaration,
      },
      end() {
        for (const g of generic) if (requested(g.url)) put(g.url, g.key, g.value, g.context);
      },
    };
  },
});
