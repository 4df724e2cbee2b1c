import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, importedName, stringLiteral } from './shared/call-target.js';
import { decoratorsOf } from './shared/call-frequency.js';
import { isPythonTestPath } from './shared/python-paths.js';
import { requestHandlerOf } from './shared/request-handlers.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';

/** Calls that validate a shape: pydantic, marshmallow, jsonschema, cerberus, voluptuous, Django forms, isinstance. */
const VALIDATOR = /^(validate\w*|model_validate\w*|parse_obj|parse_raw|load|loads_schema|is_valid|full_clean|isinstance|check\w*|assert\w*|\w*[Ss]chema\w*|\w*[Vv]alid\w*|TypeAdapter|from_dict|structure|conform)$/;
const DICT_TYPE = /^(dict|Dict|typing\.Dict|dict\[.*\]|Dict\[.*\]|typing\.Dict\[.*\])$/s;
const BODY_METHOD = /^@\s*[\w.]+\.(post|put|patch)\s*\(/;

interface Read {
  field: string;
  line: number;
}

/** `request.json` / `request.get_json()` with `request` imported from Flask (or Quart). */
function isJsonBody(node: Node, model: ScopeModel): boolean {
  if (node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'json') {
    return /^(flask|quart)\.request$/.test(importedName(node.childForFieldName('object'), model) ?? '');
  }
  if (node.type === 'call' && calleeName(node.childForFieldName('function')) === 'get_json') {
    const fn = node.childForFieldName('function');
    return /^(flask|quart)\.request$/.test(importedName(fn?.childForFieldName('object') ?? null, model) ?? '');
  }
  return false;
}

/** FastAPI body parameters typed `dict` (or `Any`) on a body-carrying route. */
function dictParameters(def: Node): Node[] {
  if (!decoratorsOf(def).some((d) => BODY_METHOD.test(d))) return [];
  const params = def.childForFieldName('parameters')?.namedChildren ?? [];
  return params.filter(
    (p): p is Node =>
      (p?.type === 'typed_parameter' || p?.type === 'typed_default_parameter') &&
      DICT_TYPE.test(p.childForFieldName('type')?.text ?? '') &&
      // `db: dict = Depends(get_settings)` is injected, not the body.
      !/^Depends\(|\.Depends\(/.test(p.childForFieldName('value')?.text ?? ''),
  );
}

/** Analyses one handler: client-sent dicts, the fields read from them, whether they escape or are validated. */
function analyseHandler(def: Node, model: ScopeModel): { reads: Read[]; names: string[] } | null {
  const tracked = new Set(dictParameters(def).map((p) => p.namedChild(0)?.text ?? ''));
  const reads: Read[] = [];
  const body = def.childForFieldName('body');
  if (!body) return null;
  const stack: Node[] = [body];
  const ordered: Node[] = [];
  // Pre-order, source order, this function's subtree only (nested defs included: they close over it).
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    ordered.push(node);
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
  for (const node of ordered) {
    if (node.type === 'call') {
      const name = calleeName(node.childForFieldName('function'));
      const args = node.childForFieldName('arguments');
      // `Model(**data)`: a pydantic/dataclass constructor checks (or at least names) the fields.
      if (VALIDATOR.test(name) || (/^[A-Z]/.test(name) && args?.namedChildren.some((a) => a?.type === 'dictionary_splat'))) return null;
    }
    const source = node.type === 'identifier' ? tracked.has(node.text) && !isBindingTarget(node) : isJsonBody(node, model);
    if (!source) continue;
    const use = classify(node);
    if (use.kind === 'escape') return null;
    if (use.kind === 'bind') tracked.add(use.name);
    if (use.kind === 'read') reads.push({ field: use.field, line: use.line });
  }
  return reads.length > 0 ? { reads, names: [...tracked] } : null;
}

function isBindingTarget(id: Node): boolean {
  const parent = id.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === id.id) return true;
  return parent?.type === 'typed_parameter' || parent?.type === 'typed_default_parameter' || parent?.type === 'keyword_argument';
}

type Use = { kind: 'read'; field: string; line: number } | { kind: 'bind'; name: string } | { kind: 'escape' } | { kind: 'other' };

/** What the code around one occurrence of a client-sent dict does with it. */
function classify(node: Node): Use {
  const parent = node.parent;
  const text = node.text.length > 30 ? 'request.json' : node.text;
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === node.id) {
    const key = stringLiteral(parent.childForFieldName('subscript'));
    return key === null ? { kind: 'escape' } : { kind: 'read', field: `${text}["${key}"]`, line: parent.startPosition.row + 1 };
  }
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === node.id) {
    const method = parent.childForFieldName('attribute')?.text;
    const call = parent.parent;
    if (method === 'get' && call?.type === 'call') {
      const first = call.childForFieldName('arguments')?.namedChild(0) ?? null;
      const key = stringLiteral(first);
      return key === null ? { kind: 'escape' } : { kind: 'read', field: `${text}.get("${key}")`, line: call.startPosition.row + 1 };
    }
    return { kind: 'other' };
  }
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === node.id && parent.childForFieldName('left')?.type === 'identifier') {
    return { kind: 'bind', name: parent.childForFieldName('left')?.text ?? '' };
  }
  // `if not data:` / `if data is None:`: a presence test, not a use of the content.
  if (parent?.type === 'not_operator' || parent?.type === 'if_statement' || (parent?.type === 'comparison_operator' && /\bis\b/.test(parent.text))) return { kind: 'other' };
  return { kind: 'escape' };
}

