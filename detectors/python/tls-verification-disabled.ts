import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, importedName, isBoolLiteral, shorten, stringLiteral, unparenthesized } from './shared/call-target.js';
import { removeKeywordFix } from './shared/keyword-fix.js';
import { scopesOf } from './shared/scopes.js';
import { isTestPath } from './shared/secret-patterns.js';

/** HTTP client libraries whose `verify=` switches certificate checks. */
const HTTP_MODULES = /^(requests|httpx|aiohttp|urllib3|boto3|botocore)(\.|$)/;
/** Methods of sessions and clients that take `verify=` (requests, httpx). */
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream', 'Client', 'AsyncClient', 'Session']);
/** Receivers whose `verify=` means something else (PyJWT's signature check). */
const NOT_TLS_RECEIVER = /jwt|jws|jose|signature|token/i;
/** Keyword names that only ever mean "check the server's certificate". */
const TLS_KEYWORDS = new Set(['verify_ssl', 'ssl_verify', 'verify_certs', 'sslverify', 'verify_cert', 'ssl_cert_verify']);
/** Session-like objects whose `verify` attribute is requests' setting. */
const SESSION_NAME = /sess|client|^s$/i;

/** `ssl.CERT_NONE`, `CERT_NONE`, `"CERT_NONE"`. */
function isCertNone(node: Node | null): boolean {
  const n = unparenthesized(node);
  if (!n) return false;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text === 'CERT_NONE';
  return (n.type === 'identifier' && n.text === 'CERT_NONE') || stringLiteral(n) === 'CERT_NONE';
}

/**
 * True where turning a check off is a decision the code does not make alone: under a condition on
 * a verification option (`if not verify:`, `else` of `if cert_reqs == CERT_REQUIRED:`, `if not
 * server_hostname:`), which is a library implementing its `verify=` setting; or in a function
 * that sets up the server side of TLS, where host names are never checked, or that saves the
 * setting to restore it.
 */
function optionOrServerSide(node: Node): boolean {
  for (let a = node.parent; a && a.type !== 'module'; a = a.parent) {
    if ((a.type === 'if_statement' || a.type === 'elif_clause') && OPTION_TEST.test(a.childForFieldName('condition')?.text ?? '')) return true;
    if (a.type === 'function_definition') {
      const text = a.text;
      return SERVER_SIDE.test(text) || SAVES_SETTING.test(text) || INSECURE_BY_NAME.test(a.childForFieldName('name')?.text ?? '') || ACKNOWLEDGED.test(text);
    }
  }
  return false;
}

/** Conditions on a TLS option. */
const OPTION_TEST = /verify|insecure|ssl|tls|cert|hostname|secure/i;
/**
 * `saved = ctx.check_hostname`: the function keeps the setting to restore it, a temporary switch
 * around a verification done another way (truststore verifies with the OS, then restores).
 */
const SAVES_SETTING = /=\s*[\w.]+\.(check_hostname|verify_mode)\s*(\n|;|$)/m;
/** `insecure_ssl_context_factory()`, `unverified_context()`: a function whose name says what it makes, chosen by its callers. */
const INSECURE_BY_NAME = /insecure|unverified|no_?verify/i;
/** A security linter's finding on TLS silenced in the function (`# nosec`, `# noqa: DUO122`, `S501`, `S323`): a decision already reviewed. */
const ACKNOWLEDGED = /#\s*(nosec\b|noqa:?\s*(DUO1(2[0-9]|3[0-9])|S50[1-9]|S323))/;
/** A server-side context: its certificate checks are about clients, host names do not apply. */
const SERVER_SIDE = /PROTOCOL_TLS_SERVER|server_side\s*=\s*True|Purpose\.CLIENT_AUTH/;

const REASON = 'the server\'s certificate is not checked, so anyone on the network path can read and change the traffic';

