import type { PyNode as Node } from '../define.js';
import type { PyFile } from '../define.js';
import { definePyDetector } from '../define.js';
import { type CallArguments, calleeName, callArguments, importedName, shorten, unparenthesized } from './shared/call-target.js';
import { addKeywordFix } from './shared/keyword-fix.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';
import { isTestPath } from './shared/secret-patterns.js';

const REQUESTS_FUNCTIONS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
/** The last names of every call the rule looks at: a cheap test before any resolution. */
const CANDIDATES = new Set([...REQUESTS_FUNCTIONS, 'stream', 'Client', 'AsyncClient', 'urlopen', 'ClientSession']);
const SESSION_FACTORIES = new Set(['requests.Session', 'requests.session', 'requests.sessions.Session']);
/** httpx applies a 5 s default: only an explicit `timeout=None` takes it away. */
const HTTPX = /^httpx\.(get|post|put|patch|delete|head|options|request|stream|Client|AsyncClient)$/;
const DEFAULT_TIMEOUT = 'timeout=10';

/** Per-file facts that mean "a timeout is configured some other way". */
interface FileFacts {
  /** Adapters mounted on sessions (`session.mount(...)`, `HTTPAdapter`) or a wrapped `session.request` may carry a default timeout. */
  adapters: boolean;
  /** `socket.setdefaulttimeout(...)` applies to `urlopen` without one. */
  socketDefault: boolean;
  /** `aiohttp.ClientTimeout` or a `timeout=` given per request: the session's timeout is set elsewhere. */
  aiohttpTimeouts: boolean;
}