/** Request JSON fields used without a schema check in a view. */
export default definePyDetector({
  meta: {
    id: 'missing-input-validation',
    severity: 'medium',
    category: 'security',
    description: 'Request JSON fields (`request.json["x"]`, `request.get_json().get("x")`) or a FastAPI body typed `dict` used without a schema check (pydantic, marshmallow, jsonschema, ...).',
    recommendation: 'Declare a pydantic model for the body (FastAPI validates it for you) or load it through a schema (`Model.model_validate(data)`, marshmallow `schema.load(data)`) and use only the validated value.',
    docs: {
      why: 'A field read straight from a JSON body can be anything the client chooses: missing, `null`, a list where a string was expected, a huge string, a nested object that reaches a database filter. One schema at the edge makes every later line safe. The rule looks at request handlers (see unbounded-query for how they are recognised), at Flask/Quart `request.json` and `request.get_json()` (directly or through a variable) and at FastAPI parameters of `post`/`put`/`patch` routes typed `dict`, and reports once per view, naming the fields. It stands down when the view calls anything that validates (`validate*`, `model_validate`, `parse_obj`, `load`, `is_valid`, `isinstance`, `*Schema*`, a class called with `**data`), or when the whole body is passed on, stored or returned (the callee may validate it). Parameters typed with a pydantic model are what it asks for; query strings and form fields (strings by construction) are not judged.',
      flagged: [
        'from flask import request\n\n@app.post("/signup")\ndef signup():\n    data = request.get_json()\n    return create_user(data["email"], data["password"])\n',
        '@app.post("/items")\nasync def create_item(payload: dict):\n    return await save(payload["name"], payload.get("price"))\n',
      ],
      ignored: [
        'from flask import request\n\n@app.post("/signup")\ndef signup():\n    data = SignupSchema().load(request.get_json())\n    return create_user(data["email"], data["password"])\n',
        '@app.post("/items")\nasync def create_item(item: Item):\n    return await save(item.name, item.price)\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isPythonTestPath(ctx.file.path)) return {};
    // Cheap gate, once per file: only files that read a JSON body or take a `dict` can have a finding.
    if (!/get_json|\.json\b|:\s*(dict|Dict)\b/.test(ctx.file.text)) return {};
    return {
      enter: {
        function_definition(def) {
          const phrase = requestHandlerOf(def, ctx.file.path);
          if (!phrase) return;
          const found = analyseHandler(def, scopesOf(ctx.file));
          if (!found) return;
          const fields = [...new Set(found.reads.map((r) => r.field))];
          const named = fields.slice(0, 3).map((f) => `\`${f}\``).join(', ') + (fields.length > 3 ? ` and ${fields.length - 3} more` : '');
          ctx.report({
            line: found.reads[0].line,
            message: `${named} ${fields.length === 1 ? 'is' : 'are'} used in ${phrase} without any schema check: the client decides ${fields.length === 1 ? 'its type and shape' : 'their types and shapes'}.`,
          });
        },
      },
    };
  },
});
