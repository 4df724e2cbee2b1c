/**
 * "Does this long-lived collection only grow, one entry per request/connection/object?" The
 * judgement of unbounded-collection, shared with global-mutable-state so one collection is never
 * reported twice for the same code.
 */
import type { PyNode as Node } from '../../define.js';
import { ADDING } from './collection-mentions.js';
import { reachingValues } from './local-values.js';
import { type LongLived, type OwnedMention, ownerName, registersAtImport } from './long-lived-values.js';
import type { ScopeModel } from './scopes.js';

/** Methods that only read a dict, set or list. */
const READING = new Set(['get', 'keys', 'values', 'items', 'copy', 'count', 'index', '__contains__', 'issubset', 'issuperset', 'union', 'intersection', 'difference', 'isdisjoint', 'most_common']);

/** A key fixed by the code (`d["name"] = v`): a struct-like dict, bounded by its keys. */
function constantKey(mention: OwnedMention): boolean {
  const key = mention.node.parent?.childForFieldName('subscript');
  return !!key && ['string', 'integer', 'true', 'false', 'none'].includes(key.type);
}

/**
 * Names of per-entity values: a new one arrives with every request, connection or object
 * (`session_id`, `conn`, `request`, `url`, `fid = id(frame)`). A key from a small fixed domain
 * (an encoding name, a type, a level) bounds a cache in practice; these do not.
 */
const ENTITY = /(^|_)(request|req|session|sess|user|client|conn|connection|socket|sock|ws|websocket|peer|addr|address|ip|url|uri|token|job|task|message|msg|event|order|txn|transaction|uuid)s?$|id$/i;
/** Ids of things there are only a handful of (`service_id`, `type_id`, `region_id`): a bounded domain. */
const SMALL_DOMAIN = /(service|type|kind|class|level|category|status|state|lang|locale|region|format|encoding|codec|family|version|plugin|backend|provider)_?ids?$/i;
/** Calls whose result is new on every call: `id(obj)`, `uuid4()`, `time.time()`, `next(counter)`. */
const FRESH_CALL = /^(id|uuid\d?|uuid\.\w+|time\.(time|monotonic|perf_counter)\w*|next)$/;

const freshCall = (node: Node | null | undefined): boolean => node?.type === 'call' && FRESH_CALL.test(node.childForFieldName('function')?.text ?? '');

/** `id(frame)`, or `fid` assigned from `id(frame)` in the same function. */
function freshKey(key: Node | null, model: ScopeModel): boolean {
  if (freshCall(key)) return true;
  if (key?.type !== 'identifier') return false;
  const values = reachingValues(key, key, model);
  return values.length > 0 && values.every((v) => freshCall(v.value));
}

/**
 * Instance collections whose name says they index things as a side effect (a cache, what was seen,
 * live sessions): unlike a backend's store of created resources, nothing asks for them to grow.
 */
const AUXILIARY = /cache|memo|seen|visited|history|pending|sessions|connections|clients|subscribers|listeners|waiters|authenticated/i;

/** True when `node` is (or contains, for a tuple key) a per-entity value. */
function perEntity(node: Node | null, tuples: boolean): boolean {
  if (!node) return false;
  const isTuple = node.type === 'tuple' || node.type === 'expression_list' || node.type === 'parenthesized_expression';
  if (isTuple) return tuples && node.namedChildren.some((c) => perEntity(c, tuples));
  if (node.type === 'call') return FRESH_CALL.test(node.childForFieldName('function')?.text ?? '');
  const name = node.type === 'attribute' ? node.childForFieldName('attribute')?.text ?? '' : node.type === 'identifier' ? node.text : '';
  return ENTITY.test(name) && !SMALL_DOMAIN.test(name);
}

/** The key (dicts) or element (lists, sets) an add puts in. */
function addedKey(m: OwnedMention): Node | null {
  if (m.kind === 'setitem') return m.node.parent?.childForFieldName('subscript') ?? null;
  const args = m.call?.childForFieldName('arguments')?.namedChildren.filter((a) => a && a.type !== 'comment' && a.type !== 'keyword_argument') ?? [];
  return (m.method === 'insert' ? args[1] : args[0]) ?? null;
}

/**
 * Methods whose job is to store what the caller hands over (`create_snapshot`, `add_user`): the
 * object is a store and its callers decide how much it holds. Leaks hide in side effects of other
 * work (`lookup`, `handle`, `wrap_frame`), not in an explicit API for adding.
 */
const STORE_METHOD = /^_*(create|add|put|register|new|insert|set|import|define|declare|tag|save|store)(_|$)/i;

/**
 * Adds that repeat at run time with a new entity each time (not at import time or in `__init__`).
 * A list appended with records (`events.append((frame, event))`) is a log of what happened: only an
 * entity itself appended counts, and only to module-level lists. An object may be short-lived or a
 * deliberate store (`self.snapshots[snapshot_id] = s` in a mock backend), so an instance collection
 * counts only when keyed by a fresh identity (`id(frame)`) or named as a side index (`self._cache`).
 */
function growing(m: OwnedMention, found: LongLived, importTime: ReadonlySet<string>, model: ScopeModel): boolean {
  if (!m.owner || registersAtImport(m.owner) || ownerName(m.owner) === '__init__' || importTime.has(ownerName(m.owner))) return false;
  if (m.kind === 'setitem' && constantKey(m)) return false;
  if (m.kind !== 'setitem' && !(m.kind === 'call' && ADDING.has(m.method ?? '') && m.method !== 'update' && m.method !== 'extend')) return false;
  const keyed = m.kind === 'setitem' || m.method === 'setdefault' || m.method === 'add';
  const key = addedKey(m);
  if (!found.key.startsWith('self.')) return perEntity(key, keyed);
  if (!keyed || STORE_METHOD.test(ownerName(m.owner))) return false;
  return freshKey(key, model) || (AUXILIARY.test(found.key) && perEntity(key, true));
}

/** Anything that removes, resets, measures or hands the collection over: it may be bounded. */
function mayShrink(m: OwnedMention): boolean {
  if (m.kind === 'read' || m.kind === 'setitem') return false;
  if (m.kind === 'call') return !ADDING.has(m.method ?? '') && !READING.has(m.method ?? '');
  return true;
}

/**
 * The add that proves unbounded growth (in a run-time function, with a per-entity key), or
 * undefined when nothing does or some mention may shrink, measure or hand over the collection.
 */
export function unboundedGrowth(found: LongLived, importTime: ReadonlySet<string>, model: ScopeModel): OwnedMention | undefined {
  if (found.mentions.some(mayShrink)) return undefined;
  return found.mentions.find((m) => growing(m, found, importTime, model));
}
