/**
 * Which Node.js (or npm) module a name is bound to: `import fs from 'node:fs'`, `const cp = require('child_process')`,
 * `import { readFileSync } from 'fs'`. Module names are normalised without the `node:` prefix.
 */
import { ts } from 'ts-morph';
import { resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';

/** `node:fs` → `fs`, `fs/promises` stays. */
export function normaliseModule(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

/** The module `id` is imported or required from, or undefined (local value, global, unknown). */
export function moduleOf(id: ts.Identifier): string | undefined {
  const binding = resolveBinding(id);
  if (binding?.moduleName) return normaliseModule(binding.moduleName);
  // `const fsp = require('fs').promises` / `require('fs/promises')` through a member.
  const init = binding?.initializer ? unwrap(binding.initializer) : undefined;
  if (init && ts.isPropertyAccessExpression(init)) {
    const inner = unwrap(init.expression);
    if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'require') {
      const arg = inner.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) return normaliseModule(arg.text);
    }
  }
  return undefined;
}

/** True when `id` is bound to one of `modules`, or is unbound and literally named one of `names` (a global-ish `fs`). */
export function boundToModule(id: ts.Identifier, modules: ReadonlySet<string>, names: ReadonlySet<string> = new Set()): boolean {
  const module = moduleOf(id);
  if (module !== undefined) return modules.has(module);
  return resolveBinding(id) === undefined && names.has(id.text);
}
