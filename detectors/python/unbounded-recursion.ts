import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName } from './shared/call-target.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';

/** Constructs that make the code under them conditional: a recursive call there has a guard. */
const CONDITIONAL = new Set(['if_statement', 'conditional_expression', 'boolean_operator', 'while_statement', 'for_statement', 'match_statement', 'list_comprehension', 'generator_expression', 'set_comprehension', 'dictionary_comprehension']);
/** Statements that end the function before a later recursive call: a base case. */
const EXITS = new Set(['return_statement', 'raise_statement']);
/** Calls that schedule a coroutine or callback instead of running it on the current stack. */
const SCHEDULERS = /^(create_task|ensure_future|run_coroutine_threadsafe|call_soon|call_soon_threadsafe|call_later|call_at|spawn|start_soon|submit|run_in_executor|to_thread|Thread|Timer|after)$/;

interface Span {
  type: string;
  start: number;
  end: number;
  /** Where the guarded part begins: a `for` loop's iterable runs once, unguarded. */
  guardFrom: number;
}

/** A `def` being walked: its parameters, what could stop a recursion, and its calls to itself. */
interface Frame {
  def: Node | null;
  name: string;
  /** `self`/`cls` for a method, '' for a plain function. */
  receiver: string;
  params: string[];
  /** Parameter names rebound in the body: the argument passed on may differ from the one received. */
  rebound: Set<string>;
  /** Conditionals, exits and `try` statements met so far in this function (not in nested ones). */
  spans: Span[];
  tries: Array<{ start: number; bodyEnd: number; end: number }>;
  calls: Node[];
  /** The body yields: calling it only builds a generator. */
  generator: boolean;
}

function parameterNames(def: Node): string[] {
  const out: string[] = [];
  for (const p of def.childForFieldName('parameters')?.namedChildren ?? []) {
    let name = p?.type === 'default_parameter' || p?.type === 'typed_default_parameter' ? p.childForFieldName('name') : p;
    if (name?.type === 'typed_parameter') name = name.namedChild(0);
    if (name?.type === 'list_splat_pattern' || name?.type === 'dictionary_splat_pattern') name = name.namedChild(0);
    if (name?.type === 'identifier') out.push(name.text);
  }
  return out;
}

/**
 * True when the call forwards every parameter unchanged and nothing else: `f(a, b)`, `f(a, b=b)`,
 * `self.f(*args, **kwargs)`. Anything else (`n - 1`, `node.left`, a child) may shrink.
 */
function sameArguments(call: Node, frame: Frame): boolean {
  const ownParams = frame.receiver ? frame.params.slice(1) : frame.params;
  const passed: string[] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : a.type.includes('splat') ? a.namedChild(0) : a;
    if (value?.type !== 'identifier' || !ownParams.includes(value.text) || frame.rebound.has(value.text)) return false;
    if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text !== value.text) return false;
    passed.push(value.text);
  }
  return ownParams.every((p) => passed.includes(p)) && passed.length === ownParams.length;
}

/** The `try` whose `except` (or `else`) holds the call, if any: its body's successes are no base case. */
function retryTry(frame: Frame, call: Node): { start: number; bodyEnd: number } | undefined {
  return frame.tries.find((t) => call.startIndex >= t.bodyEnd && call.endIndex <= t.end);
}

/** True when a condition around the call, or an exit or condition before it, can stop the recursion. */
function bounded(frame: Frame, call: Node): boolean {
  const retry = retryTry(frame, call);
  for (const s of frame.spans) {
    const encloses = s.guardFrom <= call.startIndex && s.end >= call.endIndex;
    if (encloses && CONDITIONAL.has(s.type)) return true;
    // A `return` inside the `try` body is the success path of a retry, not a bound on the retries.
    const inRetriedBody = retry !== undefined && s.start >= retry.start && s.end <= retry.bodyEnd;
    if (!encloses && s.end <= call.startIndex && (EXITS.has(s.type) || CONDITIONAL.has(s.type)) && !inRetriedBody) return true;
  }
  return false;
}

