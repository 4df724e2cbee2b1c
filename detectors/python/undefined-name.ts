import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { PY2_BUILTINS, PY_BUILTINS, STDLIB_FROM_IMPORTS, STDLIB_MODULES } from './shared/builtins.js';
import { isPythonTestPath } from './shared/python-paths.js';
import { type Scope, type ScopeModel, enclosing, scopesOf } from './shared/scopes.js';

/**
 * `_` is installed into builtins by `gettext.install()` and by Django/IPython shells, `get_ipython`
 * by IPython and Jupyter: using them unbound is deliberate, so they are never reported.
 */
const INSTALLED_BY_RUNTIME = new Set(['_', 'get_ipython', '__IPYTHON__']);

/** Test folders named after their package (`idlelib/idle_test/`) and grammar or bad-syntax fixtures. */
const TEST_LIKE_PATH = /(^|\/)\w+_tests?\/|(^|\/)badsyntax_[^/]*\.py$/;

/**
 * Test code (a test run raises the NameError anyway, and tests provoke NameError on purpose) and
 * `.pyi` stubs (never executed; type checkers supply names such as `reveal_type`).
 */
function skipped(path: string): boolean {
  return path.endsWith('.pyi') || isPythonTestPath(path) || TEST_LIKE_PATH.test(path);
}

/**
 * Names the module installs into builtins at run time: `builtins.name = ...`,
 * `__builtins__["name"] = ...`, `setattr(builtins, "name", ...)`, and the `names=[...]` that
 * `gettext.install(...)` / `translation.install(...)` adds beside `_`.
 */
