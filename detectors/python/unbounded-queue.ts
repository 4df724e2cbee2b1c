import type { PyNode as Node } from '../define.js';
import type { Fix } from '../../src/types.js';
import { definePyDetector } from '../define.js';
import { callArguments, importedName } from './shared/call-target.js';
import { type LongLived, type OwnedMention, attributeCollector, instanceValues, moduleValues } from './shared/long-lived-values.js';
import { isPythonTestPath } from './shared/python-paths.js';
import { scopesOf } from './shared/scopes.js';
import { replaceBytes } from './shared/source-text.js';

/** Test backends named for what they are (`backends/test.py`, `testing.py`): short-lived processes. */
const TEST_BACKEND = /(^|\/)(test|testing)\.py$/;

/** Queue classes that take `maxsize` (first positional argument); 0 or absent means unbounded. */
const QUEUES = new Set(['asyncio.Queue', 'asyncio.LifoQueue', 'asyncio.PriorityQueue', 'queue.Queue', 'queue.LifoQueue', 'queue.PriorityQueue', 'multiprocessing.Queue', 'asyncio.queues.Queue']);

type QueueKind = 'queue' | 'deque' | 'list';

interface Candidate {
  kind: QueueKind;
  /** `asyncio.Queue()`, `collections.deque()`, `[]`. */
  shown: string;
}

/** What the value constructs, when it is an unbounded queue-like container. */
function unboundedConstructor(value: Node, file: Parameters<typeof scopesOf>[0]): Candidate | null {
  if (value.type === 'list' && value.namedChildCount === 0) return { kind: 'list', shown: '[]' };
  if (value.type !== 'call') return null;
  const fn = value.childForFieldName('function');
  const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  if (last !== 'deque' && !/Queue$/.test(last ?? '')) return null;
  const name = importedName(fn, scopesOf(file));
  const args = callArguments(value);
  if (args.splat) return null;
  if (name === 'collections.deque') {
    return args.positional.length < 2 && !args.keywords.has('maxlen') ? { kind: 'deque', shown: 'collections.deque()' } : null;
  }
  if (!name || !QUEUES.has(name)) return null;
  return args.positional.length === 0 && !args.keywords.has('maxsize') ? { kind: 'queue', shown: `${name}()` } : null;
}

const PRODUCERS: Record<QueueKind, Set<string>> = {
  queue: new Set(['put', 'put_nowait']),
  deque: new Set(['append', 'appendleft', 'extend', 'extendleft']),
  list: new Set(['append', 'extend', 'insert']),
};

/** `x.pop(0)`: taking from the front, which makes a list a FIFO queue. */
const popsFront = (m: OwnedMention): boolean => m.kind === 'call' && m.method === 'pop' && m.call?.childForFieldName('arguments')?.namedChild(0)?.text === '0';

/**
 * The consumer that takes from the other end of `put`, making a deque or list a FIFO queue:
 * `append` → `popleft()` / `pop(0)`, `appendleft` → `pop()`. The same end (`appendleft` +
 * `popleft`) is a stack, the usual shape of a tokenizer's push-back.
 */
function takesOtherEnd(kind: QueueKind, put: string, m: OwnedMention): boolean {
  if (kind === 'queue') return true;
  if (m.kind !== 'call') return false;
  const back = put === 'append' || put === 'extend';
  if (kind === 'list') return back && popsFront(m);
  return back ? m.method === 'popleft' : m.method === 'pop';
}

/** Deques and lists are everyday buffers: only ones named as a queue of work count. */
const QUEUE_NAME = /queue|jobs|tasks|pending|inbox|outbox|backlog|messages|events|work|requests|mailbox/i;

/** Mentions that bound, drain or measure the container, or hand it to code we cannot see. */
function mayBound(kind: QueueKind, m: OwnedMention): boolean {
  if (m.kind === 'size' || m.kind === 'rebind' || m.kind === 'delitem') return true;
  if (m.kind === 'call') return ['qsize', 'full', 'clear', 'maxlen'].includes(m.method ?? '');
  if (m.kind === 'attribute') return m.method === 'maxlen' || m.method === 'maxsize';
  // A queue is made to be shared with consumers; a deque or list handed over may be trimmed there.
  return m.kind === 'escape' && kind !== 'queue';
}

/** `asyncio.Queue()` → `asyncio.Queue(maxsize=1000)` on a one-line call with no arguments. */
function maxsizeFix(value: Node, lines: readonly string[]): Fix | undefined {
  const args = value.childForFieldName('arguments');
  if (!args || args.text !== '()' || value.startPosition.row !== value.endPosition.row) return undefined;
  const row = args.startPosition.row;
  return { line: row + 1, endLine: row + 1, replacement: replaceBytes(lines[row] ?? '', args.startPosition.column, args.endPosition.column, '(maxsize=1000)') };
}

