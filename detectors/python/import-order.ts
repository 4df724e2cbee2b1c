import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import type { Fix } from '../../src/types.js';
import { STDLIB_MODULES } from './shared/stdlib-modules.js';

/** isort's default sections, in order. First-party needs the repository: unknown modules count as third party. */
type Section = 0 | 1 | 2 | 3;
const SECTION_NAMES = ['`__future__`', 'standard library', 'third party', 'local'] as const;
const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

interface ImportLine {
  node: Node;
  section: Section;
  module: string;
}

/** The module an import statement names first (`os.path` → `os.path`, `from . import x` → `.`). */
function moduleOf(statement: Node): string {
  if (statement.type === 'future_import_statement') return '__future__';
  if (statement.type === 'import_from_statement') return statement.childForFieldName('module_name')?.text ?? '';
  const first = statement.childForFieldName('name');
  return (first?.type === 'aliased_import' ? first.childForFieldName('name')?.text : first?.text) ?? '';
}

/**
 * The isort section of a module name, or null when unknown: `__main__` and private `_x` modules
 * outside the list are interpreter or extension internals that no list places reliably.
 */
function sectionOf(module: string): Section | null {
  if (module === '__future__') return 0;
  if (module.startsWith('.')) return 3;
  const top = module.split('.')[0];
  if (STDLIB_MODULES.has(top)) return 1;
  return top.startsWith('_') ? null : 2;
}

/** Runs of module-level import statements with nothing but comments and blank lines between them. */
function importBlocks(root: Node): ImportLine[][] {
  const blocks: ImportLine[][] = [];
  let current: ImportLine[] = [];
  for (const child of root.namedChildren) {
    if (!child) continue;
    if (IMPORT_TYPES.has(child.type)) {
      const module = moduleOf(child);
      const section = sectionOf(module);
      if (section !== null) current.push({ node: child, section, module });
    } else if (child.type !== 'comment') {
      if (current.length) blocks.push(current);
      current = [];
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/**
 * Rewrites a block grouped by section (relative order kept inside each, one blank line between
 * sections), when every statement is one line and no comment sits inside the block.
 */
function groupingFix(block: ImportLine[], lines: readonly string[], root: Node): Fix | undefined {
  const first = block[0].node.startPosition.row;
  const last = block[block.length - 1].node.endPosition.row;
  if (block.some((i) => i.node.startPosition.row !== i.node.endPosition.row || i.node.startPosition.column !== 0)) return undefined;
  const within = root.namedChildren.filter((c) => c !== null && c.startPosition.row >= first && c.startPosition.row <= last);
  // A comment, or an import of no known section, inside the run: regrouping could move or drop it.
  if (within.length !== block.length || block.some((i) => /;|#/.test(lines[i.node.startPosition.row] ?? ''))) return undefined;
  const groups: string[][] = [[], [], [], []];
  for (const i of block) groups[i.section].push(lines[i.node.startPosition.row] ?? '');
  const replacement = groups.filter((g) => g.length > 0).map((g) => g.join('\n')).join('\n\n');
  return { line: first + 1, endLine: last + 1, replacement };
}

/** Imports not grouped `__future__` → standard library → third party → local, as isort's default profile orders them. */
export default definePyDetector({
  meta: {
    id: 'import-order',
    severity: 'low',
    category: 'maintainability',
    description: 'Module imports not grouped `__future__` → standard library → third party → local, as isort\'s default profile orders them.',
    recommendation: 'Group the imports: `__future__`, then the standard library, then third-party packages, then local (relative) imports, each group separated by a blank line (`isort` does it).',
    docs: {
      why: 'Grouped imports show at a glance what a module depends on from outside the project and what from inside it, and keep diffs of import blocks small; isort and ruff\'s `I` rules enforce the same order. The rule looks at each run of module-level imports (comments and blank lines between them allowed; imports in `try`, `if` or functions are left alone, as isort leaves them) and reports once per file, at the first import that belongs to an earlier group than one above it. Sections follow isort\'s default profile: `__future__`, the standard library (a fixed list of Python 3 module names), third party, local. `__main__` and private modules outside the list (`_testcapi`) are not judged. A per-file check cannot see the repository\'s own top-level packages, so an absolute import of a first-party package counts as third party (isort would put it in its own FIRSTPARTY section after third party): only relative imports are known to be local. Order inside a group (alphabetical) is not judged. The fix regroups a run of one-line imports with no comments in it, keeping the order inside each group.',
      flagged: [
        'import requests\nimport os\n',
        'from .models import User\nimport json\n',
        'import os\nfrom __future__ import annotations\n',
      ],
      ignored: [
        'from __future__ import annotations\n\nimport os\nimport sys\n\nimport requests\n\nfrom .models import User\n',
        'import requests\n\ntry:\n    import ujson as json\nexcept ImportError:\n    import json\n',
        'import requests\n\nVALUE = 1\n\nimport os\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      enter: {
        module(root) {
          for (const block of importBlocks(root)) {
            let highest: ImportLine | undefined;
            for (const item of block) {
              if (highest && item.section < highest.section) {
                const fix = groupingFix(block, ctx.file.lines, root);
                ctx.report({
                  line: item.node.startPosition.row + 1,
                  message: `\`${item.module}\` (${SECTION_NAMES[item.section]}) is imported after \`${highest.module}\` (${SECTION_NAMES[highest.section]}): imports should go __future__ → standard library → third party → local.`,
                  ...(fix ? { fix } : {}),
                });
                return;
              }
              if (!highest || item.section > highest.section) highest = item;
            }
          }
        },
      },
    };
  },
});
