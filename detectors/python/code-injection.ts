import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, importedName } from './shared/call-target.js';
import { type Tri, isConstant } from './shared/constant.js';
import { inputOrigin } from './shared/input-origin.js';
import { isPythonTestPath } from './shared/python-paths.js';
import { type Binding, type ScopeModel, scopesOf } from './shared/scopes.js';

const CODE_RUNNERS = new Set(['eval', 'exec', 'compile']);

/**
 * Parameters named as code: a function taking `code`, `source` or `cmd` exists to run what its
 * caller hands it (a debugger, a REPL, a profiler, `runpy`), so the caller is where to look.
 * `expression` is not one of them: `calc(expression)` evaluating a formula is the classic hole.
 */
const CODE_PARAMETER = /^(code|source|src|expr|cmd|command|script|stmt|statement|codestr|code_?string|source_?code|src_?code|code_?obj|codeobj)$|_(code|src|source|expr|cmd|script|stmt)$/i;

/** Reads whose result is the content of what they read from: a file, a socket, a stream. */
const READS = new Set(['read', 'readline', 'readlines', 'read_text', 'read_bytes', 'recv', 'recvfrom', 'readall']);
/** The process environment and command line: outside input wherever they are read. */
const ENVIRONMENT = /^(os\.environ|os\.getenv|os\.environb|os\.getenvb|sys\.argv|sys\.stdin)(\.|$)/;

/** `eval`, `exec`, `compile` (the builtins, not a method or a local function of that name), or null. */
function builtinRunner(call: Node, model: ScopeModel): string | null {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute') {
    const name = fn.childForFieldName('attribute')?.text ?? '';
    return fn.childForFieldName('object')?.text === 'builtins' && CODE_RUNNERS.has(name) ? name : null;
  }
  if (fn?.type !== 'identifier' || !CODE_RUNNERS.has(fn.text)) return null;
  return model.lookup(fn.text, model.scopeOf(call)) === 'builtin' ? fn.text : null;
}

function firstArgument(call: Node): Node | null {
  const first = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type !== 'comment') ?? null;
  if (first?.type === 'keyword_argument') return ['source', 'expression', 'object'].includes(first.childForFieldName('name')?.text ?? '') ? first.childForFieldName('value') : null;
  return first && !first.type.endsWith('splat') ? first : null;
}

/** The code text a call runs: `exec(compile(src, ...))` runs `src`. */
function codeSource(arg: Node, model: ScopeModel): Node {
  if (arg.type === 'call' && builtinRunner(arg, model) === 'compile') {
    const inner = firstArgument(arg);
    if (inner) return codeSource(inner, model);
  }
  return arg;
}

/** Web handlers' request objects: outside input even in a method (`def post(self, request)`). */
const REQUEST_PARAMETER = /^(request|req)$/;
/** Functions whose job is to evaluate or run what they are given: debuggers, REPLs, evaluators. */
const RUNNER_FUNCTION = /eval|exec|interp|debug|shell|console|repl|magic|profil|trace|run_?code|run_?source|run_?path|run_?file/i;
const RUNNER_DOCSTRING = /\b(evaluat|execut)/i;
/**
 * Code text whose fixed part is itself code (`def`, `lambda`, `import`, several lines): the program
 * generates a function or an import from identifiers it controls (`namedtuple`, `dataclasses`).
 */
const GENERATED = /\\n|\n|\b(def|lambda|class|import|from|return|raise|yield|pass|global)\b/;

function docstring(fn: Node): string {
  const first = fn.childForFieldName('body')?.namedChildren.find((c) => c?.type !== 'comment');
  const e = first?.type === 'expression_statement' ? first.namedChild(0) : null;
  return e?.type === 'string' ? e.text : '';
}

/**
 * Whether a parameter counts as outside input: one of a module-level function that is not itself
 * an evaluator, or a web handler's `request`. Parameters named as code, of methods and of nested
 * functions are handed over by the program's own objects and callers: unknown.
 */