function factsOf(file: PyFile): FileFacts {
  return file.memo('python/missing-timeout-facts', () => ({
    adapters: /\.mount\(|HTTPAdapter|TimeoutSauce|\.request\s*=/.test(file.text),
    socketDefault: /setdefaulttimeout\(/.test(file.text),
    aiohttpTimeouts: /ClientTimeout|\btimeout\s*=/.test(file.text),
  }));
}

/** The call `requests.Session()` (or `requests.session()`). */
function isSessionFactory(node: Node | null, model: ScopeModel): boolean {
  const n = unparenthesized(node);
  return n?.type === 'call' && SESSION_FACTORIES.has(importedName(n.childForFieldName('function'), model) ?? '');
}

/**
 * True when `receiver` names a variable only ever bound to `requests.Session()`, by assignment or
 * by `with requests.Session() as s:`; sessions that come from elsewhere are left alone.
 */
function isRequestsSession(receiver: Node | null, model: ScopeModel): boolean {
  if (isSessionFactory(receiver, model)) return true;
  if (receiver?.type !== 'identifier') return false;
  const found = model.lookup(receiver.text, model.scopeOf(receiver));
  if (found === null || found === 'builtin') return false;
  const bindings = found.bindings.get(receiver.text) ?? [];
  return bindings.length > 0 && bindings.every((b) => {
    if (b.kind === 'assign') return isSessionFactory(b.value ?? null, model);
    // `with requests.Session() as s:` binds `s` in as_pattern_target, whose parent holds the value.
    return b.kind === 'with' && isSessionFactory(b.node.parent?.parent?.namedChild(0) ?? null, model);
  });
}

interface Verdict {
  what: string;
  detail: string;
  fix: boolean;
}

function explicitNone(args: CallArguments): boolean {
  return unparenthesized(args.keywords.get('timeout') ?? null)?.type === 'none';
}

const hasTimeout = (args: CallArguments): boolean => args.splat || args.keywords.has('timeout');

/** What is wrong with `call`'s timeout, or null when it has one (or we cannot tell). */
function judge(call: Node, model: ScopeModel, facts: FileFacts): Verdict | null {
  const fn = call.childForFieldName('function');
  const target = importedName(fn, model);
  const args = callArguments(call);
  if (explicitNone(args) && target && (HTTPX.test(target) || /^requests\./.test(target))) {
    return { what: `\`${target}()\``, detail: 'is called with `timeout=None`: it waits forever on a server that stops answering', fix: false };
  }
  if (hasTimeout(args)) return null;
  if (target && /^requests\.(api\.)?\w+$/.test(target) && REQUESTS_FUNCTIONS.has(calleeName(fn))) {
    return { what: `\`${target}()\``, detail: 'has no `timeout=`: requests waits forever on a server that stops answering', fix: true };
  }
  if (target === 'urllib.request.urlopen' && args.positional.length < 3 && !facts.socketDefault) {
    return { what: '`urllib.request.urlopen()`', detail: 'has no `timeout=`: it waits forever on a server that stops answering', fix: true };
  }
  if (target === 'aiohttp.ClientSession' && !facts.aiohttpTimeouts) {
    return { what: '`aiohttp.ClientSession()`', detail: 'has no `timeout=`: each request may hang for aiohttp\'s default of 5 minutes', fix: false };
  }
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (fn?.type === 'attribute' && REQUESTS_FUNCTIONS.has(calleeName(fn)) && !facts.adapters && isRequestsSession(receiver, model)) {
    return { what: `\`${shorten(fn.text)}()\``, detail: `has no \`timeout=\`: \`${receiver?.text}\` is a requests Session, which has no default timeout and waits forever on a server that stops answering`, fix: true };
  }
  return null;
}

/** A requests / httpx / aiohttp / urlopen call given an explicit timeout (not `None`): the good shape. */
function isTimedCall(call: Node, model: ScopeModel): boolean {
  const target = importedName(call.childForFieldName('function'), model);
  const timeout = unparenthesized(callArguments(call).keywords.get('timeout') ?? null);
  if (!target || !timeout || timeout.type === 'none') return false;
  return /^(requests|httpx|aiohttp)\./.test(target) || target === 'urllib.request.urlopen';
}

/** HTTP calls that can wait forever: no timeout, or `timeout=None`. */
export default definePyDetector({
  meta: {
    id: 'missing-timeout',
    severity: 'high',
    category: 'reliability',
    description: 'An HTTP call or client without a timeout (`requests.*`, requests sessions, `urllib.request.urlopen`, `aiohttp.ClientSession`), or with `timeout=None`.',
    recommendation: 'Pass a timeout (`timeout=10`, or `aiohttp.ClientTimeout(total=10)`) sized to what the caller can wait.',
    docs: {
      why: 'requests and urlopen have no default timeout: a server that accepts the connection and never answers holds the worker, its thread and its connections forever, and enough of them take the service down. httpx applies a 5 s default, so httpx calls are reported only with an explicit `timeout=None`; sessions built elsewhere (`self.session`, a parameter) and files that mount adapters are not judged. Test files are not checked.',
      flagged: [
        'import requests\n\ndef fetch(url):\n    return requests.get(url)\n',
        'import urllib.request\n\ndef fetch(url):\n    return urllib.request.urlopen(url).read()\n',
        'import httpx\n\nclient = httpx.Client(timeout=None)\n',
      ],
      ignored: [
        'import requests\n\ndef fetch(url):\n    return requests.get(url, timeout=10)\n',
        'import httpx\n\ndef fetch(url):\n    return httpx.get(url)\n',
        'def fetch(session, url):\n    return session.get(url)\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    return {
      enter: {
        call(call) {
          if (!CANDIDATES.has(calleeName(call.childForFieldName('function')))) return;
          const verdict = judge(call, scopesOf(ctx.file), factsOf(ctx.file));
          if (!verdict) {
            if (isTimedCall(call, scopesOf(ctx.file))) ctx.praise({ line: call.startPosition.row + 1, pattern: 'network-timeout' });
            return;
          }
          const fix = verdict.fix ? addKeywordFix(ctx.file.lines, call, DEFAULT_TIMEOUT) : undefined;
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `${verdict.what} ${verdict.detail}`,
            ...(fix ? { fix } : {}),
          });
        },
      },
    };
  },
});
