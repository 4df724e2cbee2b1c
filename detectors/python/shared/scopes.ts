/**
 * The binding model of a Python module (see `scope-model.ts`), built once per file and shared
 * through `file.memo` by every detector that needs it (undefined-name, unused-import, ...).
 */
import type { PyFile } from '../../define.js';
import { ScopeBuilder } from './scope-builder.js';
import type { ScopeModel } from './scope-model.js';
import { collectTypeComments } from './scope-strings.js';

export * from './scope-model.js';

/** Builds the model: one pass, then `global` names become module bindings. */
function buildScopes(file: PyFile): ScopeModel {
  const root = file.tree.rootNode;
  const builder = new ScopeBuilder(root);
  builder.pushChildren(root, builder.model.module, 'load');
  const model = builder.run();
  const module = model.module;
  for (const scope of model.scopes) {
    if (scope === module) continue;
    for (const name of scope.globals) {
      // `global x` binds `x` in the module even when only assigned (or never assigned) here.
      const moved = scope.bindings.get(name) ?? [];
      scope.bindings.delete(name);
      for (const b of moved) b.scope = module;
      const merged = [...(module.bindings.get(name) ?? []), ...moved];
      module.bindings.set(name, merged.length ? merged : [{ name, kind: 'global', node: scope.node, scope: module }]);
    }
  }
  collectTypeComments(file.text, model.softUses);
  // Python 2 idioms that still parse as Python 3: `d.iteritems()`, `d.has_key(k)`, `ur""`, `10L`, `a <> b`.
  if (/\.(iteritems|itervalues|iterkeys|has_key)\(|\bur["']|\b\d+L\b|\s<>\s/.test(file.text)) model.python2 = true;
  // `IntEnum._convert_(..., __name__)`, `@enum.global_enum` and `sys.modules[__name__]` write module names at run time.
  if (/sys\.modules\[__name__\]|\._convert_?\(|\bglobal_enum\b/.test(file.text)) model.writesNamespace = true;
  model.uses.sort((a, b) => a.node.startIndex - b.node.startIndex);
  return model;
}

/** The module's binding model, computed once per file. */
export function scopesOf(file: PyFile): ScopeModel {
  return file.memo('python/scopes', () => buildScopes(file));
}
