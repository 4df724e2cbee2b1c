import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { unboundedGrowth } from './shared/collection-growth.js';
import { emptyCollection } from './shared/collection-mentions.js';
import { type LongLived, type OwnedMention, attributeCollector, calledAtImport, instanceValues, moduleValues, ownerName } from './shared/long-lived-values.js';
import { isPythonMigrationPath, isPythonTestDoublePath, isPythonTestPath } from './shared/python-paths.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';

/** Modules of fakes named as such (`fakeredis.py`, `mock_backend.py`): test doubles, short-lived. */
const FAKE_MODULE = /(^|\/)(fake|mock)[^/]*\.py$/i;

/** `self._cache[key] = ...` in `lookup()` — the add that shows the growth. */
function describeAdd(m: OwnedMention, key: string): string {
  const where = `in \`${ownerName(m.owner) || 'a lambda'}()\``;
  return m.kind === 'setitem' ? `\`${key}[...] = ...\` ${where}` : `\`${key}.${m.method}(...)\` ${where}`;
}

const KIND: Record<string, string> = { dict: 'dict', list: 'list', set: 'set' };

function inLoop(node: Node, stop: Node): boolean {
  for (let a = node.parent; a && a.id !== stop.id; a = a.parent) if (a.type === 'for_statement' || a.type === 'while_statement') return true;
  return false;
}

/**
 * Functions that run once when the program starts: those the module calls at import (`main()`
 * under `if __name__ == "__main__":`) and, transitively, the module functions they call by name
 * outside a loop (`main()` → `initialize()`).
 */
function calledAtStart(model: ScopeModel, importTime: ReadonlySet<string>): Set<string> {
  const out = new Set(importTime);
  const defs = model.module.bindings;
  for (let grew = true; grew; ) {
    grew = false;
    for (const use of model.uses) {
      if (out.has(use.name) || use.scope.kind !== 'function' || use.scope.parent?.kind !== 'module') continue;
      if (!out.has(use.scope.node.childForFieldName('name')?.text ?? '') || !defs.get(use.name)?.some((b) => b.kind === 'def')) continue;
      const call = use.node.parent;
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== use.node.id || inLoop(call, use.scope.node)) continue;
      out.add(use.name);
      grew = true;
    }
  }
  return out;
}

/** Long-lived dicts, sets and lists that code only ever adds to. */
export default definePyDetector({
  meta: {
    id: 'unbounded-collection',
    severity: 'medium',
    category: 'reliability',
    description: 'A module-level or instance dict/set/list that gets one entry per request, connection or object and that nothing ever removes from.',
    recommendation: 'Remove entries when they are done (`pop` on disconnect/logout), or bound it (`cachetools.TTLCache`, `functools.lru_cache(maxsize=...)`, `collections.deque(maxlen=...)`).',
    docs: {
      why: 'A dict of sessions, a set of seen URLs or a table of objects by `id()` that is added to on every call and never emptied is a memory leak with a delay: it passes every test and takes a long-running server down after days. Reported only when (1) the collection lives as long as the process (module level) or its object (`self.x` set in `__init__`); (2) a run-time function adds to it under a per-entity key or element: a name such as `session_id`, `conn`, `request`, `url`, `user`, anything ending in `id` (except ids of small domains such as `service_id`, `type_id`), or `id(...)`, `uuid4()`, `time.time()`; for an instance collection, the key must be a fresh identity (`id(frame)`, directly or through a local) or the collection must be named as a side index (`_cache`, `seen`, `sessions`, `connections`, `clients`, `pending`, ...); and (3) every mention is visible and none can shrink it: no `del`, `pop`, `clear`, `discard`, `remove`, reassignment, `len()` check, and no escape (passed to a call, returned, aliased) after which other code could. Deliberately not reported: caches keyed by values from a small domain (an encoding name, a type, a log level: bounded in practice, and the key domain cannot be known statically), lists of records appended to instance attributes (parsers and recorders collecting results live only as long as their job), instance stores filled by an explicit API (`create_*`, `add_*`, `put_*`, `register_*`, `set_*`, `save_*`...: the object is the store and its callers decide what it holds), tests, fakes and migrations (`tests/`, `fake_*.py`, `alembic/`, `migrations/`), adds at import time or in functions run once at start (called from `main()` under `if __name__ == "__main__":`, outside a loop), in `__init__`, in decorators, `register*()` helpers and functions the module calls at import, constant keys (`d["name"] = v`), `functools.lru_cache` and local variables.',
      flagged: [
        '_sessions = {}\n\ndef login(session_id, user):\n    _sessions[session_id] = user\n',
        'class Tracker:\n    def __init__(self):\n        self.seen = set()\n\n    def visit(self, url):\n        self.seen.add(url)\n',
      ],
      ignored: [
        '_sessions = {}\n\ndef login(session_id, user):\n    _sessions[session_id] = user\n\ndef logout(session_id):\n    _sessions.pop(session_id, None)\n',
        '_cache = {}\n\ndef codec(name):\n    if name not in _cache:\n        _cache[name] = lookup(name)\n    return _cache[name]\n',
        'def unique(items):\n    seen = set()\n    for i in items:\n        seen.add(i)\n    return seen\n',
        '_handlers = {}\n\ndef handler(fn):\n    _handlers[fn.__name__] = fn\n    return fn\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Tests, test doubles and migrations run in a test process or once, never for days.
    const path = ctx.file.path;
    if (isPythonTestPath(path) || isPythonTestDoublePath(path) || FAKE_MODULE.test(path) || isPythonMigrationPath(path)) return {};
    const attributes = attributeCollector();
    const report = (found: LongLived, what: string, importTime: ReadonlySet<string>): void => {
      const add = unboundedGrowth(found, importTime, scopesOf(ctx.file));
      if (!add) return;
      ctx.report({
        line: add.node.startPosition.row + 1,
        endLine: (add.call ?? add.node.parent ?? add.node).endPosition.row + 1,
        message: `${what} \`${found.key}\` (line ${found.target.startPosition.row + 1}) is only ever added to (${describeAdd(add, found.key)}): nothing removes entries, so it grows for the life of the ${found.key.startsWith('self.') ? 'object' : 'process'}`,
      });
    };
    const accept = (value: Node): boolean => emptyCollection(value) !== null;
    return {
      enter: { function_definition: attributes.enterDef, attribute: attributes.attribute, assignment: attributes.assignment },
      exit: { function_definition: attributes.leaveDef },
      end() {
        const modules = moduleValues(ctx.file, accept);
        const instances = instanceValues(attributes.index, accept);
        if (modules.length === 0 && instances.length === 0) return;
        const importTime = calledAtStart(scopesOf(ctx.file), calledAtImport(ctx.file));
        for (const found of modules) report(found, `Module-level ${KIND[emptyCollection(found.value) ?? 'dict']}`, importTime);
        for (const found of instances) report(found, `Instance ${KIND[emptyCollection(found.value) ?? 'dict']}`, importTime);
      },
    };
  },
});
