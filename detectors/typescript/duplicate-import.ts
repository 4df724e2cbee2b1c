import { ts } from 'ts-morph';
import type { Fix } from '../../src/types.js';
import { type TsFile, defineTsDetector } from '../define.js';
import { type EsImport, importsOf } from './shared/imports.js';

/** A plain `import { a, b } from 'x';` alone on its line (the only shape merged mechanically). */
function mergeable(file: TsFile, imp: EsImport): boolean {
  const node = imp.node;
  if (!ts.isImportDeclaration(node) || node.attributes || imp.defaultName || imp.namespace || imp.typeOnly) return false;
  if (imp.named.length === 0 || imp.line !== imp.endLine) return false;
  return file.lines[imp.line - 1].trim() === node.getText();
}

/** One import with the named elements of both, replacing the two adjacent lines. */
function mergeFix(file: TsFile, first: EsImport, second: EsImport): Fix | undefined {
  if (second.line !== first.endLine + 1 || !mergeable(file, first) || !mergeable(file, second)) return undefined;
  const elements = [...new Set([...first.named, ...second.named].map((e) => e.getText()))];
  const node = first.node as ts.ImportDeclaration;
  const text = node.getText();
  const indent = /^\s*/.exec(file.lines[first.line - 1])?.[0] ?? '';
  const inner = /\{\s/.test(text) ? ` ${elements.join(', ')} ` : elements.join(', ');
  const semicolon = text.endsWith(';') ? ';' : '';
  return { line: first.line, endLine: second.line, replacement: `${indent}import {${inner}} from ${node.moduleSpecifier.getText()}${semicolon}` };
}

/**
 * Value imports that could be one declaration: not type-only, not side-effect only, not namespaces,
 * not `import x = require()` (a CommonJS form that cannot be merged with an ES import).
 */
function isValueImport(imp: EsImport): boolean {
  return ts.isImportDeclaration(imp.node) && !imp.typeOnly && !imp.sideEffect && !imp.namespace;
}

/** The `__esModule` marker tsc and Babel put in the CommonJS they emit from ES modules. */
const COMPILED_COMMONJS = /Object\.defineProperty\(exports, ["']__esModule["']|exports\.__esModule\s*=/;

/** The same module imported by two declarations (or two top-level `require` bindings). */
export default defineTsDetector({
  meta: {
    id: 'duplicate-import',
    severity: 'high',
    category: 'maintainability',
    description: 'The same module is imported by two import declarations in one file.',
    recommendation: 'Import everything from the module in one declaration.',
    docs: {
      why: 'Two imports of one module usually come from a merge or an auto-import and hide each other: a reader sees half the names, and edits (removing one import, renaming) go half done. `import type` next to a value import, side-effect imports, namespace imports and dynamic `import()` are legitimate and not reported; nor are repeated `require`s in compiled CommonJS (the `__esModule` marker), where tsc and Babel emit one per `import`.',
      flagged: [
        "import { readFile } from 'node:fs/promises';\nimport { writeFile } from 'node:fs/promises';\n",
        "const path = require('path');\nconst { join } = require('path');\n",
      ],
      ignored: [
        "import type { Config } from './config.js';\nimport { loadConfig } from './config.js';\n",
        "import './polyfills.js';\nimport { ready } from './polyfills.js';\n",
        "import * as fs from 'node:fs';\nimport { readFileSync } from 'node:fs';\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    function reportImports(imports: EsImport[]): void {
      const bySpecifier = new Map<string, EsImport[]>();
      for (const imp of imports.filter(isValueImport)) {
        bySpecifier.set(imp.specifier, [...(bySpecifier.get(imp.specifier) ?? []), imp]);
      }
      for (const [specifier, group] of bySpecifier) {
        const [first, ...rest] = group;
        for (const imp of rest) {
          const fix = group.length === 2 ? mergeFix(ctx.file, first, imp) : undefined;
          ctx.report({
            line: imp.line,
            endLine: imp.endLine,
            message: `'${specifier}' is already imported on line ${first.line}; this second import declaration repeats it.`,
            recommendation: `Merge the two imports of '${specifier}' into one declaration.`,
            ...(fix ? { fix } : {}),
          });
        }
      }
    }

    return {
      enter: {
        SourceFile() {
          const { imports, requires } = importsOf(ctx.file);
          reportImports(imports);
          // tsc and Babel turn each `import` into its own `require` (`const db_1 = require('x'); const db_2 = require('x');`
          // for a type and a value import): in compiled CommonJS the repeats are the compiler's, not the author's.
          if (ctx.file.text.includes('__esModule') && COMPILED_COMMONJS.test(ctx.file.text)) return;
          const seen = new Map<string, { line: number; names: string }>();
          for (const r of requires) {
            const names = r.names.join(',');
            const earlier = seen.get(r.specifier);
            if (!earlier) {
              seen.set(r.specifier, { line: r.line, names });
            } else if (earlier.names !== names) {
              ctx.report({
                line: r.line,
                message: `'${r.specifier}' is already required on line ${earlier.line}; this second \`require\` binds it again.`,
                recommendation: `Require '${r.specifier}' once and take every name from that binding.`,
              });
            }
          }
        },
      },
    };
  },
});
