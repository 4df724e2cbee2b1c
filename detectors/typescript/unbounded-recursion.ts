import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { resolveBinding } from './shared/bindings.js';
import { unwrap } from './shared/constant-text.js';
import { propertyNameText } from './shared/object-literal.js';

/** A node of the function that may stop a recursion: a condition around the call, or an exit or condition before it. */
interface Span {
  kind: 'conditional' | 'exit';
  /** Positions are read only when a self-call needs judging (rare), not for every condition. */
  node: ts.Node;
}

/** A self-reference waiting for its function to be complete: a call, or `this.x` in accessor `x`. */
interface SelfUse {
  node: ts.Node;
  /** For calls: whether every parameter is forwarded unchanged (judged at the end of the function). */
  call?: ts.CallExpression;
}

/** A function being walked. */
/** A function being walked: its name, parameters and what might call it again or bound the calls. */
class Frame {
  readonly rebound = new Set<string>();
  readonly spans: Span[] = [];
  readonly tries: ts.TryStatement[] = [];
  readonly uses: SelfUse[] = [];

  constructor(
    readonly fn: ts.Node,
    /** The function's own name (for messages), and how it calls itself. */
    readonly name: string,
    readonly params: string[],
  ) {}
}

const SHORT_CIRCUIT = new Set([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);
const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken, ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** The name a function is called by, and whether it is a class member (`this.name(...)`). */
function ownName(fn: ts.Node): { name: string; member: boolean } | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return { name: fn.name.text, member: false };
  if ((ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) && ts.isClassLike(fn.parent)) {
    const name = propertyNameText(fn.name);
    return name === undefined ? undefined : { name, member: true };
  }
  const parent = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    return { name: parent.name.text, member: false };
  }
  return undefined;
}

/** Plain parameter names; a destructured parameter can never be forwarded unchanged (`''`). */
function parameterNames(fn: ts.SignatureDeclaration): string[] {
  return fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
}

/** True when `call` forwards exactly the parameters it received, in order (`f(a, b)`, `f(...args)`). */
function sameArguments(call: ts.CallExpression, frame: Frame): boolean {
  if (call.arguments.length !== frame.params.length) return false;
  return call.arguments.every((arg, i) => {
    const e = ts.isSpreadElement(arg) ? arg.expression : unwrap(arg);
    return ts.isIdentifier(e) && e.text === frame.params[i] && e.text !== '' && !frame.rebound.has(e.text);
  });
}

/** True when `call` calls the frame's own function: `f()` bound to it, or `this.f()` in a method. */
function callsSelf(call: ts.CallExpression, frame: Frame, member: boolean): boolean {
  const callee = unwrap(call.expression);
  if (member) {
    return ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && callee.name.text === frame.name;
  }
  if (!ts.isIdentifier(callee) || callee.text !== frame.name) return false;
  const binding = resolveBinding(callee);
  if (!binding) return false;
  return binding.declaration === frame.fn || (binding.kind === 'const' && binding.initializer !== undefined && unwrap(binding.initializer) === frame.fn);
}

/** `this.x` read in getter `x`, or assigned in setter `x`: the accessor calls itself. */
function accessorSelf(access: ts.PropertyAccessExpression, frame: Frame): boolean {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword || access.name.text !== frame.name) return false;
  const parent = access.parent;
  const assigned = ts.isBinaryExpression(parent) && parent.left === access && ASSIGNMENTS.has(parent.operatorToken.kind);
  if (ts.isGetAccessorDeclaration(frame.fn)) return !assigned && !(ts.isCallExpression(parent) && parent.expression === access);
  return ts.isSetAccessorDeclaration(frame.fn) && assigned;
}

