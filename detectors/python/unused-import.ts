import type { PyNode as Node } from '../define.js';
import { type PyFile, definePyDetector } from '../define.js';
import { byStatement, displayName, importFix, inImportProbe } from './shared/import-statements.js';
import { isPythonTestPath } from './shared/python-paths.js';
import { type ImportBinding, type ScopeModel, scopesOf } from './shared/scopes.js';

/** Modules imported for their side effects only. */
const SIDE_EFFECT_MODULES = new Set(['readline', 'rlcompleter', 'site', 'this', 'antigravity', '__hello__', 'encodings', 'clr']);

/** Names a framework looks up in the module namespace: unittest's protocol and pytest hooks. */
const PROTOCOL_NAME = /^(load_tests|setUpModule|tearDownModule|pytest_\w+)$/;

/** A comment on the import line that says the import is deliberate. */
const DELIBERATE = /#.*\b(noqa|pylint:\s*disable|F401|unused|side[- ]?effects?|register\w*|keep|needed|required)\b/i;

/** A comment just above the import that says the names are kept for importers ("for backwards compatibility"). */
const KEPT_FOR_IMPORTERS = /#.*(backwards?[- ]compat|compatib|re-?export|available (in|from) this module|imported (here )?for|public api|pylint:\s*disable\s*=[\w\s,-]*unused-import|noqa:?\s*F401)/i;

/** `from m.deprecation import DeprecatedX as X`: a deprecated alias kept under its old name for importers. */
const DEPRECATED_ALIAS = /deprecat/i;

/** A header comment saying the file is generated (`# Generated from X.g4 by ANTLR`, `DO NOT EDIT`): not edited by hand. */
const GENERATED = /^#.*(\bgenerated (by|from|with)\b|do not edit|@generated|auto-?generated)/im;