const ADVICE: Record<QueueKind, string> = {
  queue: 'Give it a `maxsize` so producers wait (or fail fast with `QueueFull`) when consumers fall behind.',
  deque: 'Give it a `maxlen` if dropping the oldest items is acceptable, or check `len()` before adding and push back on the producer.',
  list: 'Use `collections.deque` (O(1) `popleft`) with a bound, or `asyncio.Queue(maxsize=...)`.',
};

/** Long-lived queues without a bound, and lists used as FIFO queues, that producers keep feeding. */
export default definePyDetector({
  meta: {
    id: 'unbounded-queue',
    severity: 'medium',
    category: 'reliability',
    description: 'A long-lived `asyncio.Queue()` / `queue.Queue()` / `collections.deque()` without a bound (or a list used as a FIFO queue) that producers put into.',
    recommendation: 'Bound the queue (`maxsize=...`, `maxlen=...`) so a slow consumer pushes back on producers instead of exhausting memory.',
    docs: {
      why: 'A queue without a bound turns "the consumer is slower than the producer" into "the process runs out of memory": nothing pushes back, latency grows with the backlog, and the crash comes hours later. Reported only for queues that live as long as the module or object (module level, or `self.x` set in `__init__`) and that the file puts into; deques and lists also need a consumer taking from the other end (`popleft()`, `pop(0)`) and no `len()` check, `clear()`, reassignment or hand-over to other code. Local queues, `queue.SimpleQueue` (no bound exists) and explicit `maxsize=0` are left alone, and so are queues whose `maxsize` the file sets later (`handler.queue.maxsize = n`) and test code (`tests/`, a `test.py` backend). The fix `maxsize=1000` is a starting point: choose the bound from the expected backlog.',
      flagged: [
        'import asyncio\n\nclass Notifier:\n    def __init__(self):\n        self.pending = asyncio.Queue()\n\n    def notify(self, event):\n        self.pending.put_nowait(event)\n',
        'jobs = []\n\ndef submit(job):\n    jobs.append(job)\n\ndef next_job():\n    return jobs.pop(0)\n',
      ],
      ignored: [
        'import asyncio\n\nclass Notifier:\n    def __init__(self):\n        self.pending = asyncio.Queue(maxsize=100)\n\n    async def notify(self, event):\n        await self.pending.put(event)\n',
        'import asyncio\n\nasync def crawl(urls):\n    q = asyncio.Queue()\n    for u in urls:\n        q.put_nowait(u)\n',
        'jobs = []\n\ndef submit(job):\n    jobs.append(job)\n\ndef next_job():\n    return jobs.pop()\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isPythonTestPath(ctx.file.path) || TEST_BACKEND.test(ctx.file.path)) return {};
    const attributes = attributeCollector();
    const check = (found: LongLived): void => {
      const candidate = unboundedConstructor(found.value, ctx.file);
      if (!candidate || found.mentions.some((m) => mayBound(candidate.kind, m))) return;
      // `self._handler.queue.maxsize = n` elsewhere in the file: bounded once configured.
      const last = found.key.split('.').pop() ?? '';
      if (candidate.kind === 'queue' && new RegExp(`\\.${last}\\.maxsize\\s*=[^=]`).test(ctx.file.text)) return;
      if (candidate.kind !== 'queue' && !QUEUE_NAME.test(found.key)) return;
      const put = found.mentions.find((m) => m.kind === 'call' && PRODUCERS[candidate.kind].has(m.method ?? '') && m.owner !== null);
      if (!put || !found.mentions.some((m) => takesOtherEnd(candidate.kind, put.method ?? '', m))) return;
      const fix = candidate.kind === 'queue' ? maxsizeFix(found.value, ctx.file.lines) : undefined;
      const used = candidate.kind === 'list' ? ' used as a FIFO queue (`pop(0)`)' : '';
      ctx.report({
        line: found.value.startPosition.row + 1,
        endLine: found.value.endPosition.row + 1,
        message: `\`${found.key}\` is an unbounded \`${candidate.shown}\`${used} fed by \`${found.key}.${put.method}()\` (line ${put.node.startPosition.row + 1}): nothing limits the backlog when consumers fall behind`,
        recommendation: ADVICE[candidate.kind],
        ...(fix ? { fix } : {}),
      });
    };
    const accept = (value: Node): boolean => unboundedConstructor(value, ctx.file) !== null;
    return {
      enter: { function_definition: attributes.enterDef, attribute: attributes.attribute, assignment: attributes.assignment },
      exit: { function_definition: attributes.leaveDef },
      end() {
        // Nothing queue-like in the text: spare the scope model.
        if (!/Queue|deque|\.pop\(\s*0\s*\)/.test(ctx.file.text)) return;
        for (const found of moduleValues(ctx.file, accept)) check(found);
        for (const found of instanceValues(attributes.index, accept)) check(found);
      },
    };
  },
});