function outsideParameter(b: Binding): boolean {
  if (b.name === 'self' || b.name === 'cls' || CODE_PARAMETER.test(b.name)) return false;
  if (REQUEST_PARAMETER.test(b.name)) return true;
  if (b.scope.kind !== 'function' || b.scope.parent?.kind !== 'module') return false;
  const fn = b.scope.node;
  return !RUNNER_FUNCTION.test(fn.childForFieldName('name')?.text ?? '') && !RUNNER_DOCSTRING.test(docstring(fn));
}

/** The fixed text of a string literal, or of a name bound once to one (`TEMPLATE % x`). */
function fixedText(node: Node | null, model: ScopeModel): string {
  if (!node) return '';
  if (node.type === 'string') return node.namedChildren.filter((c) => c && c.type !== 'interpolation').map((c) => c?.text ?? '').join('');
  if (node.type === 'concatenated_string') return node.namedChildren.map((c) => fixedText(c, model)).join('');
  if (node.type === 'identifier') {
    const found = model.lookup(node.text, model.scopeOf(node));
    const bindings = found && found !== 'builtin' ? (found.bindings.get(node.text) ?? []) : [];
    return bindings.length === 1 && bindings[0]?.kind === 'assign' && bindings[0].value ? fixedText(bindings[0].value, model) : '';
  }
  if (node.type === 'binary_operator') return fixedText(node.childForFieldName('left'), model) + fixedText(node.childForFieldName('right'), model);
  return '';
}

/**
 * Where the code comes from, answered yes only for outside input: a parameter (see
 * `outsideParameter`), `input()`, request data, the environment or command line, or the content
 * read from a file or socket whose path or handle is itself outside input; `compile(x)` carries
 * the origin of `x`. Code generated from a code template is `no`.
 */
function codeOrigin(code: Node, model: ScopeModel, environmentIsInput = true): Tri {
  const judge = (node: Node): Tri | undefined => {
    if (node.type === 'string' || node.type === 'concatenated_string' || node.type === 'binary_operator') {
      return GENERATED.test(fixedText(node, model)) ? 'no' : undefined;
    }
    if (node.type === 'attribute' || node.type === 'subscript' || node.type === 'identifier') {
      let head: Node | null = node;
      while (head && (head.type === 'subscript' || head.type === 'call')) head = head.type === 'subscript' ? head.childForFieldName('value') : head.childForFieldName('function');
      const dotted = importedName(head, model) ?? '';
      if (ENVIRONMENT.test(dotted)) return environmentIsInput ? 'yes' : 'unknown';
      if (/^(flask|quart|bottle)\.request(\.|$)/.test(dotted)) return 'yes';
      // A value picked out of a parameter (`var["="]`, `cfg.expr`) is data the program built,
      // except on a web handler's request object (`request.form["code"]`).
      const root = node.type === 'identifier' ? null : rootName(node);
      if (root && !REQUEST_PARAMETER.test(root.text) && isParameter(root, model)) return 'unknown';
      return undefined;
    }
    if (node.type !== 'call') return undefined;
    const fn = node.childForFieldName('function');
    const dotted = importedName(fn, model) ?? '';
    if (ENVIRONMENT.test(dotted)) return environmentIsInput ? 'yes' : 'unknown';
    const name = calleeName(fn);
    if (fn?.type === 'identifier' && CODE_RUNNERS.has(name) && builtinRunner(node, model) === 'compile') {
      const inner = firstArgument(node);
      return inner ? codeOrigin(inner, model, environmentIsInput) : 'unknown';
    }
    if (fn?.type === 'identifier' && name === 'open' && model.lookup(name, model.scopeOf(fn)) === 'builtin') {
      // A file named by the environment (`$HOME/.apprc`) is the user's own configuration.
      const path = firstArgument(node);
      return path ? codeOrigin(path, model, false) : 'unknown';
    }
    if (fn?.type === 'attribute' && READS.has(name)) {
      const receiver = fn.childForFieldName('object');
      return receiver ? codeOrigin(receiver, model, environmentIsInput) : 'unknown';
    }
    // `TEMPLATE.format(name=...)` with a template that is code: generated from identifiers.
    if (fn?.type === 'attribute' && name === 'format' && GENERATED.test(fixedText(fn.childForFieldName('object'), model))) return 'no';
    return undefined;
  };
  return inputOrigin(code, model, { acceptsParameter: outsideParameter, judge });
}