/** True when the comment lines right above `row` say the import is kept for importers. */
function keptForImporters(lines: readonly string[], row: number): boolean {
  for (let r = row - 1; r >= 0 && /^\s*#/.test(lines[r] ?? ''); r--) if (KEPT_FOR_IMPORTERS.test(lines[r] ?? '')) return true;
  return false;
}

/** Names in string type aliases (`_Partial: TypeAlias = 'partial[Any] | partialmethod[Any]'`). */
function typeAliasMentions(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/:\s*[\w.]*TypeAlias\s*=\s*[rRuU]?(['"])([^'"\n]*)\1/g)) {
    for (const id of (m[2] ?? '').matchAll(/[A-Za-z_]\w*/g)) names.add(id[0]);
  }
  return names;
}

/** Package `__init__.py` and `compat.py` files re-export; stubs follow their own import conventions. */
const REEXPORT_PATH = /(^|\/)__init__\.py$|\.pyi$|(^|\/|_|-)compat\.py$|(^|\/)compat\//;

/**
 * Test code, where an import is often the check itself (the module under test must import, an
 * import done up front on purpose), including package test folders (`idlelib/idle_test/`) and
 * bad-syntax fixtures and generated examples (`test-examples/`, `test_data/`).
 */
function isTestCode(path: string): boolean {
  return isPythonTestPath(path) || /(^|\/)(\w+_tests?|tests?[-_][\w-]+)\/|(^|\/)badsyntax_[^/]*\.py$/.test(path);
}

/** A module docstring that says the module exists to re-export ("Just export the old lexers."). */
function saysItReexports(root: Node): boolean {
  const first = root.namedChildren.find((c) => c?.type !== 'comment');
  const doc = first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string' ? first.text : '';
  return /\bexport|compatib|backwards?[- ]compat/i.test(doc);
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'comment', 'pass_statement']);

/** A module that is nothing but imports (and a docstring or `__all__`): a re-export facade. */
function onlyImports(node: Node): boolean {
  return node.namedChildren.every((c) => {
    if (!c || IMPORTS.has(c.type)) return true;
    if (c.type === 'expression_statement') {
      const e = c.namedChild(0);
      return e?.type === 'string' || (e?.type === 'assignment' && /^__\w+__$/.test(e.childForFieldName('left')?.text ?? ''));
    }
    if (['if_statement', 'try_statement', 'block', 'else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(c.type)) {
      return c.namedChildren.every((part) => !part || part.type !== 'block' || onlyImports(part));
    }
    return false;
  });
}

/** Names that are parameters somewhere: pytest injects fixtures imported under those names. */
function parameterNames(model: ScopeModel): Set<string> {
  const names = new Set<string>();
  for (const s of model.scopes) for (const [name, list] of s.bindings) if (list.some((b) => b.kind === 'param')) names.add(name);
  return names;
}

/**
 * `from _ssl import SSLError`, `from ._impl import Public`: public names taken from a private module
 * are the facade idiom (the module exists to re-export them), not leftovers.
 */
function isFacadeImport(b: ImportBinding): boolean {
  const last = b.module.split('.').at(-1) ?? '';
  return b.kind === 'from-import' && last.startsWith('_') && !b.name.startsWith('_');
}

/**
 * `from _lzma import _encode_filter_properties`, `from subprocess import _args_from_interpreter_flags`:
 * a private name imported under its own name makes it an attribute of this module for sibling
 * modules (`zipfile` reads `lzma._encode_filter_properties`). Aliasing a name to a private one
 * (`import islice as _islice`) is not that idiom and stays reported.
 */
function isPrivateReexport(b: ImportBinding): boolean {
  return b.kind === 'from-import' && b.imported.startsWith('_') && !b.imported.startsWith('__') && b.name === b.imported;
}

/**
 * `from sysconfig import (_PREFIX as PREFIX, ..., get_makefile_filename)`: a statement that publishes
 * private names under public ones is a list of re-exports, so every name it imports is one.
 */
function publishesPrivateNames(statement: Node): boolean {
  if (statement.type !== 'import_from_statement') return false;
  return statement.childrenForFieldName('name').some((n) => {
    if (n.type !== 'aliased_import') return false;
    const name = n.childForFieldName('name')?.text ?? '';
    const alias = n.childForFieldName('alias')?.text ?? '';
    return name.startsWith('_') && !name.startsWith('__') && !alias.startsWith('_');
  });
}

/** Inside an `if` or `try` of its own scope: one of alternative definitions. */
function conditional(node: Node): boolean {
  for (let a = node.parent; a; a = a.parent) {
    if (a.type === 'function_definition' || a.type === 'class_definition') return false;
    if (a.type === 'if_statement' || a.type === 'try_statement') return true;
  }
  return false;
}

/**
 * The module picks a definition of the name for its importers: `from .wrappers import FunctionWrapper`
 * then `try: from ._wrappers import FunctionWrapper except ImportError: pass` (wrapt), `if
 * sys.version_info >= (3, 8): from types import CellType else: CellType = ...` (cloudpickle), or
 * platform alternatives under `if`/`else`.
 */
function switchesImplementation(b: ImportBinding): boolean {
  const others = (b.scope.bindings.get(b.name) ?? []).filter((o) => o !== b && o.kind !== 'del' && o.kind !== 'global');
  if (others.length === 0) return false;
  const branchy = (n: Node): boolean => conditional(n) || inImportProbe(n);
  return branchy(b.statement) || others.some((o) => branchy(o.node));
}

/**
 * `with warnings.catch_warnings(): import x`: an import made directly in a `with` block is done under
 * the context manager on purpose (silencing a deprecation, checking it imports), like a `try` probe.
 */
function inWithBlock(statement: Node): boolean {
  const block = statement.parent;
  return block?.type === 'block' && block.parent?.type === 'with_statement';
}

/**
 * `import a.b` whose submodule is reached through another name (`import a as x` then `x.b`, or
 * `mpl = importorskip("matplotlib")` then `mpl.collections`): the import loads `a.b`.
 */
function loadsSubmodule(b: ImportBinding, text: string): boolean {
  const [, sub] = b.imported.split('.');
  if (b.kind !== 'import' || !sub || b.name !== b.imported.split('.')[0]) return false;
  const access = new RegExp(`\\.${sub}\\b`);
  return text.split('\n').some((line) => !/^\s*(import|from)\s/.test(line) && access.test(line));
}

/** A function whose body is only imports: an import smoke test (`def test_imports(): import x`). */
function inImportOnlyFunction(statement: Node): boolean {
  const block = statement.parent;
  if (block?.type !== 'block' || block.parent?.type !== 'function_definition') return false;
  return block.namedChildren.every((s) => !s || IMPORTS.has(s.type) || (s.type === 'expression_statement' && s.namedChild(0)?.type === 'string'));
}

/** `with pytest.raises(ImportError): import x`: the import is the action under test. */
function insideRaisesBlock(statement: Node): boolean {
  const block = statement.parent;
  const owner = block?.parent;
  if (block?.type !== 'block' || owner?.type !== 'with_statement') return false;
  return /raises|Raises|warns|Warns/.test(owner.namedChildren.find((c) => c?.type === 'with_clause')?.text ?? '');
}

function isUnused(model: ScopeModel, b: ImportBinding, file: PyFile, params: Set<string>, aliased: Set<string>): boolean {
  const lines = file.lines;
  // `from io import __all__`: dunder names are read by the import machinery, not by code.
  if (b.kind === 'future-import' || b.reexport || b.scope.kind === 'class' || /^__\w+__$/.test(b.name)) return false;
  if (model.isUsed(b) || params.has(b.name) || PROTOCOL_NAME.test(b.name) || isFacadeImport(b) || loadsSubmodule(b, file.text)) return false;
  if (insideRaisesBlock(b.statement) || inImportOnlyFunction(b.statement) || inWithBlock(b.statement)) return false;
  if (isPrivateReexport(b) || publishesPrivateNames(b.statement) || switchesImplementation(b)) return false;
  if (aliased.has(b.name) || keptForImporters(lines, b.statement.startPosition.row)) return false;
  if (b.kind === 'from-import' && b.imported !== b.name && DEPRECATED_ALIAS.test(`${b.module}.${b.imported}`)) return false;
  if (SIDE_EFFECT_MODULES.has(b.imported.split('.')[0]) && b.kind === 'import') return false;
  if (DELIBERATE.test(lines[b.node.startPosition.row] ?? '') || DELIBERATE.test(lines[b.statement.startPosition.row] ?? '')) return false;
  return !inImportProbe(b.statement);
}

const quoted = (names: string[]): string => names.map((n) => `\`${n}\``).join(', ');

/** An imported name that nothing in the module reads. */
export default definePyDetector({
  meta: {
    id: 'unused-import',
    severity: 'low',
    category: 'maintainability',
    description: 'An imported name is never used in the module.',
    recommendation: 'Remove the unused import.',
    docs: {
      why: 'Unused imports slow start-up, can create import cycles and hide which dependencies a module really has. Uses in annotations, string annotations, type comments, decorators and `__all__` count, and so does a class body reading the name before binding its own (`policy = policy.default`). Package `__init__.py` files, `import x as x` re-exports, private names imported under their own name (`from _lzma import _encode_filter_properties`, attributes for sibling modules), `__future__` imports, imports guarded by `try: ... except ImportError:` or made inside a `with` block, alternative definitions of a name (`if`/`else`, `try` fallbacks), imports under a comment that says they are kept for importers ("for backwards compatibility", `# pylint: disable=unused-import`), deprecated aliases (`from m.deprecation import DeprecatedX as X`), generated files and test files are left alone.',
      flagged: ['import os\nimport sys\n\nprint(sys.argv)\n', 'from typing import List, Optional\n\ndef f(x: Optional[int]) -> int:\n    return x or 0\n'],
      ignored: [
        'from __future__ import annotations\nimport os\nprint(os.sep)\n',
        'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.models import User\n\ndef name(u: "User") -> str:\n    return u.name\n',
        'try:\n    import ujson as json\nexcept ImportError:\n    json = None\n',
        'from .models import User as User\n',
        'import helpers\n\n__all__ = ["helpers", "run"]\n\ndef run():\n    pass\n',
        'from email import policy\n\nclass Settings:\n    policy = policy.default\n',
        'from _lzma import *\nfrom _lzma import _encode_filter_properties\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      end() {
        const { file } = ctx;
        if (REEXPORT_PATH.test(file.path) || isTestCode(file.path)) return;
        if (GENERATED.test(file.lines.slice(0, 10).join('\n'))) return;
        const model = scopesOf(file);
        // Broken trees hide uses; eval/exec/globals()/locals()/vars()/dir() read names dynamically.
        if (model.hasErrors || model.dynamicCalls.size > 0) return;
        if (onlyImports(file.tree.rootNode) || saysItReexports(file.tree.rootNode)) return;
        const params = parameterNames(model);
        const aliased = typeAliasMentions(file.text);
        const unused = model.imports.filter((b) => isUnused(model, b, file, params, aliased));
        for (const [statement, bindings] of byStatement(unused)) {
          const single = statement.startPosition.row === statement.endPosition.row;
          const rows = [...new Set(bindings.map((b) => b.node.startPosition.row))];
          for (const row of rows) {
            const names = bindings.filter((b) => b.node.startPosition.row === row).map(displayName);
            const fix = single ? importFix(file.lines, statement, bindings) : undefined;
            ctx.report({
              line: row + 1,
              message: `${quoted(names)} ${names.length === 1 ? 'is' : 'are'} imported but never used`,
              recommendation: names.length === 1 ? `Remove the unused import of \`${names[0]}\`.` : `Remove the unused imports ${quoted(names)}.`,
              ...(fix ? { fix } : {}),
            });
          }
        }
      },
    };
  },
});
