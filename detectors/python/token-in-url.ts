import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, callArguments, shorten, stringLiteral, unparenthesized } from './shared/call-target.js';
import { isTestPath } from './shared/secret-patterns.js';
import { credentialKey, isAuthValueName, queryKeyBefore } from './shared/url-query.js';

const HTTP_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'ws_connect']);
/** Query-parameter containers of web frameworks: Flask `args`, Django `GET`, Starlette `query_params`, aiohttp `query`. */
const QUERY_CONTAINERS = new Set(['args', 'GET', 'query_params', 'query']);
const REQUEST_ROOT = /^(self\.)?(request|req)$/;

const PUT_RISK = 'URLs are written to server and proxy logs, browser history and `Referer` headers';
const READ_RISK = 'clients then have to put it in URLs, which end up in server and proxy logs, browser history and `Referer` headers';

/** Whether a query key carries a credential, given the name of the value put there. */
function credentialFor(key: string, value: Node | null): boolean {
  const kind = credentialKey(key);
  if (kind === 'credential') return true;
  // `?token={reset_token}` is a one-time link (that is how e-mailed links work); `?token={access_token}` is not.
  return kind === 'token' && isAuthValueName(nameOf(value));
}

function nameOf(node: Node | null): string {
  const n = unparenthesized(node);
  if (n?.type === 'identifier') return n.text;
  if (n?.type === 'attribute') return n.childForFieldName('attribute')?.text ?? '';
  if (n?.type === 'call') return nameOf(n.childForFieldName('function'));
  return '';
}

const isLiteral = (node: Node | null): boolean => {
  const n = unparenthesized(node);
  return !n || stringLiteral(n) !== null || ['integer', 'float', 'none', 'true', 'false'].includes(n.type);
};

/** `request.args`, `request.GET`, `self.request.query_params` (the container), or null. */
function queryContainer(node: Node | null): string | null {
  if (node?.type !== 'attribute' || !QUERY_CONTAINERS.has(node.childForFieldName('attribute')?.text ?? '')) return null;
  return REQUEST_ROOT.test(node.childForFieldName('object')?.text.replace(/\s+/g, '') ?? '') ? node.text : null;
}