function installedBuiltins(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b__builtins?__\s*\.\s*(\w+)\s*=[^=]|\bbuiltins\s*\.\s*(\w+)\s*=[^=]|\b__builtins__\s*\[\s*['"](\w+)['"]\s*\]\s*=[^=]|\bsetattr\(\s*(?:__)?builtins(?:__)?\s*,\s*['"](\w+)['"]/g)) {
    names.add(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  }
  for (const m of text.matchAll(/\.install\([^)]*?\bnames\s*=\s*[[(]([^\])]*)[\])]/g)) {
    for (const q of (m[1] ?? '').matchAll(/['"](\w+)['"]/g)) names.add(q[1] ?? '');
  }
  return names;
}

/** Exception names whose handler makes "the name may be missing" an expected case. */
const NAME_ERROR_CATCHERS = /\b(NameError|Exception|BaseException)\b/;

/** True inside `try:` whose handlers catch NameError (`try: unicode except NameError: ...`). */
function guardedByNameError(node: Node): boolean {
  let child: Node = node;
  for (let a = node.parent; a; child = a, a = a.parent) {
    if (a.type !== 'try_statement' || a.childForFieldName('body')?.id !== child.id) continue;
    for (const handler of a.namedChildren) {
      if (handler?.type !== 'except_clause') continue;
      const caught = handler.childForFieldName('value');
      if (!caught || NAME_ERROR_CATCHERS.test(caught.text)) return true;
    }
  }
  return false;
}

/**
 * True on a Python 2 code path: under a condition that tests the version (`if PY2:`), or in the
 * `except ImportError:` fallback of a Python 3 import.
 */
function versionGuarded(node: Node): boolean {
  for (let a = node.parent; a; a = a.parent) {
    if (a.type === 'except_clause' && /\b(ImportError|ModuleNotFoundError|NameError)\b/.test(a.childForFieldName('value')?.text ?? '')) return true;
    if (a.type === 'if_statement' || a.type === 'elif_clause' || a.type === 'conditional_expression') {
      const condition = a.type === 'conditional_expression' ? a.namedChild(1) : a.childForFieldName('condition');
      if (condition && VERSION_TEST.test(condition.text)) return true;
    }
    if (a.type === 'else_clause' && a.parent) {
      const condition = a.parent.childForFieldName('condition');
      if (condition && VERSION_TEST.test(condition.text)) return true;
    }
  }
  return false;
}

/** `__future__` features only Python 2 compatible code needs. */
const PY2_FUTURES = new Set(['print_function', 'unicode_literals', 'absolute_import', 'division', 'with_statement', 'generators', 'nested_scopes']);

/** A condition about the Python version: `sys.version_info`, `PY2`, `six.PY3`, `not python3`. */
const VERSION_TEST = /version|\bpy_?[23]\b|python_?[23]|\bsix\b|PY_?[23]/i;

/** `# noqa`, `# noqa: F821`, `# type: ignore[name-defined]`: the author already looked at this line. */
const ACKNOWLEDGED = /#\s*noqa(?!:)|#\s*noqa:[^#]*\bF82|type:\s*ignore\[[^\]]*name-defined|pylint:\s*disable\s*=[\w\s,-]*undefined-variable/i;

/** True when the line of `row`, or the comment lines right above it, silence the check. */
function acknowledged(lines: readonly string[], row: number): boolean {
  if (ACKNOWLEDGED.test(lines[row] ?? '')) return true;
  for (let r = row - 1; r >= 0 && /^\s*#/.test(lines[r] ?? ''); r--) if (ACKNOWLEDGED.test(lines[r] ?? '')) return true;
  return false;
}

/**
 * Configuration files that traitlets (Jupyter, JupyterHub, IPython) runs with `c` and
 * `get_config` already in their namespace: `jupyterhub_config.py`, `jupyterhub_config.d/x.py`.
 */
const TRAITLETS_CONFIG = /(^|\/)\w+_config(\.py$|\.d\/[^/]+\.py$)/;
const TRAITLETS_NAMES = new Set(['c', 'get_config', 'load_subconfig']);

/**
 * Names a plugin loader sets on the module, known from the module declaring where the loader gets
 * them (`supported_languages_url`, `_fetch_supported_languages`: searx engines).
 */
function loaderFed(model: ScopeModel, name: string): boolean {
  const declared = model.module.bindings;
  return declared.has(`${name}_url`) || declared.has(`_fetch_${name}`) || declared.has(`fetch_${name}`);
}

/** Whether `a` and `b` are one edit apart (a likely typo), for "did you mean" advice. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 3) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const [x, y] = [a.slice(i), b.slice(i)];
  return x.slice(1) === y.slice(1) || x.slice(1) === y || x === y.slice(1) || (x[0] === y[1] && x[1] === y[0] && x.slice(2) === y.slice(2));
}

/** A bound or builtin name one edit away from `name`, visible from `scope`. */
function nearestName(model: ScopeModel, name: string, scope: Scope): string | undefined {
  const candidates: string[] = [];
  for (let s: Scope | null = scope; s; s = enclosing(s)) candidates.push(...s.bindings.keys());
  candidates.push(...PY_BUILTINS);
  return candidates.sort().find((c) => oneEditApart(name, c) && model.lookup(c, scope) !== null);
}

function adviceFor(model: ScopeModel, name: string, scope: Scope): string {
  if (STDLIB_MODULES.has(name)) return `Add \`import ${name}\` at the top of the module.`;
  const from = STDLIB_FROM_IMPORTS.get(name);
  if (from) return `Add \`from ${from} import ${name}\` at the top of the module.`;
  const near = nearestName(model, name, scope);
  if (near) return `Did you mean \`${near}\`? Otherwise import or define \`${name}\` before it is used.`;
  return `Import or define \`${name}\`, or correct the name if it is a typo.`;
}

/** A name that no scope binds and that is not a builtin: a NameError waiting for its code path. */
export default definePyDetector({
  meta: {
    id: 'undefined-name',
    severity: 'critical',
    category: 'reliability',
    description: 'A name is used but never bound, imported or builtin in the module.',
    recommendation: 'Import or define the name, or correct its spelling.',
    docs: {
      why: 'Python resolves names only when the line runs: a missing import or a misspelt name passes every check until that code path raises NameError in production. The check follows Python\'s scoping rules (functions, classes, comprehensions, `global`/`nonlocal`, builtins) and stays silent in modules that use `from x import *`, contain syntax errors, or are Python 2, and in test files (the test run raises the NameError itself, and tests provoke it on purpose) and `.pyi` stubs. Names the module installs into builtins (`builtins.x = ...`, `gettext.install(names=[...])`) count as defined, and so do `c`/`get_config` in traitlets configuration files (`jupyterhub_config.py`) and the attributes a plugin loader sets (a module that binds `x_url` or `_fetch_x` and reads `x`, as searx engines do: lower-case names read inside its functions). `# noqa: F821` and `# pylint: disable=undefined-variable` on the line or in the comment just above it are honoured.',
      flagged: [
        'async def poll():\n    await asyncio.sleep(1)\n',
        'class Cache:\n    size = 10\n\n    def grow(self):\n        return size * 2\n',
        'def total(items):\n    return sum(item.price for item in itmes)\n',
      ],
      ignored: [
        'import asyncio\n\nasync def poll():\n    await asyncio.sleep(1)\n',
        'def main():\n    return helper()\n\ndef helper():\n    return 1\n',
        'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.models import User\n\ndef name(u: "User") -> str:\n    return u.name\n',
        'try:\n    import ujson as json\nexcept ImportError:\n    import json\n',
        'from os.path import *\nprint(join("a", "b"))\n',
        'import gettext\ngettext.install("app", names=["ngettext"])\nprint(ngettext("file", "files", 2))\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      end() {
        if (skipped(ctx.file.path)) return;
        const model = scopesOf(ctx.file);
        // A star import or `globals()` writes can bind anything; broken trees and Python 2 have other rules.
        if (model.starImport || model.writesNamespace || model.hasErrors || model.python2) return;
        const reported = new Set<string>();
        const installed = installedBuiltins(ctx.file.text);
        if (TRAITLETS_CONFIG.test(ctx.file.path)) for (const n of TRAITLETS_NAMES) installed.add(n);
        // One name fed by a plugin loader makes the module a plugin: the loader's other attributes
        // (read only inside functions, lower case) are not reported either.
        const fed = model.uses.some((u) => model.resolve(u) === null && loaderFed(model, u.name));
        // Several Python 2 builtins used unguarded, or `from __future__ import print_function`:
        // Python 2 (compatible) source that happens to parse as Python 3.
        const py2 = new Set(model.uses.filter((u) => PY2_BUILTINS.has(u.name) && model.resolve(u) === null).map((u) => u.name));
        const py2Compatible = py2.size > 1 || model.imports.some((b) => b.kind === 'future-import' && PY2_FUTURES.has(b.imported));
        const lazyAnnotations = model.imports.some((b) => b.kind === 'future-import' && b.imported === 'annotations');
        for (const use of model.uses) {
          const name = use.name;
          // Annotations of function locals (and all of them under `from __future__ import annotations`)
          // are never evaluated: a type checker's business, not a NameError.
          if (use.kind === 'local-annotation' || (use.kind === 'annotation' && lazyAnnotations)) continue;
          if (reported.has(name) || INSTALLED_BY_RUNTIME.has(name) || installed.has(name)) continue;
          if (model.resolve(use) !== null) continue;
          if (guardedByNameError(use.node) || acknowledged(ctx.file.lines, use.node.startPosition.row)) continue;
          if (fed && use.scope.kind !== 'module' && /^[a-z]\w*$/.test(name) && !STDLIB_MODULES.has(name)) continue;
          if (PY2_BUILTINS.has(name) && (py2Compatible || versionGuarded(use.node))) continue;
          reported.add(name);
          ctx.report({
            line: use.node.startPosition.row + 1,
            column: use.node.startPosition.column + 1,
            message: `\`${use.node.text}\` is used but never imported or defined`,
            recommendation: adviceFor(model, use.node.text, use.scope),
          });
        }
      },
    };
  },
});
