import { ts } from 'ts-morph';
import { type TsFile, defineTsDetector } from '../define.js';
import { type Binding, resolveBinding } from './shared/bindings.js';
import { constInitializer, unwrap } from './shared/constant-text.js';
import { isBuildOutput } from './shared/generated-code.js';
import { localCallers, referencesOf } from './shared/local-calls.js';
import { isRequestInput } from './shared/request-input.js';
import { shortText } from './shared/source-text.js';
import { classifyValue } from './shared/value-class.js';
import { STRING_TRANSFORMS } from './shared/value-facts.js';

/** Receivers under which `eval`/`setTimeout` are still the global ones. */
const GLOBALS = new Set(['window', 'globalThis', 'global', 'self']);
/** `vm` functions whose first argument is source code. */
const VM_RUNNERS = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']);
const VM_MODULES = new Set(['vm', 'node:vm']);
/** Callee names worth a closer look. */
const CANDIDATE_NAMES = new Set(['eval', 'Function', 'setTimeout', 'setInterval', 'Script', ...VM_RUNNERS]);

/** `eval`, `window.eval` → 'eval'; `model.eval` → undefined (some other object's method). */
function globalName(callee: ts.Expression): string | undefined {
  const e = unwrap(callee);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && GLOBALS.has(e.expression.text)) return e.name.text;
  return undefined;
}

/** True when `id` is the `vm` module (or a name imported from it): `import vm from 'node:vm'`, `require('vm')`. */
function isVmBinding(id: ts.Identifier): boolean {
  const binding = resolveBinding(id);
  if (!binding) return id.text === 'vm';
  return binding.moduleName !== undefined && VM_MODULES.has(binding.moduleName);
}

/** `vm.runInNewContext`, `runInNewContext` imported from 'vm', `new vm.Script` → the function name. */
function vmFunction(callee: ts.Expression): string | undefined {
  const e = unwrap(callee);
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && isVmBinding(e.expression)) return e.name.text;
  if (ts.isIdentifier(e) && resolveBinding(e) && isVmBinding(e)) return e.text;
  return undefined;
}

/** True when `expr` certainly evaluates to a string (a template, a `+` with a string literal, or a const bound to one). */
function isStringValued(expr: ts.Expression, depth = 0): boolean {
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return true;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return isStringValued(e.left, depth + 1) || isStringValued(e.right, depth + 1);
  }
  if (ts.isIdentifier(e) && depth < 4) {
    const init = constInitializer(e);
    return init !== undefined && isStringValued(init, depth + 1);
  }
  return false;
}


/** Calls whose result is text read from outside the program: files, the network, the command line, the page. */
const READS = /^(readFileSync|readFile|text|json|fetch|prompt|getItem|readline|question)$/;
/** Globals holding outside input (`process.argv`, `location.hash`, `document.cookie`). */
const INPUT_GLOBALS = /^(process\.(argv|stdin)|location\.\w+|window\.location\.\w+|document\.(cookie|location|URL|referrer))$/;
/** Methods that register a handler whose parameters are delivered from outside (a message, an event). */
const HANDLER_REGISTRARS = new Set(['on', 'once', 'addEventListener', 'addListener', 'onmessage', 'subscribe']);
const MAX_DEPTH = 12;

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** `module.exports`, `exports.x`, `module.exports.x`. */
function isCommonJsExport(expr: ts.Expression): boolean {
  return /^(module\.exports|exports)(\.\w+)*$/.test(unwrap(expr).getText());
}

/**
 * Traces whether code text comes from outside the program: a parameter of an exported (or escaping)
 * function, request data, a message or event handler's parameter, a file or network read. Constants,
 * the program's own tables and values of unknown origin are not outside input.
 */
class OriginTracer {
  private readonly assigned = new Map<ts.Node, ts.Expression[]>();
  private readonly seen = new Set<ts.Node>();

  constructor(private readonly file: TsFile) {}

  noteAssignment(node: ts.BinaryExpression): void {
    const op = node.operatorToken.kind;
    if ((op !== ts.SyntaxKind.PlusEqualsToken && op !== ts.SyntaxKind.EqualsToken) || !ts.isIdentifier(node.left)) return;
    const binding = resolveBinding(node.left);
    if (!binding || binding.kind === 'const') return;
    const list = this.assigned.get(binding.declaration) ?? [];
    list.push(node.right);
    this.assigned.set(binding.declaration, list);
  }

