import type { PyNode as Node } from '../define.js';
import type { PyFile } from '../define.js';
import { definePyDetector } from '../define.js';
import { awaitsBetween, isAsyncStatement, noteAwait, ownFunction } from './shared/await-points.js';
import { SERVER_MODULE, enclosingFunction, perCallFunction } from './shared/call-frequency.js';
import { callArguments, shorten, unparenthesized } from './shared/call-target.js';
import { STORE_READ, freshIdSite } from './shared/fresh-ids.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';
import { isTestPath } from './shared/secret-patterns.js';
import { isModuleVariable, sharedStateName } from './shared/shared-state.js';
import { assignedBy, checkGuard, checkGuardFrom, isClearing, isReceiver } from './shared/state-access.js';

/** Serialising constructs: `asyncio.Lock`, `async with self._lock`, semaphores, transactions. */
const LOCK = /(^|[^a-z])lock|mutex|semaphore|transaction|atomic\(|\.begin\(|\.acquire\(|synchronized/i;

/** One read or write of a piece of shared state, at the byte where it takes effect. */
interface Access {
  key: string;
  kind: 'check' | 'read' | 'write';
  pos: number;
  node: Node;
  /** A whole attribute or variable (`self.client`), not an entry of a dict or set. */
  field: boolean;
  /** For a check: the `if`/`elif`/`while`/conditional it decides, or the assignment that keeps it. */
  guard: Node | null;
  /** For a write: the value written (`'claim'` for `s.add(k)` and `+=`). */
  value: Node | 'claim' | null;
}

/**
 * Values whose duplication is harm, not waste: a resource made (`ClientSession()`, `create_session()`,
 * `connect()`). Fetching an idempotent value twice is only wasted work, and "done" flags set after
 * the work (`self.ready = True`) mostly guard idempotent work, so neither is reported.
 */
const CREATES = /\b[A-Z]\w*\s*\(|\b(create|connect|open|spawn|launch|acquire|login|register|insert|allocate|start|init|subscribe|listen|build|make|fork)\w*\s*\(/;

/** Factories of plain values (a module object, a handler, a config): no resource behind them. */
const CREATES_VALUE_ONLY = /^(await\s+)?[\w.]*?\b(create|make|build)_?\w*(module|middleware|handler|router|config|options|schema|validator|filter|selector|url|path|key|hash|template)\w*\s*\([^()]*\)$/i;

/** The text a written value stands for: its own, plus the values a local it names was assigned. */
function valueText(value: Node, model: ScopeModel): string {
  const v = unparenthesized(value);
  if (v?.type !== 'identifier') return v?.text ?? '';
  const found = model.lookup(v.text, model.scopeOf(v));
  if (found === null || found === 'builtin') return v.text;
  return [v.text, ...(found.bindings.get(v.text) ?? []).map((b) => b.value?.text ?? '')].join(' ');
}

/** True when writing the value twice does harm: a claim, a resource made, or an update computed from the checked value. */
function harmfulTwice(check: Access, write: Access, model: ScopeModel): boolean {
  const value = write.value;
  if (value === null || value === 'claim') return value === 'claim';
  const v = unparenthesized(value);
  const text = valueText(value, model);
  // `make_module()`, `create_handler()`: plain values built twice are waste, not a second resource.
  if (CREATES.test(text) && !CREATES_VALUE_ONLY.test(v?.text ?? '')) return true;
  // `balance = d.get(k, 0); await ...; d[k] = balance + amount`: a lost update.
  const kept = check.guard?.type === 'assignment' ? check.guard.childForFieldName('left')?.text : undefined;
  return kept !== undefined && v?.type !== 'identifier' && new RegExp(`\\b${kept}\\b`).test(v?.text ?? '');
}

/** Check and write form check-then-act: any check of an entry; for a whole attribute, a write inside the branch the check decides. */
function pairs(check: Access, write: Access): boolean {
  if (!write.field) return true;
  const guard = check.guard;
  if (!guard || guard.type === 'assignment') return false;
  if (guard.type === 'augmented_assignment') return true;
  return guard.startIndex <= write.node.startIndex && write.node.endIndex <= guard.endIndex;
}

/** A fresh id taken under a lock, from a sequence, or with the duplicate caught: the race is handled. */
const FRESH_ID_SAFE = /(^|[^a-z])lock|select_for_update|with_for_update|serializable|IntegrityError|UniqueViolation|nextval|advisory|transaction|atomic\(/i;

/** True when the function (with its decorators) mentions a lock, semaphore or transaction. */
function locked(fn: Node): boolean {
  const whole = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  return LOCK.test(whole.text);
}

/**
 * True when `awaitNode` lies on a path that leaves the function before reaching `write`: inside a
 * `return`/`raise`, or in a branch (`if pending: return await pending`) that ends in one.
 */
function exitsBefore(awaitNode: Node, write: Node, fn: Node): boolean {
  for (let a: Node | null = awaitNode; a && a.id !== fn.id; a = a.parent) {
    if (a.startIndex <= write.startIndex && write.endIndex <= a.endIndex) return false;
    if (a.type === 'return_statement' || a.type === 'raise_statement') return true;
    const parent = a.parent;
    if (a.type === 'block' && (parent?.type === 'if_statement' || parent?.type === 'elif_clause' || parent?.type === 'else_clause')) {
      const statements = a.namedChildren.filter((c) => c !== null && c.type !== 'comment');
      const last = statements[statements.length - 1];
      if (last && (last.type === 'return_statement' || last.type === 'raise_statement')) return true;
    }
  }
  return false;
}

/** Reports each key written after an `await` whose last access before it was a check, once per function. */
function conclude(file: PyFile, model: ScopeModel, fn: Node, accesses: Access[], report: (access: Access, check: Access) => void): void {
  if (!accesses.some((a) => a.kind === 'write') || locked(fn)) return;
  const rank = { check: 0, read: 0, write: 1 };
  const sorted = [...accesses].sort((a, b) => a.pos - b.pos || rank[a.kind] - rank[b.kind]);
  const last = new Map<string, Access>();
  const reported = new Set<string>();
  for (const access of sorted) {
    const previous = last.get(access.key);
    last.set(access.key, access);
    if (access.kind !== 'write' || previous?.kind !== 'check' || reported.has(access.key) || !pairs(previous, access) || !harmfulTwice(previous, access, model)) continue;
    if (!awaitsBetween(file, fn, previous.pos, access.pos)) continue;
    reported.add(access.key);
    report(access, previous);
  }
}

/** Check-then-act on shared state across an `await`, with no lock. */
export default definePyDetector({
  meta: {
    id: 'race-condition',
    severity: 'high',
    category: 'reliability',
    description: 'State that outlives the call (a module-level dict, an attribute `self.x`) is checked before an `await` and written after it, with no lock: two coroutines can both pass the check. Also a new id derived from a count or maximum read from the database (`Order.objects.count() + 1`).',
    recommendation: 'Make check and write one step: hold an `asyncio.Lock` around them (`async with self._lock:`), store the pending task before awaiting, or re-check after the `await`.',
    docs: {
      why:
        'asyncio runs one coroutine at a time, but every `await` lets others run: a dict entry or attribute checked, then awaited on, then written is decided on stale information. Two requests both see the session missing and both create one, both see the client unset and both connect. The rule needs the same key (`k in d`, `d.get(k)`, `d[k]`, `self.x`, a module-level variable) checked in a condition or kept in a local before an `await` (or `async for`/`async with`) of the same coroutine and written (`d[k] = ...`, `s.add(k)`, `self.x = ...`, `+=`) after it, where writing twice does harm: a resource made (`ClientSession()`, `create_*()`, `connect()`, ...), a set entry claimed, or a value computed from the checked one; a whole attribute counts only when the write sits in the branch its check decides. It stays silent for locals, for writes made before the `await`, for state re-read after it, for teardown writes (`None`, `False`), for idempotent values loaded twice (a memo cache) and "done" flags set after the work, for synchronous code, for coroutines that mention a lock, semaphore or transaction, and for test files; also when the only `await` between check and write sits on a path that leaves the function (`if pending: return await pending`), and for values built by factories of plain values (`make_module()`, `create_handler()`). The second shape is an id derived from other ids where a fresh one is needed: `x + 1` kept as an `id`, `pk`, `*_id`, `*_number`, `seq` (a keyword, a dict key, an attribute or a local of that name) where `x` is a count or maximum read from the database (a query\'s `.count()`, `func.max`/`func.count`, Django `Max("...")`/`Count("...")`, SQL `MAX(`/`COUNT(`, `.latest(...)`, the last row by a descending order), followed through the function\'s locals, in a function that runs per request (a route or task, a `request` parameter, a coroutine, any function of a server module): threads, worker processes and coroutines read the same value and hand out the same id. Functions that lock (`select_for_update`, `with_for_update`, a lock), use a transaction or a sequence, or catch the `IntegrityError` are left alone, as are positions, versions and numbers of data in hand.',
      flagged: [
        'from django.http import JsonResponse\n\ndef create_order(request):\n    number = Order.objects.count() + 1\n    Order.objects.create(number=number)\n    return JsonResponse({"number": number})\n',
        '_sessions = {}\n\nasync def get_session(user_id):\n    if user_id not in _sessions:\n        session = await create_session(user_id)\n        _sessions[user_id] = session\n    return _sessions[user_id]\n',
        'class Db:\n    async def client(self):\n        if self._client is None:\n            self._client = await connect()\n        return self._client\n',
      ],
      ignored: [
        '_sessions = {}\n_lock = asyncio.Lock()\n\nasync def get_session(user_id):\n    async with _lock:\n        if user_id not in _sessions:\n            _sessions[user_id] = await create_session(user_id)\n    return _sessions[user_id]\n',
        'async def handle(ids):\n    seen = set()\n    for i in ids:\n        if i not in seen:\n            await work(i)\n            seen.add(i)\n',
        '_cache = {}\n\ndef get(key):\n    if key not in _cache:\n        _cache[key] = load(key)\n    return _cache[key]\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestPath(file.path)) return {};
    const asyncCode = /\bawait\b|\basync\s+(for|with)\b/.test(file.text);
    // Ids derived from stored ids race under threads and worker processes too, so they are looked for in any per-call function.
    const freshIdScan = STORE_READ.test(file.text);
    if (!asyncCode && !freshIdScan) return {};
    const model = scopesOf(file);
    const serverModule = (): boolean => file.memo('python/server-module', () => model.imports.some((b) => SERVER_MODULE.test(b.module)));
    const freshId = (node: Node): void => {
      if (node.childForFieldName('operator')?.text !== '+') return;
      const fn = enclosingFunction(node);
      if (fn?.type !== 'function_definition') return;
      const site = freshIdSite(node, fn, model);
      if (!site || !perCallFunction(fn, serverModule()) || FRESH_ID_SAFE.test((fn.parent?.type === 'decorated_definition' ? fn.parent : fn).text)) return;
      ctx.report({
        line: node.startPosition.row + 1,
        message: `\`${shorten(node.text)}\` derives a new \`${site.name}\` from a count or maximum read from the database: two concurrent requests read the same value and hand out the same \`${site.name}\`.`,
        recommendation: 'Let the database assign it (an autoincrement or sequence column, a `uuid4()` default), or take the number from a counter incremented atomically (`UPDATE counters SET n = n + 1 ... RETURNING n`, Redis `INCR`); otherwise lock the rows (`select_for_update()`) and catch the `IntegrityError`.',
      });
    };
    if (!asyncCode) return { enter: { binary_operator: freshId } };
    /** The suspension points of each function, to tell those on the path to a write from those on a path that returns. */
    const awaitNodes = new Map<number, Node[]>();
    const keepAwait = (node: Node): void => {
      const fn = ownFunction(node);
      if (!fn) return;
      const list = awaitNodes.get(fn.id);
      if (list) list.push(node);
      else awaitNodes.set(fn.id, [node]);
    };
    /** Where a suspension point suspends: the end of an `await`, the head of an `async for`/`async with` (as `noteAwait` counts it). */
    const suspendsAt = (a: Node): number => (a.type === 'await' ? a : (a.childForFieldName('right') ?? a.namedChildren.find((c) => c?.type === 'with_clause') ?? a)).endIndex;
    const awaitsOnPath = (fn: Node, from: number, to: number, write: Node): boolean =>
      (awaitNodes.get(fn.id) ?? []).some((a) => {
        const at = suspendsAt(a);
        return at > from && at <= to && !exitsBefore(a, write, fn);
      });
    const byFunction = new Map<number, { fn: Node; accesses: Access[] }>();
    const note = (node: Node, key: string, kind: Access['kind'], pos: number, field: boolean, guard: Node | null = null, value: Access['value'] = null): void => {
      const fn = ownFunction(node);
      if (fn?.type !== 'function_definition') return;
      const entry = byFunction.get(fn.id) ?? { fn, accesses: [] };
      byFunction.set(fn.id, entry);
      entry.accesses.push({ key, kind, pos, node, field, guard: kind === 'check' ? (guard ?? checkGuard(node)) : null, value });
    };
    const readKind = (node: Node): 'check' | 'read' => (checkGuard(node) ? 'check' : 'read');
    /** A whole attribute or module variable assigned: `self.x = v`, `x += v`. */
    const noteFieldWrite = (target: Node, key: string): void => {
      const assignment = assignedBy(target);
      if (!assignment) return;
      const augmented = assignment.type === 'augmented_assignment';
      if (augmented) note(target, key, 'check', target.endIndex, true, assignment);
      else if (isClearing(assignment.childForFieldName('right'))) return;
      note(target, key, 'write', assignment.endIndex, true, null, augmented ? 'claim' : assignment.childForFieldName('right'));
    };
    return {
      enter: {
        ...(freshIdScan ? { binary_operator: freshId } : {}),
        await(node) {
          noteAwait(file, node);
          keepAwait(node);
        },
        for_statement(node) {
          if (!isAsyncStatement(node)) return;
          noteAwait(file, node);
          keepAwait(node);
        },
        with_statement(node) {
          if (!isAsyncStatement(node)) return;
          noteAwait(file, node);
          keepAwait(node);
        },
        call(call) {
          const fn = call.childForFieldName('function');
          if (fn?.type !== 'attribute') return;
          const method = fn.childForFieldName('attribute')?.text;
          if (method !== 'get' && method !== 'add') return;
          const state = sharedStateName(fn.childForFieldName('object'), model);
          const key = callArguments(call).positional[0];
          if (!state || !key) return;
          if (method === 'add') note(call, `${state}[${key.text}]`, 'write', call.endIndex, false, null, 'claim');
          else note(call, `${state}[${key.text}]`, readKind(call), call.endIndex, false);
        },
        subscript(node) {
          const state = sharedStateName(node.childForFieldName('value'), model);
          const index = node.childForFieldName('subscript');
          if (!state || !index) return;
          const key = `${state}[${index.text}]`;
          const assignment = assignedBy(node);
          if (!assignment) note(node, key, readKind(node), node.endIndex, false);
          else if (assignment.type === 'augmented_assignment') {
            note(node, key, 'check', node.endIndex, false, assignment);
            note(node, key, 'write', assignment.endIndex, false, null, 'claim');
          } else if (!isClearing(assignment.childForFieldName('right'))) {
            note(node, key, 'write', assignment.endIndex, false, null, assignment.childForFieldName('right'));
          }
        },
        comparison_operator(node) {
          const operands = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
          if (operands.length !== 2 || !/^(not\s+)?in$/.test(node.text.slice(operands[0].endIndex - node.startIndex, operands[1].startIndex - node.startIndex).trim())) return;
          const state = sharedStateName(operands[1], model);
          if (state) note(node, `${state}[${operands[0].text}]`, readKind(node), node.endIndex, false);
        },
        attribute(node) {
          if (isReceiver(node)) return;
          const state = sharedStateName(node, model);
          if (!state) return;
          if (assignedBy(node)) noteFieldWrite(node, state);
          else note(node, state, readKind(node), node.endIndex, true);
        },
        identifier(node) {
          // Every identifier of the file comes here: `parent` and its type are read once
          // (what `assignedBy` and `checkGuard` would each read again).
          const parent = node.parent;
          const parentType = parent?.type;
          if (parentType === 'attribute' || parentType === 'keyword_argument') return;
          const assigned = (parentType === 'assignment' || parentType === 'augmented_assignment') && parent?.childForFieldName('left')?.id === node.id;
          if (!assigned && !checkGuardFrom(node, parent)) return;
          if (!ownFunction(node) || !isModuleVariable(node, model)) return;
          if (assigned) noteFieldWrite(node, node.text);
          else note(node, node.text, 'check', node.endIndex, true);
        },
      },
      end() {
        for (const { fn, accesses } of byFunction.values()) {
          conclude(file, model, fn, accesses, (write, check) => {
            // `if pending: return await pending`: the only suspension is on a path that never reaches the write.
            if (!awaitsOnPath(fn, check.pos, write.pos, write.node)) return;
            ctx.report({
              line: write.node.startPosition.row + 1,
              message: `\`${shorten(check.node.text)}\` is checked on line ${check.node.startPosition.row + 1}, then \`${shorten(write.node.text)}\` is written after an \`await\` with no lock: concurrent coroutines can both pass the check.`,
            });
          });
        }
      },
    };
  },
});