/** The identifier at the head of `a.b[c].d(...)`, or null. */
function rootName(node: Node): Node | null {
  let n: Node | null = node;
  while (n && (n.type === 'attribute' || n.type === 'subscript' || n.type === 'call')) {
    n = n.type === 'attribute' ? n.childForFieldName('object') : n.type === 'subscript' ? n.childForFieldName('value') : n.childForFieldName('function');
  }
  return n?.type === 'identifier' ? n : null;
}

function isParameter(id: Node, model: ScopeModel): boolean {
  const found = model.lookup(id.text, model.scopeOf(id));
  return !!found && found !== 'builtin' && (found.bindings.get(id.text) ?? []).some((b) => b.kind === 'param');
}

/**
 * `if name in ("True", "False", "None"): eval(name)`: the text was checked against an allow-list of
 * constants first, which is the recommended fix.
 */
function allowListed(code: Node, call: Node, model: ScopeModel): boolean {
  if (code.type !== 'identifier') return false;
  for (let child: Node = call, p = call.parent; p; child = p, p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'module') return false;
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && p.childForFieldName('consequence')?.id === child.id) {
      const test = p.childForFieldName('condition');
      if (test?.type !== 'comparison_operator') continue;
      const [left, right] = test.namedChildren;
      const ops = test.children.filter((c) => c && !c.isNamed).map((c) => c?.text);
      if (left?.text === code.text && right && ops.length === 1 && (ops[0] === 'in' || ops[0] === '==') && isConstant(right, model) === 'yes') return true;
    }
  }
  return false;
}

/** `eval`/`exec` of code that comes from outside the program. */
export default definePyDetector({
  meta: {
    id: 'code-injection',
    severity: 'critical',
    category: 'security',
    description: 'eval or exec run code that comes from outside the program: a parameter, request data, input(), the environment or a file it was told to read.',
    recommendation: 'Parse data instead of running it (`ast.literal_eval`, `json.loads`), or dispatch to an allow-list of operations.',
    docs: {
      why: 'Whoever controls the text passed to `eval` or `exec` runs arbitrary Python with the process\'s rights: reading secrets, deleting files, opening shells. Restricting `__builtins__` does not sandbox it. Only code that clearly comes from outside is reported: a parameter of a module-level function, a request\'s data (`request.form["x"]`), `input()`, `os.environ`/`sys.argv`, the content of a file or socket opened from such a value, or a local built from those (also through `compile()`). Code of unknown origin (globals, attributes of `self`, call results, values picked out of a parameter, parameters of methods and nested functions), code generated from a code template (`namedtuple`, `dataclasses`), text checked against an allow-list, functions that say they evaluate, parameters named as code (`code`, `source`, `src`, `expr`, `cmd`, `script`: debuggers, REPLs and profilers run what their caller hands them), a `compile()` whose result is not run here, and test files are not.',
      flagged: ['def calc(expression):\n    return eval(expression)\n', 'def run(request):\n    exec(request.form["code"])\n'],
      ignored: [
        'x = eval("1 + 1")\n',
        'import ast\n\ndef parse(text):\n    return ast.literal_eval(text)\n',
        'def run(model):\n    model.eval()\n',
        'def runcode(self, code):\n    exec(code, self.locals)\n',
        'def check(source, filename):\n    return compile(source, filename, "eval")\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Tests of the compiler and the builtins run code strings on purpose.
    if (isPythonTestPath(ctx.file.path)) return {};
    return {
      enter: {
        call(call) {
          const fn = call.childForFieldName('function');
          const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
          if (last !== 'eval' && last !== 'exec') return;
          const model = scopesOf(ctx.file);
          const runner = builtinRunner(call, model);
          const arg = runner ? firstArgument(call) : null;
          if (!runner || !arg) return;
          const source = codeSource(arg, model);
          if (codeOrigin(source, model) !== 'yes' || allowListed(source, call, model)) return;
          const shown = source.text.length > 40 ? `${source.text.slice(0, 37)}...` : source.text;
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `\`${runner}()\` runs \`${shown.replace(/\s+/g, ' ')}\`, which comes from outside the program: whoever controls it can run any code`,
          });
        },
      },
    };
  },
});
