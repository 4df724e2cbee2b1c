import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, shorten } from './shared/call-target.js';

/** Methods that are a database or service round trip whatever the receiver is called. */
const QUERY_METHODS = new Set([
  'execute', 'fetch', 'fetchrow', 'fetchval', 'fetchone', 'fetchall', 'fetchmany', 'fetch_one', 'fetch_all', 'fetch_val',
  'find_one', 'insert_one', 'update_one', 'delete_one', 'replace_one', 'count_documents',
  'scalar', 'scalars', 'scalar_one', 'scalar_one_or_none', 'get_item', 'put_item', 'query', 'request',
]);
/** HTTP verbs and key-value reads: a round trip only when the receiver is a client or connection. */
const VERB_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'mget', 'hget', 'hgetall']);
const CLIENT_RECEIVER = /(session|client|http|api|requests|aiohttp|httpx|db|database|redis|conn|connection|pool)$/i;
/** Plain functions named as a fetch: `fetch_user(id)`, `query(...)`, `download(url)`. */
const FETCH_FUNCTION = /^(fetch|query|request|download)(_\w+)?$/;
/** Awaited calls that throttle a loop on purpose (rate limiting, backoff). */
const SLEEP = /(^|\.)sleep$/;

interface Candidate {
  call: Node;
  what: string;
}

/** A `for` loop being walked, with what its body has shown so far. */
interface Loop {
  node: Node;
  /** False for `async for`, `while` and fixed iterables: awaits under them are never reported. */
  reportable: boolean;
  /** Names bound by the loop target (`for user in users` → user). */
  targets: Set<string>;
  candidates: Candidate[];
  /** Names assigned in the body, with where the assignment starts and ends. */
  assigned: Array<{ name: string; start: number; end: number }>;
  exits: boolean;
  sleeps: boolean;
}

/** `for x in (a, b)`, `for i in range(3)`: a fixed handful of steps, not one per row of data. */
function fixedIterable(iterable: Node | null): boolean {
  if (!iterable) return true;
  if (['list', 'tuple', 'set', 'string', 'concatenated_string'].includes(iterable.type)) return true;
  if (iterable.type !== 'call' || iterable.childForFieldName('function')?.text !== 'range') return false;
  const args = iterable.childForFieldName('arguments')?.namedChildren ?? [];
  return args.every((a) => a?.type === 'integer');
}

function identifiersOf(target: Node | null, out: Set<string>): Set<string> {
  if (!target) return out;
  if (target.type === 'identifier') out.add(target.text);
  else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression', 'tuple', 'list'].includes(target.type)) {
    for (const c of target.namedChildren) identifiersOf(c, out);
  }
  return out;
}

/** The round trip an awaited expression makes (`session.get()`), or null for anything else. */
function roundTrip(awaited: Node | null): string | null {
  if (awaited?.type !== 'call') return null;
  const fn = awaited.childForFieldName('function');
  const name = calleeName(fn);
  if (fn?.type === 'identifier') return FETCH_FUNCTION.test(name) ? `${name}()` : null;
  if (fn?.type !== 'attribute') return null;
  const receiver = fn.childForFieldName('object');
  const receiverName = receiver?.type === 'attribute' ? calleeName(receiver) : receiver?.type === 'identifier' ? receiver.text : '';
  if (QUERY_METHODS.has(name) || (VERB_METHODS.has(name) && CLIENT_RECEIVER.test(receiverName))) return `${shorten(fn.text, 40)}()`;
  return null;
}

const word = (name: string): RegExp => new RegExp(`(^|[^\\w.])${name.replace(/[^\w]/g, '')}\\b`);

/**
 * True when iterations are independent: the call uses this iteration's item and no name it reads
 * is assigned later in the body or from its own result (a cursor, a token, the previous page).
 */
function independent(loop: Loop, candidate: Candidate): boolean {
  const text = candidate.call.text;
  const call = candidate.call;
  const carried = loop.assigned.some(
    (a) => (a.start > call.startIndex || (a.start <= call.startIndex && a.end >= call.endIndex)) && word(a.name).test(text),
  );
  if (carried) return false;
  const perItem = [...loop.targets].some((t) => word(t).test(text))
    || loop.assigned.some((a) => a.end <= call.startIndex && word(a.name).test(text));
  return perItem;
}

