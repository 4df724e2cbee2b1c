import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { type Collection, type CollectionUse, collectionsOf, moduleInstances } from './shared/collection-uses.js';
import { isTestFile } from './shared/file-role.js';
import { functionName } from './shared/function-name.js';
import { isAsyncFunction, perEventContext } from './shared/per-event-context.js';

/** Registries fill up once at start-up from a fixed set of keys: growth is bounded by the code, not by traffic. */
const REGISTRY_NAME =
  /(registry|handler|plugin|route|command|hook|listener|middleware|rule|type|schema|codec|format|extension|provider|strateg|factor|validator|parser|serializer|adapter|driver|dialect|definition|decorator|keyword|alias|default|option|config|loader|resolver|transform|visitor|reducer|module|component|directive|symbol|constant|descriptor|metadata)s?$/i;
/** Functions that only run while a program wires itself up. */
const SETUP_FUNCTION = /^(register|define|install|extend|configure|setup|init|initiali[sz]e|bootstrap|plugin|use)([A-Z_]|$)/;
/** Classes whose instances live as long as the process: a field of theirs is long-lived. */
const SERVICE_CLASS = /(Service|Server|Manager|Store|Cache|Pool|Repository|Gateway|Tracker|Monitor|Broker|Hub|Daemon)$/;

/** True when the collection lives as long as the process (module, static field, field of a service or singleton). */
function isLongLived(c: Collection, singletons: Set<string>): boolean {
  if (c.lifetime !== 'field') return !c.exported;
  return c.className !== undefined && (SERVICE_CLASS.test(c.className) || singletons.has(c.className));
}

/** True when the add is made from a function that runs per call (not the constructor, not a set-up function). */
function isRuntimeAdd(use: CollectionUse): boolean {
  if (use.op !== 'add' || !use.fn || ts.isConstructorDeclaration(use.fn)) return false;
  return !SETUP_FUNCTION.test(functionName(use.fn));
}

/**
 * True when traffic drives the add: it is made in an async function (a lookup of data by id) or in a
 * per-event/request handler. A synchronous memo (`loadSql(name)`) is keyed by names fixed in code.
 */
function isTrafficAdd(use: CollectionUse): boolean {
  return use.fn !== undefined && (isAsyncFunction(use.fn) || perEventContext(use.node) !== undefined);
}

/** True when every key added is a literal (`seen.add('ready')`): the set of keys is fixed by the code. */
function literalKeysOnly(adds: CollectionUse[]): boolean {
  return adds.every((use) => {
    const p = use.node.parent;
    const key = use.method === '[]=' && ts.isElementAccessExpression(p) ? p.argumentExpression : ts.isCallExpression(p.parent) ? p.parent.arguments[0] : undefined;
    return key !== undefined && (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key));
  });
}

/** The adds that make `c` an only-growing collection, or undefined when it is bounded or unknown. */
function unboundedAdds(c: Collection, singletons: Set<string>): CollectionUse[] | undefined {
  // Objects used as maps are mostly memos keyed by property or option names, fixed by the code: too unsure.
  if (c.kind === 'object' || !isLongLived(c, singletons) || REGISTRY_NAME.test(c.name)) return undefined;
  // Any delete, clear, size check, reset or escape (passed, returned, exported) bounds it or makes it unknown.
  if (c.uses.some((u) => u.op !== 'add' && u.op !== 'read')) return undefined;
  // `slots[i] = x` on an array overwrites a slot; only `push`/`unshift` make it longer.
  const growing = c.kind === 'array' ? c.uses.filter((u) => u.method !== '[]=') : c.uses;
  const adds = growing.filter(isRuntimeAdd);
  if (adds.length === 0 || adds.length < growing.filter((u) => u.op === 'add').length) return undefined;
  return literalKeysOnly(adds) || !adds.some(isTrafficAdd) ? undefined : adds.filter(isTrafficAdd);
}

const KIND_TEXT = { Map: 'Map', Set: 'Set', array: 'array', object: 'object' } as const;
const LIFETIME_TEXT = { module: 'module-level', static: 'static', field: 'long-lived' } as const;

/** Long-lived Maps, Sets, arrays and objects that are only ever added to. */
export default defineTsDetector({
  meta: {
    id: 'unbounded-collection',
    severity: 'medium',
    category: 'reliability',
    description: 'A long-lived Map, Set or array is only ever added to, so it grows for the life of the process.',
    recommendation: 'Bound it: delete entries when they are done, cap the size (an LRU cache), give entries a time to live, or use a WeakMap keyed by the owner.',
    docs: {
      why: 'A module-level or service-held collection that requests add to and nothing removes from is a memory leak that only shows in production, after days of traffic. Reported only when every use in the file is an add or a read: a `delete`, `clear`, `pop`/`shift`/`splice`, a `size`/`length` check, a reassignment or the collection escaping (exported, passed, returned) means it may be bounded elsewhere. Objects used as maps (mostly memos keyed by property or option names), collections local to a function, fields of ordinary classes (whose instances may be short-lived), WeakMaps, registries (names like `handlers`, `plugins`, `routes`) and adds with literal keys or from constructors and set-up functions (`register*`, `init*`) are left alone.',
      flagged: [
        'const cache = new Map<string, User>();\nexport async function getUser(id: string) {\n  const user = await db.find(id);\n  cache.set(id, user);\n  return user;\n}\n',
        'class SessionService {\n  private sessions = new Map<string, Session>();\n  async open(id: string) {\n    this.sessions.set(id, await load(id));\n  }\n  find(id: string) {\n    return this.sessions.get(id);\n  }\n}\n',
      ],
      ignored: [
        'const cache = new Map<string, User>();\nexport function remember(id: string, u: User) {\n  cache.set(id, u);\n  if (cache.size > 1000) cache.delete(cache.keys().next().value);\n}\n',
        'export function dedupe(ids: string[]) {\n  const seen = new Set<string>();\n  for (const id of ids) seen.add(id);\n  return seen;\n}\n',
        'const handlers = new Map<string, Handler>();\nexport function on(name: string, h: Handler) {\n  handlers.set(name, h);\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestFile(ctx.file.path)) return {};
    return {
      end() {
        const singletons = moduleInstances(ctx.file);
        for (const c of collectionsOf(ctx.file)) {
          const adds = unboundedAdds(c, singletons);
          if (!adds) continue;
          const first = adds[0];
          const where = first.fn ? ` in \`${functionName(first.fn)}\`` : '';
          const method = `\`.${first.method}\``;
          ctx.report({
            line: ctx.file.lineOf(c.declaration.getStart()),
            message: `\`${c.name}\` (${LIFETIME_TEXT[c.lifetime]} ${KIND_TEXT[c.kind]}) is only ever added to (${method}${where}); nothing deletes from, clears or bounds it, so it grows for the life of the process.`,
          });
        }
      },
    };
  },
});