/** True when a condition around `node`, or an exit or condition before it, can stop the recursion. */
function bounded(frame: Frame, node: ts.Node): boolean {
  const start = node.getStart();
  const found = frame.tries.find((t) => start >= t.tryBlock.end && node.end <= t.end);
  const retry = found && { start: found.tryBlock.getStart(), bodyEnd: found.tryBlock.end };
  for (const s of frame.spans) {
    const spanStart = s.node.getStart();
    // Where the guarded part begins: a `for...of` iterable runs once, unguarded.
    const guardFrom = s.kind === 'exit' ? spanStart : guardStart(s.node);
    const encloses = guardFrom <= start && s.node.end >= node.end;
    if (encloses && s.kind === 'conditional') return true;
    // A `return` inside the `try` body is the success path of a retry, not a bound on the retries.
    const inRetriedBody = retry !== undefined && spanStart >= retry.start && s.node.end <= retry.bodyEnd;
    if (!encloses && s.node.end <= start && !inRetriedBody) return true;
  }
  return false;
}

/** Where a loop's guarded part begins (its body; a `for` also guards its condition and incrementor). */
function guardStart(node: ts.Node): number {
  if (ts.isForOfStatement(node) || ts.isForInStatement(node)) return node.statement.getStart();
  if (ts.isBinaryExpression(node)) return node.right.getStart();
  if (ts.isConditionalExpression(node)) return node.whenTrue.getStart();
  if (ts.isIfStatement(node)) return node.thenStatement.getStart();
  if (ts.isSwitchStatement(node)) return node.caseBlock.getStart();
  return node.getStart();
}

