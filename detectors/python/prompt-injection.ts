import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import type { Tri } from './shared/constant.js';
import { calleeName, callArguments, shorten, stringLiteral, unparenthesized } from './shared/call-target.js';
import { inputOrigin } from './shared/input-origin.js';
import { reachingValues } from './shared/local-values.js';
import { type Binding, type ScopeModel, scopesOf } from './shared/scopes.js';
import { isTestPath } from './shared/secret-patterns.js';
import { stringBuild } from './shared/string-build.js';

/** LLM calls of the OpenAI, Anthropic, Google and Mistral SDKs, by the end of the callee's text. */
const LLM_CALL = /(^|\.)(chat\.completions\.(create|parse)|completions\.create|messages\.create|messages\.stream|responses\.create|ChatCompletion\.a?create|Completion\.a?create|generate_content(_async)?|chat\.complete(_async)?)$/;
const LLM_LAST = new Set(['create', 'parse', 'acreate', 'stream', 'generate_content', 'generate_content_async', 'complete', 'complete_async']);
/** Keyword arguments that carry prompt text. */
const PROMPT_KEYWORDS = ['messages', 'prompt', 'system', 'input', 'instructions', 'contents'];
/** Dictionary keys of a message that hold its text. */
const TEXT_KEYS = new Set(['content', 'text', 'parts']);
/** Request data read through the framework's request object: Flask/Quart, Django, Starlette, aiohttp. */
const REQUEST_DATA = /^(self\.)?(request|req)\.(json|form|args|data|values|get_json|GET|POST|body|query_params|query|path_params|match_info|files)\b/;
/** Decorators and first parameters that make a function a request handler. */
const ROUTE_DECORATOR = /\.(route|get|post|put|patch|delete|websocket|api_route)\s*\(|@api_view|@require_(GET|POST|http_methods)|@csrf_exempt/;
const MAX_DEPTH = 4;

/** Whether the function that binds `param` handles web requests (route decorator, or `request` first). */
function isHandlerParameter(param: Binding): boolean {
  const def = param.scope.node;
  if (def.type !== 'function_definition' || param.name === 'self' || param.name === 'request' || param.name === 'req') return false;
  // `db = Depends(get_db)`, `user = Security(...)`: values the app itself provides.
  const declared = param.node.parent;
  if (declared && /^(typed_)?default_parameter$/.test(declared.type) && /^(Depends|Security)\(/.test(declared.childForFieldName('value')?.text ?? '')) return false;
  const decorated = def.parent?.type === 'decorated_definition' ? def.parent : null;
  if (decorated && ROUTE_DECORATOR.test(decorated.namedChildren.filter((c) => c?.type === 'decorator').map((c) => c?.text ?? '').join('\n'))) return true;
  const first = def.childForFieldName('parameters')?.namedChildren.find((p) => p !== null && p.type !== 'comment');
  return /^(request|req)\b/.test(first?.text ?? '') && first?.text !== param.name;
}

/** Request data (`request.json["q"]`) is untrusted wherever `request` comes from. */
function judgeRequestData(node: Node): Tri | undefined {
  if (node.type === 'attribute' || node.type === 'subscript' || node.type === 'call') return REQUEST_DATA.test(node.text.replace(/\s+/g, '')) ? 'yes' : undefined;
  return undefined;
}

function untrusted(value: Node, model: ScopeModel): boolean {
  return inputOrigin(value, model, { acceptsParameter: isHandlerParameter, judge: judgeRequestData }) === 'yes';
}

interface Found {
  value: Node;
  /** The prompt text it is formatted into. */
  template: Node;
}

/** Untrusted values formatted into prompt text within `node` (a string, a message dict, a list of them). */
function search(node: Node | null, at: Node, model: ScopeModel, depth: number): Found | null {
  const n = unparenthesized(node);
  if (!n || depth > MAX_DEPTH) return null;
  const build = stringBuild(n);
  if (build) {
    const value = build.values.find((v) => untrusted(v, model));
    return value ? { value, template: n } : null;
  }
  if (n.type === 'list' || n.type === 'tuple') {
    for (const item of n.namedChildren) {
      const found = search(item, at, model, depth + 1);
      if (found) return found;
    }
  } else if (n.type === 'dictionary') {
    for (const pair of n.namedChildren) {
      if (pair?.type !== 'pair' || !TEXT_KEYS.has(stringLiteral(pair.childForFieldName('key')) ?? '')) continue;
      const found = search(pair.childForFieldName('value'), at, model, depth + 1);
      if (found) return found;
    }
  } else if (n.type === 'identifier') {
    for (const r of reachingValues(n, at, model)) {
      const found = search(r.value, at, model, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** Untrusted request values formatted into the prompt of an LLM call. */
export default definePyDetector({
  meta: {
    id: 'prompt-injection',
    severity: 'low',
    category: 'security',
    description: 'A value from a web request is formatted into the prompt text of an LLM call (OpenAI, Anthropic, Gemini, Mistral SDKs).',
    recommendation: 'Keep instructions in the system message, pass user text as its own clearly delimited user message, and never let the model\'s output trigger actions without a check.',
    docs: {
      why: 'A model cannot tell instructions from data inside one text: a user who writes "ignore the above and ..." into a field that is formatted into the prompt can change what the model does, leak the system prompt, or steer tools it may call. Only clear cases are reported: request data (`request.json`, `request.form`, ...) and parameters of request handlers (route-decorated functions, views taking `request`), formatted into a prompt string passed to the call or built in a variable of the same function. Values passed as a message on their own, dependencies (`Depends(...)`) and test files are not.',
      flagged: [
        'from flask import request\n\n@app.post("/summarise")\ndef summarise():\n    text = request.json["text"]\n    prompt = f"Summarise this for an executive:\\n{text}"\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])\n',
      ],
      ignored: [
        '@app.post("/chat")\ndef chat(question: str):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}])\n',
        'def summarise(text):\n    return client.messages.create(model="claude", max_tokens=500, messages=[{"role": "user", "content": f"Summarise: {text}"}])\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    return {
      enter: {
        call(call) {
          const fn = call.childForFieldName('function');
          if (!LLM_LAST.has(calleeName(fn)) || !LLM_CALL.test(fn?.text.replace(/\s+/g, '') ?? '')) return;
          const model = scopesOf(ctx.file);
          const args = callArguments(call);
          const carriers = [...PROMPT_KEYWORDS.map((k) => args.keywords.get(k)), /generate_content/.test(calleeName(fn)) ? args.positional[0] : undefined];
          for (const carrier of carriers) {
            const found = carrier ? search(carrier, call, model, 0) : null;
            if (!found) continue;
            const callee = shorten(fn?.text ?? '', 50);
            const where = found.template.startPosition.row === call.startPosition.row ? '' : ` (built on line ${found.template.startPosition.row + 1})`;
            ctx.report({
              line: call.startPosition.row + 1,
              endLine: call.endPosition.row + 1,
              message: `\`${shorten(found.value.text, 40)}\` from the request is formatted into the prompt of \`${callee}()\`${where}: text in it can override the instructions`,
            });
            return;
          }
        },
      },
    };
  },
});