/** Credentials put into or read from URL query strings. */
export default definePyDetector({
  meta: {
    id: 'token-in-url',
    severity: 'high',
    category: 'security',
    description: 'An access token, API key, JWT or password is put into a URL query string, or read from one.',
    recommendation: 'Send credentials in a header (`Authorization: Bearer ...`) or a request body, never in the URL.',
    docs: {
      why: 'A URL is not a secret: servers, proxies and load balancers log it, browsers keep it in history and send it to other sites in `Referer`, and it is pasted into chats and tickets. A credential in a query string leaks through all of them. `params=` is reported with any method, since it always becomes the query string. A bare `token` parameter is reported only when the value put there is named as an access credential: e-mailed one-time links (`?token={reset_token}`) carry their token in the URL by design. Values built by `urlencode()` (also used for form bodies) and test files are not checked.',
      flagged: [
        'def fetch(base, access_token):\n    return http.get(f"{base}/me?access_token={access_token}")\n',
        'import requests\n\ndef search(q, api_key):\n    return requests.get("https://api.example.com/search", params={"q": q, "api_key": api_key}, timeout=10)\n',
        'from flask import request\n\n@app.get("/export")\ndef export():\n    token = request.args.get("access_token")\n',
      ],
      ignored: [
        'import requests\n\ndef fetch(url, token):\n    return requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)\n',
        'def reset_link(base, reset_token):\n    return f"{base}/reset?token={reset_token}"\n',
        'def page(base, page_number):\n    return f"{base}/items?page={page_number}"\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    const reported = new Set<number>();
    const put = (node: Node, key: string, shown: string): void => {
      if (reported.has(node.startPosition.row)) return;
      reported.add(node.startPosition.row);
      ctx.report({ line: node.startPosition.row + 1, message: `\`${key}\` is put into the query string of a URL (${shown}): ${PUT_RISK}` });
    };
    const read = (node: Node, key: string): void => {
      ctx.report({ line: node.startPosition.row + 1, message: `\`${key}\` is read from the URL query string (\`${shorten(node.text, 50)}\`): ${READ_RISK}` });
    };

    /** The f-string's parts in order: a key just before an interpolation (`?access_token={t}`). */
    const fString = (node: Node): void => {
      let text = '';
      for (const part of node.namedChildren) {
        if (part?.type === 'string_content' || part?.type === 'escape_sequence') text += part.text;
        else if (part?.type === 'interpolation') {
          const value = part.childForFieldName('expression');
          const key = queryKeyBefore(text);
          if (key && !isLiteral(value) && credentialFor(key, value)) return put(node, key, `\`${shorten(node.text, 50)}\``);
          text += '{}';
        }
      }
    };

    /** `"...?api_key=%s" % key`, `"...?api_key={}".format(key)`, `"...?api_key=" + key`. */
    const formatted = (literal: Node, values: Node[], marker: RegExp, whole: Node): void => {
      const text = stringLiteral(literal) ?? '';
      let index = 0;
      for (const m of text.matchAll(marker)) {
        const key = queryKeyBefore(text.slice(0, m.index));
        const value = values[index] ?? null;
        index += 1;
        if (key && !isLiteral(value) && credentialFor(key, value)) return put(whole, key, `\`${shorten(whole.text, 50)}\``);
      }
    };

    return {
      enter: {
        string(node) {
          // Only f-strings hold interpolations; the prefix is in the first child (`f"`).
          if (!/^[a-zA-Z]*[fF]/.test(node.firstChild?.text ?? '')) return;
          fString(node);
        },
        binary_operator(node) {
          const op = node.childForFieldName('operator')?.type;
          const left = unparenthesized(node.childForFieldName('left'));
          const right = node.childForFieldName('right');
          if (!left || !right) return;
          if (op === '%' && left.type === 'string') {
            const r = unparenthesized(right);
            const values = r?.type === 'tuple' ? r.namedChildren.filter((c): c is Node => c !== null) : [right];
            formatted(left, values, /%[-#0 +]*\d*(?:\.\d+)?[sdrifx]/g, node);
          } else if (op === '+') {
            // `url + "?access_token=" + token` parses as `(url + "?access_token=") + token`.
            const last = left.type === 'binary_operator' ? unparenthesized(left.childForFieldName('right')) : left;
            if (last?.type === 'string' && stringLiteral(last) !== null && !isLiteral(right)) formatted(last, [right], /$/g, node);
          }
        },
        call(call) {
          const fn = call.childForFieldName('function');
          const name = calleeName(fn);
          if (name === 'format' && fn?.type === 'attribute') {
            const receiver = unparenthesized(fn.childForFieldName('object'));
            if (receiver?.type !== 'string' || !(stringLiteral(receiver) ?? '').includes('?')) return;
            const args = callArguments(call);
            const text = stringLiteral(receiver) ?? '';
            let positional = 0;
            for (const m of text.matchAll(/\{(\w*)[^}]*\}/g)) {
              const field = m[1];
              const value = field === '' ? args.positional[positional++] : /^\d+$/.test(field) ? args.positional[Number(field)] : args.keywords.get(field);
              const key = queryKeyBefore(text.slice(0, m.index));
              if (key && !isLiteral(value ?? null) && credentialFor(key, value ?? null)) return put(call, key, `\`${shorten(call.text, 50)}\``);
            }
            return;
          }
          if ((name === 'get' || name === 'getlist') && fn?.type === 'attribute' && queryContainer(fn.childForFieldName('object'))) {
            const key = stringLiteral(callArguments(call).positional[0] ?? null);
            if (key && credentialKey(key) === 'credential') read(call, key);
            return;
          }
          if (!HTTP_CALLS.has(name)) return;
          const params = unparenthesized(callArguments(call).keywords.get('params') ?? null);
          if (params?.type !== 'dictionary') return;
          for (const pair of params.namedChildren) {
            const key = pair?.type === 'pair' ? stringLiteral(pair.childForFieldName('key')) : null;
            const value = pair?.childForFieldName('value') ?? null;
            if (pair && key && !isLiteral(value) && credentialFor(key, value)) return put(pair, key, '`params=` always becomes the query string');
          }
        },
        subscript(node) {
          if (!queryContainer(node.childForFieldName('value'))) return;
          const key = stringLiteral(node.childForFieldName('subscript'));
          if (key && credentialKey(key) === 'credential') read(node, key);
        },
        typed_default_parameter(node) {
          // FastAPI: `api_key: str = Query(...)` declares a query parameter.
          const name = node.childForFieldName('name')?.text ?? '';
          const value = unparenthesized(node.childForFieldName('value'));
          if (value?.type !== 'call' || calleeName(value.childForFieldName('function')) !== 'Query') return;
          const alias = stringLiteral(callArguments(value).keywords.get('alias') ?? null);
          const key = alias ?? name;
          if (credentialKey(key) === 'credential') read(node, key);
        },
      },
    };
  },
});