/** `await` of a query or request once per item of a `for` loop: N sequential round trips. */
export default definePyDetector({
  meta: {
    id: 'await-in-loop',
    severity: 'medium',
    category: 'performance',
    description: '`await` of a query or HTTP request inside a `for` loop, once per item, where the iterations do not depend on each other (N+1).',
    recommendation: 'Fetch in one query (`WHERE id = ANY($1)`, `executemany`, a batch endpoint), or run the calls concurrently with `asyncio.gather` bounded by a semaphore.',
    docs: {
      why: 'Each awaited round trip waits for the previous one: 200 items at 20 ms each is four seconds that one batched query or a bounded `asyncio.gather` does in one round trip. Only `for` loops whose awaited call uses the loop item are reported. Loops whose next step depends on the previous result are left alone: a cursor or token assigned from the response, a loop that `break`s or `return`s (search, retry), a loop that sleeps (backoff, rate limiting), `async for`, `while` loops (polling, consumers, pagination) and fixed iterables (`for table in ("a", "b")`, `for attempt in range(3)`).',
      flagged: [
        'async def names(conn, ids):\n    out = []\n    for user_id in ids:\n        row = await conn.fetchrow("SELECT name FROM users WHERE id = $1", user_id)\n        out.append(row["name"])\n    return out\n',
        'async def pages(session, urls):\n    for url in urls:\n        resp = await session.get(url)\n        print(resp.status)\n',
      ],
      ignored: [
        'async def all_pages(client, url):\n    cursor = None\n    for _ in range(100):\n        page = await client.get(url, params={"cursor": cursor})\n        cursor = page.json()["next"]\n',
        'async def first_ok(session, urls):\n    for url in urls:\n        resp = await session.get(url)\n        if resp.status == 200:\n            return resp\n',
        'import asyncio\n\nasync def names(conn, ids):\n    return await asyncio.gather(*(conn.fetchrow("SELECT 1 WHERE $1", i) for i in ids))\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    /** One loop stack per function: a nested `def` starts afresh. */
    const frames: Loop[][] = [[]];
    const loops = (): Loop[] => frames[frames.length - 1];
    const innermost = (): Loop | undefined => loops()[loops().length - 1];
    const enterLoop = (node: Node): void => {
      const isFor = node.type === 'for_statement' && node.child(0)?.type !== 'async';
      const reportable = isFor && !fixedIterable(node.childForFieldName('right'));
      const targets = isFor ? identifiersOf(node.childForFieldName('left'), new Set()) : new Set<string>();
      loops().push({ node, reportable, targets, candidates: [], assigned: [], exits: false, sleeps: false });
    };
    const leaveLoop = (): void => {
      const loop = loops().pop();
      if (!loop?.reportable || loop.exits || loop.sleeps) return;
      const iterable = shorten(loop.node.childForFieldName('right')?.text ?? '', 30);
      const bodyStart = loop.node.childForFieldName('body')?.startIndex ?? Infinity;
      for (const c of loop.candidates) {
        // `for row in await conn.fetch(...)` awaits once, before the loop.
        if (c.call.startIndex < bodyStart || !independent(loop, c)) continue;
        ctx.report({
          line: c.call.startPosition.row + 1,
          endLine: c.call.endPosition.row + 1,
          message: `\`${c.call.parent?.type === 'await' ? 'await ' : ''}${c.what}\` runs once per item of \`${iterable}\` in this loop: one sequential round trip each (N+1)`,
        });
      }
    };
    const assigned = (node: Node): void => {
      const names = identifiersOf(node.childForFieldName('left'), new Set());
      for (const loop of loops()) for (const name of names) loop.assigned.push({ name, start: node.startIndex, end: node.endIndex });
    };
    const enterDef = (): void => {
      frames.push([]);
    };
    const leaveDef = (): void => {
      frames.pop();
    };
    return {
      enter: {
        function_definition: enterDef,
        lambda: enterDef,
        for_statement: enterLoop,
        while_statement: enterLoop,
        assignment: assigned,
        augmented_assignment: assigned,
        named_expression(node) {
          const name = node.childForFieldName('name')?.text;
          if (name) for (const loop of loops()) loop.assigned.push({ name, start: node.startIndex, end: node.endIndex });
        },
        break_statement() {
          const loop = innermost();
          if (loop) loop.exits = true;
        },
        return_statement() {
          for (const loop of loops()) loop.exits = true;
        },
        with_statement(node) {
          // `async with session.get(url) as resp:` awaits the request like `await` does.
          const loop = innermost();
          if (!loop?.reportable || node.child(0)?.type !== 'async') return;
          for (const item of node.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren ?? []) {
            const value = item?.childForFieldName('value');
            const call = value?.type === 'as_pattern' ? value.namedChild(0) : value;
            const what = roundTrip(call ?? null);
            if (what && call) loop.candidates.push({ call, what });
          }
        },
        await(node) {
          const loop = innermost();
          if (!loop) return;
          const awaited = node.namedChild(0);
          if (awaited?.type === 'call' && SLEEP.test(awaited.childForFieldName('function')?.text ?? '')) {
            for (const l of loops()) l.sleeps = true;
            return;
          }
          if (!loop.reportable) return;
          const what = roundTrip(awaited);
          if (what && awaited) loop.candidates.push({ call: awaited, what });
        },
      },
      exit: {
        function_definition: leaveDef,
        lambda: leaveDef,
        for_statement: leaveLoop,
        while_statement: leaveLoop,
      },
    };
  },
});
