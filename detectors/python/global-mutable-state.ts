import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { unboundedGrowth } from './shared/collection-growth.js';
import { ADDING, REMOVING } from './shared/collection-mentions.js';
import { type OwnedMention, calledAtImport, moduleValues, ownerName, registersAtImport } from './shared/long-lived-values.js';
import { scopesOf } from './shared/scopes.js';

/** Constructors of mutable containers. */
const MUTABLE_CALLS = /^(dict|list|set|bytearray|defaultdict|OrderedDict|Counter|deque|collections\.(defaultdict|OrderedDict|Counter|deque))$/;
/** Methods that change a container in place. */
const MUTATING = new Set([...ADDING, ...REMOVING, 'sort', 'reverse', '__setitem__', '__delitem__']);

/** A dict/list/set display or a container constructor: a module-level value functions can change. */
function mutableValue(value: Node): boolean {
  if (['dictionary', 'list', 'set'].includes(value.type)) return true;
  return value.type === 'call' && MUTABLE_CALLS.test(value.childForFieldName('function')?.text ?? '');
}

/** `x[k] = v`, `del x[k]`, `x.append(...)`: the module-level value changes in place. */
const mutates = (m: OwnedMention): boolean => m.kind === 'setitem' || m.kind === 'delitem' || (m.kind === 'call' && MUTATING.has(m.method ?? ''));

/**
 * Functions whose job is module state: test-module fixtures, and PEP 562 module `__getattr__`,
 * which computes a lazy module attribute once and caches it with `global`.
 */
const MODULE_STATE_FUNCTIONS = new Set(['setUpModule', 'tearDownModule', 'setup_module', 'teardown_module', '__getattr__']);

/** A `def` being walked: its `global` statements and the names they rebind. */
interface Frame {
  def: Node;
  globals: Array<{ statement: Node; names: string[] }>;
  /** Names assigned, and whether every assignment so far sat under an `if` testing the name. */
  assigned: Map<string, boolean>;
  /** Every name of the function's `global` statements. */
  declared: Set<string>;
  /**
   * An `if` testing one of those names was met (enclosing or earlier): assignments after it are lazy
   * initialisation or memoisation (`if _x is None: _x = ...`, `if _x is not None: return _x`), not resets.
   */
  tested: boolean;
}

const mentionsName = (text: string, name: string): boolean => new RegExp(`(^|[^\\w.])${name}\\b`).test(text);

function targetNames(target: Node | null, out: string[]): string[] {
  if (!target) return out;
  if (target.type === 'identifier') out.push(target.text);
  else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression', 'tuple', 'list'].includes(target.type)) {
    for (const c of target.namedChildren) targetNames(c, out);
  }
  return out;
}

