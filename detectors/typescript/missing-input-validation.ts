import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { unwrap } from './shared/constant-text.js';
import { isTestFile } from './shared/file-role.js';
import { FUNCTION_KINDS } from './shared/function-name.js';
import { propertyNameText } from './shared/object-literal.js';
import { type OwnerCache, type UntrustedObject, untrustedObject } from './shared/untrusted-fields.js';
import { handlersFor } from './shared/kind-names.js';

/** Calls that validate or check a shape: zod, joi, yup, ajv, class-validator, superstruct, type guards. */
const VALIDATOR = /^(parse|safeParse|parseAsync|safeParseAsync|spa|validate\w*|check\w*|assert\w*|is[A-Z]\w*|decode|cast|plainToInstance|plainToClass|transformAndValidate|sanitize\w*|matchedData|validationResult|conform\w*|verify\w*|\w*[Ss]chema\w*|\w*[Vv]alid\w*)$/;
/** Conversions whose result cannot carry an unexpected shape. */
const COERCIONS = new Set(['Number', 'parseInt', 'parseFloat', 'String', 'Boolean', 'BigInt', 'Date']);

interface OwnerState {
  owner: UntrustedObject;
  reads: Array<{ field: string; line: number }>;
  /** The whole object escapes (passed on, spread, stored): someone else may validate it. */
  escaped: boolean;
}

/** The last name of a callee (`schema.parse` → `parse`). */
function calleeName(expr: ts.Expression): string {
  const e = unwrap(expr);
  return ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : '';
}

/** The value node a use sits in, past parentheses and type assertions. */
function outerOf(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  return n;
}

/** The field a member access reads (`email` of `req.body.email`), or undefined for a computed key. */
function fieldOf(access: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return access.name.text;
  if (ts.isElementAccessExpression(access) && ts.isStringLiteralLike(access.argumentExpression)) return access.argumentExpression.text;
  return undefined;
}

/** True when a field read is converted on the spot (`Number(req.query.page)`) or written to. */
function harmlessRead(access: ts.Node): boolean {
  const outer = outerOf(access);
  const parent = outer.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression) && COERCIONS.has(calleeName(parent.expression))) return true;
  if (ts.isBinaryExpression(parent) && parent.left === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
  return ts.isCallExpression(parent) && parent.expression === outer;
}