/** `asyncio.create_task(poll())`, `loop.call_soon(...)`: a fresh stack each time, not a recursion. */
function scheduled(call: Node): boolean {
  const list = call.parent;
  const outer = list?.type === 'argument_list' ? list.parent : null;
  return !!outer && outer.type === 'call' && SCHEDULERS.test(calleeName(outer.childForFieldName('function')));
}

/**
 * True when the called name is this very function: bound once, by this `def`, in the scope the call
 * looks it up from (a local import, a nested `def` of the same name or `global f; f = ...` rebinds it).
 */
function resolvesToItself(call: Node, def: Node, model: ScopeModel): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier') return true;
  const found = model.lookup(fn.text, model.scopeOf(fn));
  if (found === null || found === 'builtin') return false;
  const bindings = found.bindings.get(fn.text) ?? [];
  return bindings.length === 1 && bindings[0].kind === 'def' && bindings[0].node.startIndex === def.childForFieldName('name')?.startIndex;
}

/**
 * Calling a coroutine function or a generator only builds an object: it recurses when the result is
 * awaited (`await f()`), delegated to (`yield from f()`) or iterated (`for x in f()`).
 */
function runsNow(call: Node, frame: Frame, isAsync: boolean): boolean {
  if (!isAsync && !frame.generator) return true;
  const parent = call.parent;
  if (parent?.type === 'await' || parent?.type === 'yield') return true;
  return parent?.type === 'for_statement' && parent.childForFieldName('right')?.id === call.id;
}

