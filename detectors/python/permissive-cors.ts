import type { PyNode as Node } from '../define.js';
import type { PyFile } from '../define.js';
import { definePyDetector } from '../define.js';
import { type CallArguments, calleeName, callArguments, importedName, isBoolLiteral, shorten, stringLiteral, unparenthesized } from './shared/call-target.js';
import { reachingValues } from './shared/local-values.js';
import { scopesOf } from './shared/scopes.js';
import { isTestPath } from './shared/secret-patterns.js';

const ALLOW_ORIGIN = 'access-control-allow-origin';
const CORS_CALLS = new Set(['add_middleware', 'Middleware', 'CORSMiddleware', 'CORS', 'cross_origin']);
/** A regular expression that matches any origin: `.*`, `^https?://.*$`. */
const ANY_ORIGIN_REGEX = /^\^?(https?:?\/\/|\(https\?:\/\/\)|https\?:\/\/)?\.[*+]\$?$/;
/** The request's Origin header read from a request object or WSGI environ. */
const ORIGIN_READ = /(headers|META|environ|scope)\b[\s\S]*["'](origin|HTTP_ORIGIN)["']/i;

const WILDCARD_RISK = 'any web page can read these responses';
const CREDENTIALS_RISK = 'any web page can make requests with the user\'s cookies and read the answers';

/** Whether a list, tuple, string or set holds the wildcard origin `"*"`. */
function hasWildcard(node: Node | null): boolean {
  const n = unparenthesized(node);
  if (!n) return false;
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') return n.namedChildren.some((c) => stringLiteral(c) === '*');
  return stringLiteral(n) === '*';
}

/** `resources={r"/api/*": {"origins": "*"}}`: some resource allows every origin. */
function resourcesWildcard(node: Node | null): boolean {
  const n = unparenthesized(node);
  if (n?.type !== 'dictionary') return false;
  return n.namedChildren.some((pair) => {
    const value = pair?.type === 'pair' ? unparenthesized(pair.childForFieldName('value')) : null;
    if (value?.type !== 'dictionary') return false;
    return value.namedChildren.some((p) => p?.type === 'pair' && stringLiteral(p.childForFieldName('key')) === 'origins' && hasWildcard(p.childForFieldName('value')));
  });
}

interface CorsVerdict {
  what: string;
  credentials: boolean;
}

/** `add_middleware(CORSMiddleware, ...)`, `Middleware(CORSMiddleware, ...)`, `CORSMiddleware(app, ...)`. */
function starletteCors(call: Node, args: CallArguments): CorsVerdict | null {
  const isCors = /CORSMiddleware$/.test(calleeName(call.childForFieldName('function'))) || /(^|\.)CORSMiddleware$/.test(args.positional[0]?.text ?? '');
  if (!isCors) return null;
  const credentials = isBoolLiteral(args.keywords.get('allow_credentials') ?? null, true);
  if (hasWildcard(args.keywords.get('allow_origins') ?? null)) return { what: '`CORSMiddleware` allows every origin (`allow_origins=["*"]`)', credentials };
  const regex = stringLiteral(args.keywords.get('allow_origin_regex') ?? null);
  if (regex !== null && ANY_ORIGIN_REGEX.test(regex)) return { what: `\`CORSMiddleware\` allows every origin (\`allow_origin_regex="${regex}"\`)`, credentials };
  return null;
}

/** flask-cors: explicit wildcard origins, or the default (every origin) with credentials. */
function flaskCors(call: Node, args: CallArguments, target: string): CorsVerdict | null {
  const name = target.slice(target.lastIndexOf('.') + 1);
  const credentials = isBoolLiteral(args.keywords.get('supports_credentials') ?? null, true);
  const origins = args.keywords.get('origins') ?? null;
  if (hasWildcard(origins)) return { what: `\`${name}(origins="*")\` allows every origin`, credentials };
  if (resourcesWildcard(args.keywords.get('resources') ?? null)) return { what: `\`${name}()\` allows every origin for \`resources\``, credentials };
  // flask-cors defaults to every origin and then echoes the caller's: with credentials that is the worst case.
  if (!origins && !args.keywords.has('resources') && credentials && !args.splat) return { what: `\`${name}(supports_credentials=True)\` allows every origin (the default \`origins\`)`, credentials };
  return null;
}

/** Whether the enclosing function compares or checks `name` (an allow-list guard), or an `if` above mentions origins. */
function guarded(node: Node, name: string | null): boolean {
  for (let a = node.parent; a; a = a.parent) {
    if ((a.type === 'if_statement' || a.type === 'elif_clause') && /origin/i.test(a.childForFieldName('condition')?.text ?? '')) return true;
    if (a.type === 'function_definition' || a.type === 'module') {
      if (!name) return false;
      const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`\\b${n}\\s*(not\\s+)?in\\b|\\b${n}\\s*[!=]=|[!=]=\\s*${n}\\b|\\(${n}\\)|\\b${n}\\.(endswith|startswith)|match\\(`).test(a.text);
    }
  }
  return false;
}