/** `global` rebinding and module-level containers changed from functions: state shared by every caller. */
export default definePyDetector({
  meta: {
    id: 'global-mutable-state',
    severity: 'medium',
    category: 'maintainability',
    enabledByDefault: false,
    description: 'A function rebinds a module-level name through `global`, or changes a module-level dict/list/set in place.',
    recommendation: 'Keep the state in an object passed to the code that needs it (or a context variable), so callers, threads and tests do not share it by accident.',
    docs: {
      why: 'Off by default: on application code (Debian-packaged Python services: OpenStack, Mailman, Buildbot, searx...) 18 of 20 sampled findings were process-wide state kept on purpose, which a careful reviewer reads as intended: services set up and reset their singletons in `init()`/`setup_policy()`/`reset()`/`cleanup()` (the oslo pattern), keep a memo or a registry (`suffix_cache[key] = ...`, `_pools[name] = pool`), swap a collector in a context manager, or run once as a migration or an example; narrowing those away would drop the very shape the rule is about (a `configure()` writing module settings). It is for libraries that must stay re-entrant. Module-level state changed by functions is shared by every caller, every thread and every test of the process: results depend on call order, tests leak into each other, and two requests racing on it corrupt it. Not reported: lazy initialisation and memoisation (a `global` name assigned only after or under an `if` that tests one of the function\'s global names, such as `if _client is None:` or `if _x is not None: return _x`), module fixtures (`setUpModule`/`tearDownModule`, pytest\'s `setup_module`/`teardown_module`), a module `__getattr__` caching a lazy attribute (PEP 562), dunders (`global __doc__`), `global` names only read, names and containers set at import time (module-level code, functions the module calls at top level or in a class body or applies as decorators, decorators returning what they were given, `register*()` helpers), `__all__` and other dunders, and module-level objects that are not plain containers (`logging.getLogger(...)`, compiled patterns, locks). A container that only grows per request is reported by `unbounded-collection` instead, never by both.',
      flagged: [
        'count = 0\n\ndef hit():\n    global count\n    count += 1\n',
        '_settings = {}\n\ndef configure(**kwargs):\n    _settings.update(kwargs)\n',
      ],
      ignored: [
        '_client = None\n\ndef client():\n    global _client\n    if _client is None:\n        _client = connect()\n    return _client\n',
        'ROUTES = {}\n\ndef route(fn):\n    ROUTES[fn.__name__] = fn\n    return fn\n',
        'import logging\n\nlogger = logging.getLogger(__name__)\n\ndef quiet():\n    logger.setLevel(logging.ERROR)\n',
        '__all__ = []\n\ndef export(fn):\n    __all__.append(fn.__name__)\n    return fn\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const frames: Frame[] = [];
    const top = (): Frame | undefined => frames[frames.length - 1];
    const assign = (names: string[]): void => {
      const frame = top();
      // Most functions declare no `global`: nothing to track there.
      if (!frame || frame.globals.length === 0) return;
      for (const name of names) {
        if (frame.declared.has(name)) frame.assigned.set(name, (frame.assigned.get(name) ?? true) && frame.tested);
      }
    };
    const condition = (node: Node): void => {
      const frame = top();
      if (!frame || frame.globals.length === 0 || frame.tested) return;
      const text = node.childForFieldName('condition')?.text ?? '';
      frame.tested = [...frame.declared].some((g) => mentionsName(text, g));
    };
    const leaveDef = (): void => {
      const frame = frames.pop();
      // Test-module fixtures and module `__getattr__` exist to set module state.
      if (!frame || frame.globals.length === 0 || MODULE_STATE_FUNCTIONS.has(ownerName(frame.def))) return;
      // Module initialisation split into a function the module calls at import (`_default_mime_types()`).
      if (frame.def.parent?.type === 'module' && calledAtImport(ctx.file).has(ownerName(frame.def))) return;
      for (const { statement, names } of frame.globals) {
        // Only a name this function rebinds outside a lazy `if x is None:` initialisation counts.
        // A function replacing itself on first call (`global pager; pager = getpager()`) picks an
        // implementation once: lazy dispatch, not state.
        const rebound = names.filter((n) => frame.assigned.get(n) === false && !/^__\w+__$/.test(n) && n !== ownerName(frame.def));
        if (rebound.length === 0) continue;
        const shown = rebound.map((n) => `\`${n}\``).join(', ');
        ctx.report({
          line: statement.startPosition.row + 1,
          message: `\`${ownerName(frame.def)}()\` rebinds module-level ${shown} through \`global\`: state shared by every caller, thread and test`,
        });
      }
    };
    return {
      enter: {
        function_definition(def) {
          frames.push({ def, globals: [], declared: new Set(), assigned: new Map(), tested: false });
        },
        global_statement(statement) {
          const names = statement.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c?.text ?? '');
          const frame = top();
          if (!frame) return;
          frame.globals.push({ statement, names });
          for (const n of names) frame.declared.add(n);
        },
        if_statement: condition,
        elif_clause: condition,
        assignment(node) {
          assign(targetNames(node.childForFieldName('left'), []));
        },
        augmented_assignment(node) {
          assign(targetNames(node.childForFieldName('left'), []));
        },
        for_statement(node) {
          assign(targetNames(node.childForFieldName('left'), []));
        },
      },
      exit: { function_definition: leaveDef },
      end() {
        const values = moduleValues(ctx.file, mutableValue);
        if (values.length === 0) return;
        const importTime = calledAtImport(ctx.file);
        for (const found of values) {
          if (/^__\w+__$/.test(found.key)) continue;
          const change = found.mentions.find((m) => mutates(m) && m.owner !== null && !registersAtImport(m.owner) && !importTime.has(ownerName(m.owner)));
          // One collection, one finding: unbounded growth is the more specific problem.
          if (!change || unboundedGrowth(found, importTime, scopesOf(ctx.file))) continue;
          ctx.report({
            line: change.node.startPosition.row + 1,
            message: `\`${ownerName(change.owner) || 'a lambda'}()\` changes module-level \`${found.key}\` (line ${found.target.startPosition.row + 1}) in place: state shared by every caller, thread and test`,
          });
        }
      },
    };
  },
});