  /** The outside value inside `expr`, if any. */
  outside(expr: ts.Expression, depth = 0): ts.Expression | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = unwrap(expr);
    if (this.seen.has(e)) return undefined;
    this.seen.add(e);
    try {
      return this.trace(e, depth);
    } finally {
      this.seen.delete(e);
    }
  }

  private any(exprs: readonly ts.Expression[], depth: number): ts.Expression | undefined {
    for (const x of exprs) {
      const hit = this.outside(ts.isSpreadElement(x) ? x.expression : x, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }

  private trace(e: ts.Expression, depth: number): ts.Expression | undefined {
    if (isRequestInput(e)) return e;
    if (ts.isTemplateExpression(e)) return this.any(e.templateSpans.map((s) => s.expression), depth);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return this.any([e.left, e.right], depth);
      if (op === ts.SyntaxKind.CommaToken) return this.outside(e.right, depth + 1);
      return undefined;
    }
    if (ts.isConditionalExpression(e)) return this.any([e.whenTrue, e.whenFalse], depth);
    if (ts.isArrayLiteralExpression(e)) return this.any(e.elements, depth);
    if (ts.isIdentifier(e)) {
      const binding = resolveBinding(e);
      return binding ? this.fromBinding(e, binding, depth) : undefined;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      if (INPUT_GLOBALS.test(e.getText())) return e;
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'length') return undefined;
      return this.outside(e.expression, depth + 1) ? e : undefined;
    }
    if (ts.isAwaitExpression(e)) return this.outside(e.expression, depth + 1);
    if (ts.isCallExpression(e)) return this.fromCall(e, depth);
    return undefined;
  }

  private fromCall(call: ts.CallExpression, depth: number): ts.Expression | undefined {
    const callee = unwrap(call.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name === undefined) return undefined;
    if (READS.test(name)) return this.ownFile(call) ? undefined : call;
    if (ts.isIdentifier(callee)) {
      // `String(x)`, `toString(x)`: conversions keep the text.
      return /^(String|toString|decodeURIComponent|decodeURI|atob)$/.test(name) ? this.any(call.arguments, depth) : undefined;
    }
    const receiver = (callee as ts.PropertyAccessExpression).expression;
    if (name === 'join' || name === 'concat' || STRING_TRANSFORMS.has(name)) {
      return this.outside(receiver, depth + 1) ?? (name === 'concat' || name === 'replace' || name === 'replaceAll' ? this.any(call.arguments.slice(name === 'concat' ? 0 : 1), depth) : undefined);
    }
    if (name === 'map' || name === 'filter') return this.outside(receiver, depth + 1) ? call : undefined;
    if (ts.isIdentifier(receiver) && receiver.text === 'JSON' && name === 'parse') return this.any(call.arguments, depth);
    return undefined;
  }

  /**
   * True when a file read is of the program's own files (`join(__dirname, 'lib.js')`, constant paths) or
   * of a file the same module writes (`writeFileSync(snapshotPath, ...)`): its data, not outside input.
   */
  private ownFile(call: ts.CallExpression): boolean {
    const path = call.arguments[0];
    if (!path || !/^(readFileSync|readFile)$/.test((unwrap(call.expression) as ts.PropertyAccessExpression).name?.text ?? unwrap(call.expression).getText())) return false;
    const text = unwrap(path).getText();
    if (classifyValue(this.file, path) === 'constant' || /\b(__dirname|__filename|import\.meta)\b/.test(text)) return true;
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`\\bwrite\\w*\\(\\s*${escaped}\\s*,`).test(this.file.text);
  }

  /** The outside input `id` holds: itself for a parameter, the input a local was built from. */
  private fromBinding(id: ts.Identifier, binding: Binding, depth: number): ts.Expression | undefined {
    switch (binding.kind) {
      case 'param':
        return this.fromParameter(binding.declaration as ts.ParameterDeclaration, depth) ? id : undefined;
      case 'const':
      case 'let':
      case 'var':
      case 'loop': {
        const values = [...(binding.initializer ? [binding.initializer] : []), ...(this.assigned.get(binding.declaration) ?? [])];
        // `source += string.slice(...)` refers to the text built so far.
        const others = values.filter((v) => !(ts.isIdentifier(unwrap(v)) && (unwrap(v) as ts.Identifier).text === id.text));
        // `params.push(param.name)`: elements pushed into a local array.
        return this.any(others, depth) ?? (this.pushedInto(binding, depth) ? id : undefined);
      }
      default:
        return undefined;
    }
  }

  /** Values `arr.push(...)`ed into a local array, checked for outside input. */
  private pushedInto(binding: Binding, depth: number): boolean {
    const decl = binding.declaration;
    if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
    for (const ref of referencesOf(this.file, decl.name.text)) {
      const access = ref.parent;
      if (!ts.isPropertyAccessExpression(access) || access.expression !== ref || !/^(push|unshift)$/.test(access.name.text)) continue;
      const call = access.parent;
      if (!ts.isCallExpression(call) || resolveBinding(ref)?.declaration !== decl) continue;
      if (this.any(call.arguments, depth)) return true;
    }
    return false;
  }

  private fromParameter(param: ts.ParameterDeclaration, depth: number): boolean {
    const fn = param.parent;
    if (!ts.isFunctionLike(fn)) return false;
    const index = fn.parameters.indexOf(param);
    // `socket.on('message', (msg) => ...)`, `window.addEventListener('message', (event) => ...)`.
    const call = fn.parent;
    if (ts.isCallExpression(call) && call.arguments.includes(fn as unknown as ts.Expression)) {
      const callee = unwrap(call.expression);
      if (ts.isPropertyAccessExpression(callee) && HANDLER_REGISTRARS.has(callee.name.text)) return true;
      // `list.forEach((item) => ...)`: the element of the receiver.
      if (ts.isPropertyAccessExpression(callee) && /^(map|forEach|flatMap|filter|find|some|every|reduce)$/.test(callee.name.text) && index === (callee.name.text === 'reduce' ? 1 : 0)) {
        return this.outside(callee.expression, depth + 1) !== undefined;
      }
      return false;
    }
    if (ts.isBinaryExpression(call) && call.right === (fn as unknown as ts.Expression) && /\.onmessage$/.test(call.left.getText())) return true;
    if (this.exported(fn)) return true;
    const callers = localCallers(this.file, fn);
    if (!callers) return false;
    return callers.some((c) => {
      const arg = c.arguments[index];
      return arg !== undefined && this.outside(ts.isSpreadElement(arg) ? arg.expression : arg, depth + 1) !== undefined;
    });
  }

  /**
   * True when other modules can call `fn`: exported (`export function`, `module.exports = fn`,
   * `exports.x = function`), a method of an exported class, or named and used as a value
   * (`{ construct: fn }`, `module.exports = template`), not only called.
   */
  private exported(fn: ts.SignatureDeclaration): boolean {
    let named: ts.Identifier | undefined;
    if (ts.isFunctionDeclaration(fn)) {
      if (isExported(fn) || fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return true;
      named = fn.name;
    } else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
      const parent = fn.parent;
      if (ts.isExportAssignment(parent)) return true;
      if (ts.isBinaryExpression(parent) && parent.right === fn && isCommonJsExport(parent.left)) return true;
      if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
        if (isExported(parent.parent.parent)) return true;
        named = parent.name;
      }
    } else if (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent)) {
      const cls = fn.parent;
      const isPrivate = ts.isPrivateIdentifier(fn.name) || (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
      return !isPrivate && (isExported(cls) || (cls.name !== undefined && this.escapes(cls.name)));
    }
    return named !== undefined && this.escapes(named);
  }

  /** True when `name` is used other than as a callee: passed, stored or exported as a value. */
  private escapes(name: ts.Identifier): boolean {
    return referencesOf(this.file, name.text).some((ref) => {
      if (ref === name) return false;
      const parent = ref.parent;
      if (ts.isCallExpression(parent) && parent.expression === ref) return false;
      if (ts.isNewExpression(parent) && parent.expression === ref) return false;
      if (ts.isPropertyAccessExpression(parent) && parent.name === ref) return false;
      if (ts.isPropertyAssignment(parent) && parent.name === ref) return false;
      if (ts.isFunctionLike(parent) || ts.isClassLike(parent) || ts.isVariableDeclaration(parent) && parent.name === ref) return false;
      return true;
    });
  }
}