/** Request fields and socket message fields used without a schema check. */
export default defineTsDetector({
  meta: {
    id: 'missing-input-validation',
    severity: 'medium',
    category: 'security',
    description: 'Request body or query fields, or socket message fields, used without a schema check (zod, joi, yup, ajv, class-validator, ...).',
    recommendation: 'Validate the whole input once with a schema (`const body = Schema.parse(req.body)`, joi `validate`, ajv, class-validator) and use only the validated value.',
    docs: {
      why: 'A field read straight from `req.body` or a parsed socket message can be anything the client chooses: a missing value, an object where a string was expected (`{"$gt": ""}` into a database filter), a 10 MB string, a prototype key. One schema check at the edge makes every later line safe; without it, each use is a separate bug waiting for a client. The rule looks at request handlers (see unbounded-query for how they are recognised), `ws` `message` listeners (fields of `JSON.parse(data)` and of a `const` bound to it) and socket.io event listeners inside `io.on(\'connection\')`. It reads `req.body.x`, `req.query.x`, `ctx.request.body.x`, `const { x } = req.body` and reports once per handler, naming the fields. It stands down when the handler calls anything that validates or checks a shape (a name like `parse`, `safeParse`, `validate*`, `assert*`, `is*`, `*Schema*`, `plainToInstance`, ...) or uses `typeof`, when the whole object is passed on, stored or spread (the callee may validate it), when the route has middleware before the handler (`app.post(\'/x\', validate(schema), handler)`), and for reads converted on the spot (`Number(req.query.page)`). Route `params` and headers are not judged: the router already matched them as strings.',
      flagged: [
        "app.post('/signup', async (req, res) => {\n  const user = await db.users.insert({ email: req.body.email, role: req.body.role });\n  res.json(user);\n});\n",
        "wss.on('connection', (ws) => {\n  ws.on('message', (data) => {\n    const msg = JSON.parse(data.toString());\n    rooms.get(msg.room).broadcast(msg.text);\n  });\n});\n",
      ],
      ignored: [
        "app.post('/signup', async (req, res) => {\n  const body = SignupSchema.parse(req.body);\n  res.json(await db.users.insert({ email: body.email }));\n});\n",
        "app.post('/signup', validate(signupSchema), async (req, res) => {\n  res.json(await db.users.insert({ email: req.body.email }));\n});\n",
        "app.get('/items', async (req, res) => {\n  res.json(await list(Number(req.query.page)));\n});\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestFile(ctx.file.path)) return {};
    const path = ctx.file.path;
    const owners = ctx.file.memo<OwnerCache>('typescript/untrusted-owner-cache', () => new Map());
    const states = new Map<ts.Node, OwnerState>();
    const validated = new Set<ts.Node>();
    /** Names that may hold a parsed message or a socket payload, learnt as the traversal meets them. */
    const candidates = new Set<string>();

    const stateOf = (owner: UntrustedObject): OwnerState => {
      let state = states.get(owner.owner);
      if (!state) {
        state = { owner, reads: [], escaped: false };
        states.set(owner.owner, state);
      }
      return state;
    };
    const markValidated = (node: ts.Node): void => {
      for (let a = node.parent; a; a = a.parent) if (ts.isFunctionLike(a)) validated.add(a);
    };
    /** Classifies one occurrence of a client-sent object by what its parent does with it. */
    const noteUse = (node: ts.Node, owner: UntrustedObject): void => {
      const state = stateOf(owner);
      const outer = outerOf(node);
      const parent = outer.parent;
      if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer) {
        const field = fieldOf(parent);
        if (field === undefined) state.escaped = true;
        else if (!harmlessRead(parent)) state.reads.push({ field: `${owner.text}.${field}`, line: ctx.file.lineOf(parent.getStart()) });
        return;
      }
      if (ts.isVariableDeclaration(parent) && parent.initializer === outer) {
        if (ts.isObjectBindingPattern(parent.name)) {
          for (const element of parent.name.elements) {
            const key = propertyNameText(element.propertyName) ?? (ts.isIdentifier(element.name) ? element.name.text : undefined);
            if (key === undefined || element.dotDotDotToken) state.escaped = true;
            else state.reads.push({ field: `${owner.text}.${key}`, line: ctx.file.lineOf(element.getStart()) });
          }
          return;
        }
        // `const msg = JSON.parse(data)`: its fields are followed through `msg`.
        if (ts.isIdentifier(parent.name) && ts.isCallExpression(unwrap(outer as ts.Expression))) {
          candidates.add(parent.name.text);
          return;
        }
      }
      state.escaped = true;
    };

    return {
      enter: {
        PropertyAccessExpression(node) {
          const access = node as ts.PropertyAccessExpression;
          if (access.name.text !== 'body' && access.name.text !== 'query') return;
          const owner = untrustedObject(access, path, owners);
          if (owner) noteUse(access, owner);
        },
        Identifier(node) {
          const id = node as ts.Identifier;
          if (!candidates.has(id.text)) return;
          const parent = id.parent;
          if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === id) return;
          if ((ts.isPropertyAccessExpression(parent) && parent.name === id) || (ts.isPropertyAssignment(parent) && parent.name === id)) return;
          const owner = untrustedObject(id, path, owners);
          if (owner) noteUse(id, owner);
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const name = calleeName(call.expression);
          const jsonParse = name === 'parse' && call.expression.getText() === 'JSON.parse';
          if (VALIDATOR.test(name) && !jsonParse) markValidated(call);
          if (name === 'on' || name === 'once') {
            // A listener's first parameter may be a socket.io payload: learn its name.
            const fn = call.arguments[1];
            const first = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fn.parameters[0] : undefined;
            if (first && ts.isIdentifier(first.name)) candidates.add(first.name.text);
          }
          if (jsonParse) {
            const owner = untrustedObject(call, path, owners);
            if (owner) noteUse(call, owner);
          }
        },
        TypeOfExpression(node) {
          markValidated(node);
        },
      },
      exit: handlersFor(FUNCTION_KINDS, (node: ts.Node) => {
        const state = states.get(node);
        if (!state || state.escaped || state.reads.length === 0 || validated.has(node)) return;
        // Middleware between the path and the handler (`validate(schema)`, `celebrate(...)`) may check the input.
        const parent = node.parent;
        if (ts.isCallExpression(parent) && parent.arguments.length > 2 && /^'|^"|^`/.test(parent.arguments[0].getText())) return;
        const fields = [...new Set(state.reads.map((r) => r.field))];
        const named = fields.slice(0, 3).map((f) => `\`${f}\``).join(', ') + (fields.length > 3 ? ` and ${fields.length - 3} more` : '');
        ctx.report({
          line: state.reads[0].line,
          message: `${named} ${fields.length === 1 ? 'is' : 'are'} used in ${state.owner.phrase} without any schema check: the client decides ${fields.length === 1 ? 'its type and shape' : 'their types and shapes'}.`,
        });
      }),
    };
  },
});
