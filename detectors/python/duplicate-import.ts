import { definePyDetector } from '../define.js';
import { byStatement, displayName, importFix } from './shared/import-statements.js';
import { isPythonTestPath } from './shared/python-paths.js';
import { type ImportBinding, scopesOf } from './shared/scopes.js';

/**
 * Test code and fixtures of the import statement itself: grammar tests repeat every import form,
 * bad-syntax fixtures (`badsyntax_future5.py`) and regression tests repeat an import on purpose.
 */
function isTestOrFixture(path: string): boolean {
  return isPythonTestPath(path) || /(^|\/)\w+_tests?\/|(^|\/)(badsyntax_[^/]*|[^/]*test_grammar[^/]*)\.py$/i.test(path);
}

/** What makes two imports the same: the binding they create and what it refers to. */
function keyOf(b: ImportBinding): string {
  return `${b.kind}|${b.module}|${b.imported}|${b.name}`;
}

/**
 * The same binding imported twice in one block of one scope. Imports in different blocks (an
 * `if TYPE_CHECKING:` block, `try/except ImportError` fallbacks, another function) are alternatives
 * or deliberate local imports, not duplicates.
 */
export default definePyDetector({
  meta: {
    id: 'duplicate-import',
    severity: 'high',
    category: 'maintainability',
    description: 'The same name is imported twice from the same module in one scope.',
    recommendation: 'Remove the second import.',
    docs: {
      why: 'A repeated import is dead weight that usually comes from a merge or a copy-paste; when the two copies drift apart (one aliased, one moved), readers cannot tell which binding is in effect. Test files and grammar or bad-syntax fixtures are left alone: they repeat imports on purpose to exercise the import statement.',
      flagged: ['import os\nimport sys\nimport os\n', 'from typing import Any, Dict\nfrom typing import Any\n'],
      ignored: [
        'from typing import Any\nfrom typing import Dict\n',
        'import os\nimport os.path\n',
        'try:\n    import simplejson as json\nexcept ImportError:\n    import json\n',
        'import json\n\ndef f():\n    import json\n    return json\n',
        'from typing import TYPE_CHECKING\nfrom app import models\nif TYPE_CHECKING:\n    from app import models\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      end() {
        if (isTestOrFixture(ctx.file.path)) return;
        const model = scopesOf(ctx.file);
        const first = new Map<string, ImportBinding>();
        const duplicates: Array<[ImportBinding, ImportBinding]> = [];
        for (const b of model.imports) {
          const key = `${b.statement.parent?.id ?? 0}|${keyOf(b)}`;
          const earlier = first.get(key);
          // Re-importing after `del x` or after rebinding `x` restores it: deliberate, not a duplicate.
          const rebound = earlier && (b.scope.bindings.get(b.name) ?? []).some(
            (o) => o !== b && o !== earlier && o.node.startIndex > earlier.node.startIndex && o.node.startIndex < b.node.startIndex,
          );
          if (earlier && !rebound) duplicates.push([b, earlier]);
          else first.set(key, b);
        }
        const earlierOf = new Map(duplicates.map(([b, e]) => [b, e]));
        for (const [statement, bindings] of byStatement(duplicates.map(([b]) => b))) {
          const fix = importFix(ctx.file.lines, statement, bindings);
          const rows = [...new Set(bindings.map((b) => b.node.startPosition.row))];
          for (const row of rows) {
            const here = bindings.filter((b) => b.node.startPosition.row === row);
            const names = here.map((b) => `\`${displayName(b)}\``).join(', ');
            const lines = [...new Set(here.map((b) => (earlierOf.get(b)?.node.startPosition.row ?? 0) + 1))].join(', ');
            const one = here.length === 1;
            ctx.report({
              line: row + 1,
              message: `${names} ${one ? 'is' : 'are'} imported again; already imported on line ${lines}`,
              recommendation: `Remove this second import of ${names}.`,
              ...(fix && row === rows[0] ? { fix } : {}),
            });
          }
        }
      },
    };
  },
});