/** `eval`, `new Function`, `vm.run*` and string timers on non-constant input. */
export default defineTsDetector({
  meta: {
    id: 'code-injection',
    severity: 'critical',
    category: 'security',
    description: '`eval`, `new Function`, `vm.run*` or a string timer runs text that comes from outside the program as code.',
    recommendation:
      'Do not run text as code: parse data with `JSON.parse`, look handlers up in a map of functions, pass a function to `setTimeout`, and sandbox untrusted code in a separate process.',
    docs: {
      why: 'Text that reaches `eval`, `new Function`, `vm.runIn*Context` or a string `setTimeout` runs with the full rights of the process: whoever controls it runs code on the server. (`vm` is not a security boundary.) The rule reports code text that traces to input from outside the program: a parameter of an exported function (ES `export`, `module.exports`, or a function passed on as a value), request data, a message or event handler\'s parameter, or a file or network read. Ambiguous means silent: constant code, code generated from the program\'s own tables, values of unknown origin (imports, calls, `this.x`), a private helper\'s parameter whose callers pass constants or that has no callers, reads of the program\'s own files, and bundles, minified files and Emscripten glue are left alone.',
      flagged: [
        'export function calc(expression: string) {\n  return eval(expression);\n}\n',
        "app.post('/calc', (req, res) => {\n  res.json(eval(req.body.formula));\n});\n",
        "import vm from 'node:vm';\nexport function run(code: string) {\n  return vm.runInNewContext(code, {});\n}\n",
      ],
      ignored: [
        "const two = eval('1 + 1');\n",
        'export function score(model: Model, x: Tensor) {\n  model.eval();\n  return model.forward(x);\n}\n',
        'export function later(fn: () => void) {\n  setTimeout(fn, 100);\n}\n',
        "const MAP = { Program: 'body' };\nfor (const type of Object.keys(MAP)) {\n  CONVERT[type] = new Function('node', 'return node.' + MAP[type]);\n}\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Bundles, minified files and Emscripten glue (which `eval`s code from its own wasm module) are not edited by hand.
    if (isBuildOutput(ctx.file)) return {};
    const origin = new OriginTracer(ctx.file);

    function flag(node: ts.Node, arg: ts.Expression, what: string, source: ts.Expression): void {
      const from = source === arg ? 'it comes from outside the program' : `it is built from \`${shortText(source)}\`, which comes from outside the program`;
      ctx.report({
        line: ctx.file.lineOf(node.getStart()),
        message: `\`${what}\` runs \`${shortText(arg)}\` as code; ${from}.`,
      });
    }

    /** First argument (or, for `new Function`, any argument) traced to outside input, with the input. */
    function dynamicArgument(args: readonly ts.Expression[] | undefined, all: boolean): [ts.Expression, ts.Expression] | undefined {
      const candidates = all ? (args ?? []) : (args ?? []).slice(0, 1);
      for (const a of candidates) {
        if (ts.isSpreadElement(a) || classifyValue(ctx.file, a) === 'constant') continue;
        const source = origin.outside(a);
        if (source) return [a, source];
      }
      return undefined;
    }

    function check(node: ts.CallExpression | ts.NewExpression): void {
      const callee = unwrap(node.expression);
      // A local function, parameter or import named `eval`/`Function`/`setTimeout` is not the global one.
      if (ts.isIdentifier(callee) && resolveBinding(callee) && !isVmBinding(callee)) return;
      const name = globalName(callee);
      const isNew = ts.isNewExpression(node);
      if (name === 'Function') {
        const hit = dynamicArgument(node.arguments, true);
        if (hit) flag(node, hit[0], isNew ? 'new Function' : 'Function', hit[1]);
        return;
      }
      if (!isNew && name === 'eval') {
        const hit = dynamicArgument(node.arguments, false);
        if (hit) flag(node, hit[0], 'eval', hit[1]);
        return;
      }
      if (!isNew && (name === 'setTimeout' || name === 'setInterval')) {
        const [arg] = node.arguments;
        // Only the string form is `eval`; a function argument (even an unknown identifier) is fine.
        const source = arg && isStringValued(arg) ? origin.outside(arg) : undefined;
        if (arg && source) flag(node, arg, name, source);
        return;
      }
      const vm = vmFunction(node.expression);
      if (vm === undefined) return;
      if ((isNew && vm === 'Script') || (!isNew && VM_RUNNERS.has(vm))) {
        const hit = dynamicArgument(node.arguments, false);
        if (hit) flag(node, hit[0], isNew ? 'new vm.Script' : `vm.${vm}`, hit[1]);
      }
    }

    // Checked in `end`: a helper's parameter is classified by its callers, known only after the traversal.
    const candidates: Array<ts.CallExpression | ts.NewExpression> = [];
    /** Binary expressions in document order: their assignments are resolved in `end`, and only when there is a candidate. */
    const binaries: ts.BinaryExpression[] = [];
    const collect = (node: ts.Node): void => {
      const call = node as ts.CallExpression | ts.NewExpression;
      const callee = unwrap(call.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (call.arguments?.length && CANDIDATE_NAMES.has(name)) candidates.push(call);
    };
    return {
      enter: {
        CallExpression: collect,
        NewExpression: collect,
        BinaryExpression(node) {
          binaries.push(node as ts.BinaryExpression);
        },
      },
      end() {
        if (candidates.length === 0) return;
        for (const node of binaries) origin.noteAssignment(node);
        for (const node of candidates) check(node);
      },
    };
  },
});
