import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { enclosingFunction } from './shared/bindings.js';
import { constantText, unwrap } from './shared/constant-text.js';
import { checkedAbove, isRequestOrigin, originSubjects } from './shared/cors-origin.js';
import { booleanLiteral, memberNamed, propertyNameText, propertyNamed, propertyValue } from './shared/object-literal.js';
import { shortText } from './shared/source-text.js';

const ALLOW_ORIGIN = 'access-control-allow-origin';
const ALLOW_CREDENTIALS = 'access-control-allow-credentials';
/** Response methods that set one header (`res.setHeader`, Express `res.set`/`header`, Fastify `reply.header`). */
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);
/** Calls whose options object configures CORS (`cors()`, Nest `enableCors()`, `fastify.register(cors, ...)`). */
const CORS_CALLEE = /^(cors|enableCors|\w+Cors)$/;

type OriginPolicy = 'wildcard' | 'reflected';

interface HeaderSet {
  node: ts.Node;
  name: string;
  value: ts.Expression;
}

/** The callee's last name (`cors`, `app.enableCors` → enableCors). */
function calleeName(call: ts.CallExpression): string {
  const callee = unwrap(call.expression);
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** True when `obj` configures CORS: an argument of `cors(...)`, or the value of a `cors:` property. */
function isCorsOptions(obj: ts.ObjectLiteralExpression): boolean {
  const parent = obj.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer === obj) return propertyNameText(parent.name) === 'cors';
  if (!ts.isCallExpression(parent) || !parent.arguments.includes(obj)) return false;
  if (CORS_CALLEE.test(calleeName(parent))) return true;
  const first = parent.arguments[0];
  return calleeName(parent) === 'register' && first !== obj && ts.isIdentifier(unwrap(first)) && /cors/i.test(unwrap(first).getText());
}

/** An origin callback that approves every origin: `(origin, cb) => cb(null, true)`. */
function approvesAll(fn: ts.Node): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isMethodDeclaration(fn)) return false;
  if (!fn.body) return false;
  const body = ts.isBlock(fn.body) ? (fn.body.statements.length === 1 ? fn.body.statements[0] : undefined) : fn.body;
  const expr = body && ts.isExpressionStatement(body) ? body.expression : body && ts.isReturnStatement(body) ? body.expression : (body as ts.Expression | undefined);
  if (!expr || !ts.isCallExpression(unwrap(expr))) return false;
  const [error, allowed] = (unwrap(expr) as ts.CallExpression).arguments;
  const param = fn.parameters[0]?.name;
  const echoesOrigin = allowed !== undefined && param !== undefined && ts.isIdentifier(param) && unwrap(allowed).getText() === param.text;
  return error?.kind === ts.SyntaxKind.NullKeyword && (booleanLiteral(allowed) === true || echoesOrigin);
}

/** The origin policy of a cors options object, if it allows any site. */
function optionsPolicy(obj: ts.ObjectLiteralExpression): OriginPolicy | undefined {
  const member = memberNamed(obj, 'origin');
  if (member && ts.isMethodDeclaration(member)) return approvesAll(member) ? 'reflected' : undefined;
  const origin = propertyValue(obj, 'origin');
  if (!origin) return member || obj.properties.some(ts.isSpreadAssignment) ? undefined : 'wildcard';
  if (booleanLiteral(origin) === true) return 'reflected';
  if (constantText(origin) === '*') return 'wildcard';
  if (ts.isArrayLiteralExpression(origin) && origin.elements.some((e) => constantText(e) === '*')) return 'wildcard';
  return approvesAll(origin) ? 'reflected' : undefined;
}