/** A plain read of the Origin header (`request.headers.get("Origin")`), not an expression around one. */
function isOriginRead(node: Node): boolean {
  return (node.type === 'call' || node.type === 'subscript' || node.type === 'attribute') && ORIGIN_READ.test(node.text);
}

/**
 * Whether a header value is the request's own origin, unchecked. A literal `*` on one response is
 * not reported: it is how public resources (metadata documents, assets) are shared on purpose.
 */
function reflectsOrigin(value: Node | null, at: Node, file: PyFile): boolean {
  const v = unparenthesized(value);
  if (!v) return false;
  if (v.type !== 'identifier') return isOriginRead(v) && !guarded(at, null);
  const reads = reachingValues(v, at, scopesOf(file)).some((r) => isOriginRead(r.value));
  return reads && !guarded(at, v.text);
}

/** CORS that lets every origin read responses: wildcards, echoed origins, allow-all settings. */
export default definePyDetector({
  meta: {
    id: 'permissive-cors',
    severity: 'high',
    category: 'security',
    description: 'CORS allows every origin: a wildcard (`allow_origins=["*"]`, `origins="*"`, `CORS_ALLOW_ALL_ORIGINS = True`) or the request\'s own `Origin` echoed back, worst with credentials.',
    recommendation: 'List the origins that need access (`allow_origins=["https://app.example.com"]`) and check a request\'s `Origin` against that list before echoing it.',
    docs: {
      why: 'CORS decides which other web sites may read your responses from a visitor\'s browser. Every origin, combined with credentials, lets any page the user visits act as the user and read the results; even without credentials, responses meant for one front end are readable by all. flask-cors\'s default (every origin) is reported only with `supports_credentials=True`; an echoed `Origin` is not reported when the function checks it (`if origin in ALLOWED`); a literal `Access-Control-Allow-Origin: *` on a single response is not reported (public metadata and assets are shared that way on purpose; app-wide middleware is); test files are not checked.',
      flagged: [
        'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)\n',
        'def add_cors(request, response):\n    response.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")\n    return response\n',
      ],
      ignored: [
        'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)\n',
        'ALLOWED = {"https://app.example.com"}\n\ndef add_cors(request, response):\n    origin = request.headers.get("Origin")\n    if origin in ALLOWED:\n        response.headers["Access-Control-Allow-Origin"] = origin\n    return response\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    const file = ctx.file;

    const reportCors = (node: Node, verdict: CorsVerdict): void => {
      ctx.report({
        line: node.startPosition.row + 1,
        endLine: node.endPosition.row + 1,
        message: verdict.credentials ? `${verdict.what} with credentials: ${CREDENTIALS_RISK}` : `${verdict.what}: ${WILDCARD_RISK}`,
      });
    };

    const reportHeader = (node: Node, value: Node | null): void => {
      if (!reflectsOrigin(value, node, file)) return;
      ctx.report({
        line: node.startPosition.row + 1,
        message: `\`Access-Control-Allow-Origin\` is set to the request's own origin (\`${shorten(value?.text ?? '')}\`) without a check: every site is allowed, credentials included`,
      });
    };

    return {
      enter: {
        call(call) {
          const fn = call.childForFieldName('function');
          const name = calleeName(fn);
          // Cheap tests first: most calls are neither CORS setup nor a header write.
          const first = call.childForFieldName('arguments')?.firstNamedChild;
          const headerCall = first?.type === 'string' && stringLiteral(first)?.toLowerCase() === ALLOW_ORIGIN;
          if (!headerCall && !CORS_CALLS.has(name)) return;
          const args = callArguments(call);
          if (headerCall) {
            if (args.positional.length >= 2) reportHeader(call, args.positional[1]);
            return;
          }
          const starlette = name === 'add_middleware' || name === 'Middleware' || name === 'CORSMiddleware' ? starletteCors(call, args) : null;
          if (starlette) return reportCors(call, starlette);
          if (name !== 'CORS' && name !== 'cross_origin') return;
          const target = importedName(fn, scopesOf(file)) ?? '';
          if (!/^flask_cors\./.test(target)) return;
          const verdict = flaskCors(call, args, target);
          if (verdict) reportCors(call, verdict);
        },
        assignment(node) {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (left?.type === 'identifier' && (left.text === 'CORS_ORIGIN_ALLOW_ALL' || left.text === 'CORS_ALLOW_ALL_ORIGINS') && isBoolLiteral(right, true)) {
            const credentials = /^CORS_ALLOW_CREDENTIALS\s*=\s*True/m.test(file.text);
            return reportCors(node, { what: `\`${left.text} = True\` allows every origin`, credentials });
          }
          if (left?.type === 'subscript' && stringLiteral(left.childForFieldName('subscript'))?.toLowerCase() === ALLOW_ORIGIN) reportHeader(node, right);
        },
        pair(node) {
          if (stringLiteral(node.childForFieldName('key'))?.toLowerCase() === ALLOW_ORIGIN) reportHeader(node, node.childForFieldName('value'));
        },
      },
    };
  },
});