/** Functions and accessors that call themselves with what they received and no base case on the way. */
export default defineTsDetector({
  meta: {
    id: 'unbounded-recursion',
    severity: 'high',
    category: 'reliability',
    description: 'A function calls itself with the arguments it received and nothing before or around the call can stop it.',
    recommendation:
      'Give the recursion a base case or a bound: a depth or attempt counter checked before the call, a shrinking argument; for retries, a loop with a maximum number of attempts and backoff; in an override, call `super.method()`.',
    docs: {
      why: 'A recursive call that receives exactly what its caller received, with no `return`/`throw` or condition before it, only ends when something outside changes: a retry-by-recursion against a dead server, a polling loop awaiting itself, a getter `get name() { return this.name; }` or a setter assigning its own property. Each call adds a stack frame until `RangeError: Maximum call stack size exceeded`, and an async one keeps every pending promise alive. Deliberately not reported: a call with any changed argument (`n - 1`, `node.left`, a child: data-bounded), calls under a condition or a loop, calls after an earlier `return`/`throw` or condition (a base case), calls inside callbacks or timers (a fresh stack each time) and `super.method()`.',
      flagged: [
        'async function connect(url: string): Promise<Socket> {\n  try {\n    return await open(url);\n  } catch {\n    await sleep(1000);\n    return connect(url);\n  }\n}\n',
        'class User {\n  get name(): string {\n    return this.name;\n  }\n}\n',
      ],
      ignored: [
        'async function connect(url: string, attempt = 0): Promise<Socket> {\n  try {\n    return await open(url);\n  } catch (error) {\n    if (attempt >= 5) throw error;\n    return connect(url, attempt + 1);\n  }\n}\n',
        'function depth(node: TreeNode): number {\n  if (!node) return 0;\n  return 1 + Math.max(depth(node.left), depth(node.right));\n}\n',
        'class User {\n  #name = "";\n  get name(): string {\n    return this.#name;\n  }\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    const frames: Frame[] = [];
    const members = new Set<Frame>();
    const top = (): Frame | undefined => frames.at(-1);
    const span = (node: ts.Node, kind: Span['kind']): void => {
      const frame = top();
      // Only named functions can call themselves; anonymous callbacks need no record.
      if (frame && frame.name !== '') frame.spans.push({ kind, node });
    };
    /**
     * The frame of every function without a name: it cannot call itself, so nothing is recorded for it
     * (every record below is made for named frames only) and one shared frame serves them all.
     */
    const anonymous = new Frame(file.sourceFile, '', []);
    const enterFunction = (node: ts.Node): void => {
      const fn = node as ts.SignatureDeclaration;
      const own = ownName(fn);
      if (!own) {
        frames.push(anonymous);
        return;
      }
      const frame = new Frame(fn, own.name, parameterNames(fn));
      if (own.member) members.add(frame);
      frames.push(frame);
    };
    const exitFunction = (): void => {
      const frame = frames.pop();
      // `f = function () {...}; f()` inside f: a lazy definition replacing itself, not a recursion (seen in @babel/helpers).
      if (!frame || frame.name === '' || frame.rebound.has(frame.name)) return;
      for (const use of frame.uses) {
        if (use.call && !sameArguments(use.call, frame)) continue;
        if (bounded(frame, use.node)) continue;
        const accessor = ts.isGetAccessorDeclaration(frame.fn) ? 'getter' : ts.isSetAccessorDeclaration(frame.fn) ? 'setter' : undefined;
        const message = accessor
          ? `The ${accessor} \`${frame.name}\` uses \`this.${frame.name}\`, which runs the ${accessor} again: it recurses until the stack overflows.`
          : `\`${members.has(frame) ? 'this.' : ''}${frame.name}\` calls itself with the arguments it received and nothing before or around the call can stop it.`;
        ctx.report({ line: file.lineOf(use.node.getStart()), message });
      }
    };
    const bump = (node: ts.Node): void => {
      const { operand, operator } = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
      const counts = operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
      const frame = top();
      if (counts && frame && frame.name !== '' && ts.isIdentifier(operand)) frame.rebound.add(operand.text);
    };
    const exitPath = (node: ts.Node): void => span(node, 'exit');
    const conditional = (node: ts.Node): void => span(node, 'conditional');
    // Handler tables as literals and frames as class instances: built up property by property they
    // kept each file's tree alive through young collections (see high-complexity), and copied from
    // tables made per kind list they cost more than the rule's handlers.
    return {
      enter: {
        FunctionDeclaration: enterFunction,
        FunctionExpression: enterFunction,
        ArrowFunction: enterFunction,
        MethodDeclaration: enterFunction,
        Constructor: enterFunction,
        GetAccessor: enterFunction,
        SetAccessor: enterFunction,
        TryStatement(node) {
          const frame = top();
          if (frame && frame.name !== '') frame.tries.push(node as ts.TryStatement);
        },
        CallExpression(node) {
          const frame = top();
          if (frame && frame.name !== '' && callsSelf(node as ts.CallExpression, frame, members.has(frame))) frame.uses.push({ node, call: node as ts.CallExpression });
        },
        PropertyAccessExpression(node) {
          const frame = top();
          if (frame && frame.name !== '' && accessorSelf(node as ts.PropertyAccessExpression, frame)) frame.uses.push({ node });
        },
      },
      exit: {
        // A condition or a loop around a self-call can stop the recursion.
        IfStatement: conditional,
        ConditionalExpression: conditional,
        SwitchStatement: conditional,
        ForStatement: conditional,
        ForOfStatement: conditional,
        ForInStatement: conditional,
        WhileStatement: conditional,
        DoStatement: conditional,
        FunctionDeclaration: exitFunction,
        FunctionExpression: exitFunction,
        ArrowFunction: exitFunction,
        MethodDeclaration: exitFunction,
        Constructor: exitFunction,
        GetAccessor: exitFunction,
        SetAccessor: exitFunction,
        ReturnStatement: exitPath,
        ThrowStatement: exitPath,
        BinaryExpression(node) {
          const binary = node as ts.BinaryExpression;
          const frame = top();
          if (!frame || frame.name === '') return;
          if (SHORT_CIRCUIT.has(binary.operatorToken.kind)) span(binary, 'conditional');
          else if (ASSIGNMENTS.has(binary.operatorToken.kind) && ts.isIdentifier(binary.left)) frame.rebound.add(binary.left.text);
        },
        PrefixUnaryExpression: bump,
        PostfixUnaryExpression: bump,
      },
    };
  },
});