/** Wildcard or reflected origins together with credentials, via cors options or raw headers. */
export default defineTsDetector({
  meta: {
    id: 'permissive-cors',
    severity: 'high',
    category: 'security',
    description: 'CORS allows any origin (wildcard or reflected) together with credentials.',
    recommendation:
      'List the origins that may call with credentials (`cors({ origin: [\'https://app.example.com\'], credentials: true })`) or check the request origin against an allow-list before echoing it.',
    docs: {
      why: 'With `Access-Control-Allow-Credentials: true`, an allowed origin\'s page can send the user\'s cookies and read the answers. Reflecting whatever `Origin` the request carries (`origin: true`, a callback that always approves, `res.setHeader(\'Access-Control-Allow-Origin\', req.headers.origin)`) makes every web site such an origin: a page the user visits can read their data and act as them. A wildcard with credentials is refused by browsers but usually "fixed" by reflecting, so it is reported too. Wildcard or reflected origins without credentials (a public API) are left alone, as are allow-lists, callbacks that check the origin, and echoes guarded by a check.',
      flagged: [
        "app.use(cors({ origin: true, credentials: true }));\n",
        "app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n",
      ],
      ignored: [
        "app.use(cors({ origin: ['https://a.example'], credentials: true }));\n",
        'app.use(cors());\n',
        "app.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (ALLOWED.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    /** Raw header writes, grouped by the function that makes them (undefined: module level). */
    const headers = new Map<ts.Node | undefined, HeaderSet[]>();

    function noteHeader(node: ts.Node, nameExpr: ts.Expression | ts.PropertyName, value: ts.Expression): void {
      const name = (ts.isIdentifier(nameExpr) ? undefined : ts.isStringLiteralLike(nameExpr) ? nameExpr.text : constantText(nameExpr as ts.Expression))?.toLowerCase();
      if (name !== ALLOW_ORIGIN && name !== ALLOW_CREDENTIALS) return;
      const fn = enclosingFunction(node);
      const list = headers.get(fn) ?? [];
      list.push({ node, name, value });
      headers.set(fn, list);
    }

    function checkOptions(obj: ts.ObjectLiteralExpression): void {
      if (!isCorsOptions(obj)) return;
      const credentials = propertyNamed(obj, 'credentials');
      if (!credentials || booleanLiteral(credentials.initializer) !== true) return;
      const policy = optionsPolicy(obj);
      if (!policy) return;
      const origin = memberNamed(obj, 'origin');
      const what = !origin ? 'the default origin `*`' : ts.isPropertyAssignment(origin) ? `\`origin: ${shortText(origin.initializer, 30)}\`` : 'the `origin` callback';
      const effect = policy === 'reflected'
        ? 'approves every site\'s Origin while `credentials: true` lets it send cookies: any web page the user visits can make logged-in requests and read the answers.'
        : 'allows any origin while `credentials: true` asks for cookies: browsers refuse the combination, and the usual "fix" (reflecting the origin) opens the API to every site.';
      ctx.report({ line: ctx.file.lineOf((origin ?? credentials).getStart()), message: `CORS ${what} ${effect}` });
    }

    function checkHeaders(list: HeaderSet[]): void {
      const credentials = list.some((h) => h.name === ALLOW_CREDENTIALS && (booleanLiteral(h.value) === true || constantText(h.value) === 'true'));
      if (!credentials) return;
      for (const h of list) {
        if (h.name !== ALLOW_ORIGIN) continue;
        const wildcard = constantText(h.value) === '*';
        const reflected = !wildcard && isRequestOrigin(h.value) && !checkedAbove(h.node, originSubjects(h.value));
        if (!wildcard && !reflected) continue;
        const effect = reflected
          ? `echoes the request's own Origin (\`${shortText(h.value)}\`) with \`Access-Control-Allow-Credentials: true\`: any web page the user visits can make logged-in requests and read the answers.`
          : 'is `*` next to `Access-Control-Allow-Credentials: true`: browsers refuse the combination, and reflecting the origin instead would open the API to every site.';
        ctx.report({ line: ctx.file.lineOf(h.node.getStart()), message: `\`Access-Control-Allow-Origin\` ${effect}` });
      }
    }

    return {
      enter: {
        ObjectLiteralExpression(node) {
          checkOptions(node as ts.ObjectLiteralExpression);
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const [name, value] = call.arguments;
          if (value && ts.isPropertyAccessExpression(call.expression) && HEADER_SETTERS.has(call.expression.name.text)) noteHeader(call, name, value);
        },
        PropertyAssignment(node) {
          const p = node as ts.PropertyAssignment;
          if (!ts.isComputedPropertyName(p.name)) noteHeader(p, p.name, p.initializer);
        },
        BinaryExpression(node) {
          const b = node as ts.BinaryExpression;
          const target = unwrap(b.left);
          if (b.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(target)) noteHeader(b, target.argumentExpression, b.right);
        },
      },
      end() {
        for (const list of headers.values()) checkHeaders(list);
      },
    };
  },
});