/** Certificate checks switched off: `verify=False`, unverified contexts, `CERT_NONE`. */
export default definePyDetector({
  meta: {
    id: 'tls-verification-disabled',
    severity: 'high',
    category: 'security',
    description: 'TLS certificate or host name verification is switched off (`verify=False`, `CERT_NONE`, `check_hostname = False`, `ssl._create_unverified_context`).',
    recommendation: 'Keep verification on; for a private CA pass its bundle (`verify="/path/ca.pem"`, `ssl.create_default_context(cafile=...)`).',
    docs: {
      why: 'Without certificate verification TLS still encrypts, but to whoever answers: a machine-in-the-middle presents its own certificate and reads or rewrites every request, credentials included. Test files are not checked (local test servers use self-signed certificates), nor switches set under a condition on a TLS option (`if not verify:`, `if not server_hostname:`: a library implementing its own `verify=` setting), nor `self.check_hostname` in a context class, nor server-side contexts (`PROTOCOL_TLS_SERVER`, `server_side=True`), where host names are not checked, nor functions that save the setting to restore it (a temporary switch around a verification done another way), nor functions whose name says they make an insecure context (`insecure_ssl_context_factory`, chosen by callers behind an option), nor functions where a security linter\'s TLS finding is already silenced (`# nosec`, `# noqa: DUO122`).',
      flagged: [
        'import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False)\n',
        'import ssl\n\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n',
        'import ssl, urllib.request\n\ndef fetch(url):\n    return urllib.request.urlopen(url, context=ssl._create_unverified_context())\n',
      ],
      ignored: [
        'import requests\n\ndef fetch(url):\n    return requests.get(url, verify="/etc/ssl/private-ca.pem", timeout=10)\n',
        'import jwt\n\ndef claims(token):\n    return jwt.decode(token, verify=False)\n',
        'import ssl\n\ndef insecure(ctx):\n    return ctx.verify_mode == ssl.CERT_NONE\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    const model = () => scopesOf(ctx.file);

    /** `verify=False` on a requests/httpx/aiohttp call or a session or client method. */
    const httpCall = (call: Node): string | null => {
      const fn = call.childForFieldName('function');
      const target = importedName(fn, model());
      if (target && HTTP_MODULES.test(target)) return target;
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object')?.text ?? '' : '';
      const method = calleeName(fn);
      if (!HTTP_METHODS.has(method) || NOT_TLS_RECEIVER.test(receiver) || (target && !HTTP_MODULES.test(target))) return null;
      return fn?.text.replace(/\s+/g, '') ?? method;
    };

    /** `ssl._create_unverified_context`, called or installed as the default. */
    const unverified = (node: Node): void => {
      if (importedName(node, model()) !== 'ssl._create_unverified_context' || optionOrServerSide(node)) return;
      ctx.report({ line: node.startPosition.row + 1, message: `\`${node.text}\` makes an SSL context that checks neither certificate nor host name: ${REASON}` });
    };

    return {
      enter: {
        keyword_argument(node) {
          const name = node.childForFieldName('name')?.text ?? '';
          const value = node.childForFieldName('value');
          if (name === 'cert_reqs' && isCertNone(value)) {
            if (optionOrServerSide(node)) return;
            ctx.report({ line: node.startPosition.row + 1, message: `\`cert_reqs=${value?.text}\` accepts any certificate: ${REASON}` });
            return;
          }
          if ((name !== 'verify' && !TLS_KEYWORDS.has(name)) || !isBoolLiteral(value, false)) return;
          const call = node.parent?.parent;
          const target = call?.type === 'call' ? (TLS_KEYWORDS.has(name) ? calleeName(call.childForFieldName('function')) || 'call' : httpCall(call)) : null;
          if (!target || optionOrServerSide(node)) return;
          const fix = name === 'verify' ? removeKeywordFix(ctx.file.lines, node) : undefined;
          ctx.report({
            line: node.startPosition.row + 1,
            message: `\`${shorten(target)}()\` is called with \`${name}=False\`: ${REASON}`,
            ...(fix ? { fix } : {}),
          });
        },
        assignment(node) {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          // `self.verify_mode = CERT_NONE` in a class: a context wrapper's default, not a use.
          if (left?.type !== 'attribute' || !right || left.childForFieldName('object')?.text === 'self') return;
          const attribute = left.childForFieldName('attribute')?.text;
          const owner = left.childForFieldName('object')?.text ?? '';
          if (attribute === 'check_hostname' && isBoolLiteral(right, false)) {
            if (optionOrServerSide(node)) return;
            ctx.report({ line: node.startPosition.row + 1, message: `\`${shorten(left.text)} = False\` accepts a valid certificate for any host name: ${REASON}` });
          } else if (calleeName(right) === '_create_unverified_context') {
            unverified(right);
          } else if (isCertNone(right) && !optionOrServerSide(node)) {
            ctx.report({ line: node.startPosition.row + 1, message: `\`${shorten(left.text)} = ${right.text}\` accepts any certificate: ${REASON}` });
          } else if (attribute === 'verify' && SESSION_NAME.test(calleeName(left.childForFieldName('object')) || owner) && isBoolLiteral(right, false) && !optionOrServerSide(node)) {
            ctx.report({ line: node.startPosition.row + 1, message: `\`${shorten(left.text)} = False\` switches certificate checks off for every request of the session: ${REASON}` });
          }
        },
        pair(node) {
          if (stringLiteral(node.childForFieldName('key')) === 'cert_reqs' && isCertNone(node.childForFieldName('value')) && !optionOrServerSide(node)) {
            ctx.report({ line: node.startPosition.row + 1, message: `\`"cert_reqs": ${node.childForFieldName('value')?.text}\` accepts any certificate: ${REASON}` });
          }
        },
        call(node) {
          const fn = node.childForFieldName('function');
          if (calleeName(fn) === '_create_unverified_context') unverified(fn as Node);
        },
      },
    };
  },
});