/** A function that calls itself with the arguments it received and no base case on the way. */
export default definePyDetector({
  meta: {
    id: 'unbounded-recursion',
    severity: 'high',
    category: 'reliability',
    description: 'A function calls itself with the same arguments and no base case, depth limit or condition on the recursive path.',
    recommendation: 'Add a base case or a depth/attempt parameter that shrinks on each call, or turn the recursion into a loop.',
    docs: {
      why: 'A recursive call that receives exactly what the caller received, with no `return`/`raise` or condition before it, only ends when something outside changes: a retry-by-recursion on a dead server, a polling coroutine awaiting itself, a `save()` override calling `self.save()` instead of `super().save()`. Each call adds a frame until RecursionError, and an async one keeps every frame alive. Deliberately not reported: a call with any changed argument (`n - 1`, `node.left`, a child: data-bounded, such as a walk over `node.children`), calls under a condition or loop, calls after an earlier `return`/`raise`/condition (a base case), coroutines handed to `create_task`/`call_later` (a fresh stack), `super().f()`, and a method that first replaces itself on the instance (`self.feed = self.generator.send; self.feed(x)`).',
      flagged: [
        'import time\n\ndef connect(host):\n    try:\n        return open_socket(host)\n    except OSError:\n        time.sleep(1)\n        return connect(host)\n',
        'class Model:\n    def save(self, *args, **kwargs):\n        self.updated = now()\n        self.save(*args, **kwargs)\n',
        'import asyncio\n\nasync def poll():\n    await refresh()\n    await asyncio.sleep(5)\n    await poll()\n',
      ],
      ignored: [
        'def walk(node):\n    visit(node)\n    for child in node.children:\n        walk(child)\n',
        'def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\n',
        'def connect(host, attempts=3):\n    try:\n        return open_socket(host)\n    except OSError:\n        if attempts == 0:\n            raise\n        return connect(host, attempts - 1)\n',
        'class Model(Base):\n    def save(self, *args, **kwargs):\n        self.updated = now()\n        super().save(*args, **kwargs)\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const frames: Frame[] = [];
    /** `class` and `def` nesting, to tell methods from functions. */
    const containers: string[] = [];
    const top = (): Frame | undefined => frames[frames.length - 1];
    const span = (node: Node): void => {
      const guardFrom = node.type === 'for_statement' ? node.childForFieldName('body')?.startIndex ?? node.startIndex : node.startIndex;
      top()?.spans.push({ type: node.type, start: node.startIndex, end: node.endIndex, guardFrom });
    };
    // One compiled pattern per parameter name and file, not one per assignment.
    const patterns = new Map<string, RegExp>();
    const paramPattern = (p: string): RegExp => {
      let re = patterns.get(p);
      if (!re) {
        re = new RegExp(`\\b${p}\\b`);
        patterns.set(p, re);
      }
      return re;
    };
    const rebind = (node: Node): void => {
      const frame = top();
      // Module-level assignments and parameterless functions rebind no parameter.
      if (!frame || frame.params.length === 0) return;
      const left = node.type === 'named_expression' ? node.childForFieldName('name') : node.childForFieldName('left');
      if (!left) return;
      const text = left.text;
      // `self.feed = self.generator.send`: the method replaces itself on the instance, so
      // `self.feed(...)` after it calls the replacement.
      if (frame.receiver && text === `${frame.receiver}.${frame.name}`) frame.rebound.add(text);
      // Any parameter name appearing in the target counts as rebound (tuples, starred, ...).
      for (const p of frame.params) if (text.includes(p) && paramPattern(p).test(text)) frame.rebound.add(p);
    };
    const enterDef = (def: Node): void => {
      const params = parameterNames(def);
      const isMethod = containers[containers.length - 1] === 'class';
      const receiver = isMethod && (params[0] === 'self' || params[0] === 'cls') ? params[0] : '';
      containers.push('def');
      frames.push({ def, name: def.childForFieldName('name')?.text ?? '', receiver, params, rebound: new Set(), spans: [], tries: [], calls: [], generator: false });
    };
    const leaveDef = (): void => {
      containers.pop();
      const frame = frames.pop();
      if (!frame?.def) return;
      const isAsync = frame.def.child(0)?.type === 'async';
      for (const call of frame.calls) {
        if (!sameArguments(call, frame) || bounded(frame, call) || scheduled(call) || !runsNow(call, frame, isAsync)) continue;
        if (frame.rebound.has(call.childForFieldName('function')?.text ?? '')) continue;
        if (!resolvesToItself(call, frame.def, scopesOf(ctx.file))) continue;
        const fromExcept = retryTry(frame, call) !== undefined;
        ctx.report({
          line: call.startPosition.row + 1,
          endLine: call.endPosition.row + 1,
          message: fromExcept
            ? `\`${frame.name}()\` calls itself again from its error handler with the same arguments and no attempt limit: a persistent failure recurses until RecursionError`
            : `\`${frame.name}()\` calls itself with the same arguments and no base case before the call: the recursion only ends in RecursionError${isAsync ? ' (each awaited call keeps the previous frames alive)' : ''}`,
        });
      }
    };
    return {
      enter: {
        function_definition: enterDef,
        lambda() {
          containers.push('def');
          frames.push({ def: null, name: '', receiver: '', params: [], rebound: new Set(), spans: [], tries: [], calls: [], generator: false });
        },
        class_definition() {
          containers.push('class');
        },
        ...Object.fromEntries([...CONDITIONAL, ...EXITS].map((t) => [t, span])),
        try_statement(node) {
          const body = node.childForFieldName('body');
          top()?.tries.push({ start: node.startIndex, bodyEnd: body?.endIndex ?? node.startIndex, end: node.endIndex });
        },
        yield() {
          const frame = top();
          if (frame) frame.generator = true;
        },
        assignment: rebind,
        augmented_assignment: rebind,
        named_expression: rebind,
        call(call) {
          const frame = top();
          if (!frame?.def || !frame.name) return;
          const fn = call.childForFieldName('function');
          if (fn?.type === 'identifier') {
            if (frame.receiver === '' && fn.text === frame.name && containers[containers.length - 2] !== 'class') frame.calls.push(call);
            return;
          }
          if (fn?.type !== 'attribute' || !frame.receiver) return;
          const object = fn.childForFieldName('object');
          if (object?.type === 'identifier' && object.text === frame.receiver && fn.childForFieldName('attribute')?.text === frame.name) frame.calls.push(call);
        },
      },
      exit: {
        function_definition: leaveDef,
        lambda() {
          containers.pop();
          frames.pop();
        },
        class_definition() {
          containers.pop();
        },
      },
    };
  },
});
