import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { type Collection, type CollectionUse, collectionsOf } from './shared/collection-uses.js';
import { isTestFile } from './shared/file-role.js';
import { functionName } from './shared/function-name.js';
import { isAsyncFunction, perEventContext } from './shared/per-event-context.js';

/** True when `expr` is the literal 0 (`q.length > 0` tests emptiness, not a bound). */
function isZero(expr: ts.Expression): boolean {
  return ts.isNumericLiteral(expr) && Number(expr.text) === 0;
}

/** True when a use limits the length: a comparison of `length` with anything but 0, a truncation, a `splice`. */
function bounds(use: CollectionUse): boolean {
  if (use.op === 'size' && use.comparison) {
    const holds = (e: ts.Node): boolean => e.pos <= use.node.pos && use.node.end <= e.end;
    const other = holds(use.comparison.left) ? use.comparison.right : use.comparison.left;
    return !isZero(other);
  }
  return use.method === 'splice' || (use.op === 'remove' && use.method === 'length');
}

/** True for exported functions and variables: a module-level queue they push to is fed by any caller. */
function isExported(fn: ts.Node): boolean {
  const holder = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(fn.parent) ? fn.parent.parent.parent : undefined;
  return holder !== undefined && ts.canHaveModifiers(holder) && (ts.getModifiers(holder) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * True when traffic drives the push: it is made in a per-event/request handler or an async function,
 * or (for a module-level queue) in an exported function. A class's internal buffer fed by its own
 * synchronous methods usually has its backpressure elsewhere (a `bufferedAmount`, a concurrency cap).
 */
function isTrafficPush(use: CollectionUse, c: Collection): boolean {
  const fn = use.fn as ts.Node;
  if (perEventContext(use.node) !== undefined || isAsyncFunction(fn)) return true;
  return c.lifetime === 'module' && isExported(fn);
}

/** The pushes and the front-consuming `shift`s of an array used as a FIFO queue, when nothing bounds it. */
function unboundedQueue(c: Collection): { pushes: CollectionUse[]; takes: CollectionUse[] } | undefined {
  if (c.kind !== 'array' || c.exported) return undefined;
  // Passed or returned elsewhere: the bound may live there.
  if (c.uses.some((u) => u.op === 'escape' || bounds(u))) return undefined;
  const pushes = c.uses.filter((u) => u.method === 'push' && u.fn !== undefined && !ts.isConstructorDeclaration(u.fn) && isTrafficPush(u, c));
  const takes = c.uses.filter((u) => u.method === 'shift');
  return pushes.length > 0 && takes.length > 0 ? { pushes, takes } : undefined;
}

/** Arrays used as FIFO queues (`push` + `shift`) with no bound on their length. */
export default defineTsDetector({
  meta: {
    id: 'unbounded-queue',
    severity: 'medium',
    category: 'reliability',
    description: 'An array used as a queue (`push` at the back, `shift` at the front) has no bound on its length.',
    recommendation: 'Cap the queue: reject or drop work when `length` reaches a limit, or apply backpressure to the producer.',
    docs: {
      why: 'A queue that producers can always push to turns a slow consumer into unbounded memory growth and unbounded latency under load; the process dies long after the cause. Reported for module-level arrays and class fields consumed with `shift()` and pushed to where traffic drives it (a per-event or per-request handler, an async function, or an exported function for a module-level queue), when no `length` comparison against a limit (`q.length >= max`), truncation (`length =`, `splice`) or escape (the array passed or returned elsewhere) appears in the file. An emptiness test (`while (q.length > 0)`) is not a bound. Arrays only pushed to are `unbounded-collection`; stacks (`pop`), local arrays and a class\'s internal buffer fed by its own synchronous methods (backpressure usually lives elsewhere, such as a `bufferedAmount`) are left alone.',
      flagged: [
        'const jobs: Job[] = [];\nexport function enqueue(job: Job) {\n  jobs.push(job);\n}\nexport function next() {\n  return jobs.shift();\n}\n',
        'class Sender {\n  private queue: Buffer[] = [];\n  async send(data: Buffer) {\n    this.queue.push(data);\n    this.flush();\n  }\n  flush() {\n    while (this.queue.length > 0) write(this.queue.shift());\n  }\n}\n',
      ],
      ignored: [
        'const jobs: Job[] = [];\nexport function enqueue(job: Job) {\n  if (jobs.length >= MAX_JOBS) throw new Error("queue full");\n  jobs.push(job);\n}\nexport function next() {\n  return jobs.shift();\n}\n',
        'export function bfs(root: Node) {\n  const queue = [root];\n  while (queue.length) {\n    const n = queue.shift();\n    queue.push(...n.children);\n  }\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestFile(ctx.file.path)) return {};
    return {
      end() {
        for (const c of collectionsOf(ctx.file)) {
          const queue = unboundedQueue(c);
          if (!queue) continue;
          const push = queue.pushes[0];
          const take = queue.takes[0];
          const takeWhere = take.fn ? ` in \`${functionName(take.fn)}\`` : '';
          ctx.report({
            line: ctx.file.lineOf(c.declaration.getStart()),
            message: `\`${c.name}\` is a queue (\`.push\` in \`${functionName(push.fn as ts.Node)}\`, \`.shift\`${takeWhere}) with no bound on its length: under load it grows without limit.`,
          });
        }
      },
    };
  },
});
