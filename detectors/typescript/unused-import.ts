import { ts } from 'ts-morph';
import type { Fix } from '../../src/types.js';
import { documentOrderOf } from '../../src/analysis/parse-typescript.js';
import { type TsFile, defineTsDetector } from '../define.js';
import { isBuildOutput } from './shared/generated-code.js';
import { type EsImport, importsOf } from './shared/imports.js';

const { Identifier: IDENTIFIER, JsxElement: JSX_ELEMENT, JsxSelfClosingElement: JSX_SELF_CLOSING_ELEMENT, JsxFragment: JSX_FRAGMENT } = ts.SyntaxKind;

/** Names a JSX transform may reference implicitly (classic runtime, Preact's `h`). */
const JSX_FACTORIES = new Set(['React', 'h', 'jsx', 'Fragment', 'createElement']);

/** True when `id` is certainly not a reference to a binding (a member name, a property key, an import's own name). */
function isNonReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isImportClause(p) || ts.isImportSpecifier(p) || ts.isNamespaceImport(p) || ts.isImportEqualsDeclaration(p)) return true;
  if (ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) return (ts.isPropertyAccessExpression(p) ? p.name : p.right) === id;
  if (ts.isJsxAttribute(p)) return p.name === id;
  return (
    (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p) || ts.isEnumMember(p)) &&
    p.name === id
  );
}

/**
 * Which of the `imported` names the file references, and whether it has JSX, read from its nodes in
 * document order. Stops early once every imported name is used (JSX then no longer matters).
 */
function references(sourceFile: ts.SourceFile, imported: ReadonlySet<string>): { used: Set<string>; hasJsx: boolean } {
  const used = new Set<string>();
  let hasJsx = false;
  const { nodes, kinds } = documentOrderOf(sourceFile);
  for (let i = 0; i < kinds.length && used.size < imported.size; i++) {
    const kind = kinds[i];
    if (kind === IDENTIFIER) {
      const id = nodes[i] as ts.Identifier;
      const text = id.text;
      if (imported.has(text) && !used.has(text) && !isNonReference(id)) used.add(text);
    } else if (kind === JSX_ELEMENT || kind === JSX_SELF_CLOSING_ELEMENT || kind === JSX_FRAGMENT) {
      hasJsx = true;
    }
  }
  return { used, hasJsx };
}

/** Every binding an import declares. */
function bindingsOf(imp: EsImport): ts.Identifier[] {
  return [...(imp.defaultName ? [imp.defaultName] : []), ...(imp.namespace ? [imp.namespace] : []), ...imp.named.map((e) => e.name)];
}

/** Words mentioned in JSDoc blocks (`@type {Foo}`, `{@link Foo}`, `@jsx h`): counted as uses. */
function jsDocWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const block of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) for (const w of block.match(/[A-Za-z_$][\w$]*/g) ?? []) words.add(w);
  return words;
}

/** The declaration rewritten without `unused`, or '' when nothing is left; undefined when not mechanical. */
function fixFor(file: TsFile, imp: EsImport, unused: Set<ts.Identifier>): Fix | undefined {
  const node = imp.node;
  const lineText = file.lines[imp.line - 1];
  if (imp.line !== imp.endLine || lineText.trim() !== node.getText()) return undefined;
  const all = bindingsOf(imp);
  if (all.every((b) => unused.has(b))) return { line: imp.line, endLine: imp.line, replacement: '' };
  if (!ts.isImportDeclaration(node) || !node.importClause) return undefined;
  const parts: string[] = [];
  if (imp.defaultName && !unused.has(imp.defaultName)) parts.push(imp.defaultName.text);
  if (imp.namespace && !unused.has(imp.namespace)) parts.push(`* as ${imp.namespace.text}`);
  const kept = imp.named.filter((e) => !unused.has(e.name)).map((e) => e.getText());
  const spaced = /\{\s/.test(node.importClause.getText());
  if (kept.length > 0) parts.push(spaced ? `{ ${kept.join(', ')} }` : `{${kept.join(', ')}}`);
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const typePrefix = node.importClause.isTypeOnly ? 'type ' : '';
  const attributes = node.attributes ? ` ${node.attributes.getText()}` : '';
  const semicolon = node.getText().endsWith(';') ? ';' : '';
  const replacement = `${indent}import ${typePrefix}${parts.join(', ')} from ${node.moduleSpecifier.getText()}${attributes}${semicolon}`;
  return { line: imp.line, endLine: imp.line, replacement };
}

/**
 * True when the file's only import is what makes it a module in which `declare global` /
 * `declare module 'x'` augment rather than declare: removing it would change their meaning.
 */
function importMakesModule(file: TsFile, importCount: number): boolean {
  if (importCount !== 1) return false;
  const statements = file.sourceFile.statements;
  const augments = statements.some(
    (s) => ts.isModuleDeclaration(s) && (ts.isStringLiteral(s.name) || (s.flags & ts.NodeFlags.GlobalAugmentation) !== 0),
  );
  const exported = statements.some(
    (s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
  return augments && !exported;
}

const quoted = (names: string[]): string => names.map((n) => `\`${n}\``).join(', ');

/** Imported names never referenced in the file. */
export default defineTsDetector({
  meta: {
    id: 'unused-import',
    severity: 'low',
    category: 'maintainability',
    description: 'An imported name is never used in the file.',
    recommendation: 'Remove the unused import.',
    docs: {
      why: 'Unused imports are noise for readers, keep dead dependencies alive and can load modules (and their side effects) for nothing. Uses in type positions, JSX, re-exports and JSDoc count; side-effect imports, the classic `React` import of JSX files and bundled or built output (which keeps imports its source used only as types) are left alone.',
      flagged: [
        "import { readFile, writeFile } from 'node:fs/promises';\nexport const load = (p: string) => readFile(p, 'utf8');\n",
        "import path from 'node:path';\nexport const x = 1;\n",
      ],
      ignored: [
        "import './polyfills.js';\n",
        "import type { Config } from './config.js';\nexport function load(): Config {\n  return {} as Config;\n}\n",
        "import * as fs from 'node:fs';\nexport const read = (p: string) => fs.readFileSync(p);\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Bundlers keep imports whose names were only used as types in the source (seen in directus' dist/).
    if (isBuildOutput(ctx.file)) return {};
    const { imports } = importsOf(ctx.file);
    /** The names the imports bind: only uses of these are recorded. */
    const imported = new Set(imports.flatMap((imp) => (imp.sideEffect ? [] : bindingsOf(imp).map((id) => id.text))));
    if (imported.size === 0) return {};
    const jsxFile = /\.[jt]sx$/i.test(ctx.file.path);
    let used = new Set<string>();
    let hasJsx = false;

    // JSDoc words need a scan of the whole text: only done when some import is not otherwise used.
    let docWords: Set<string> | undefined;
    function unusedIn(imp: EsImport): ts.Identifier[] {
      return bindingsOf(imp).filter((id) => {
        if (used.has(id.text)) return false;
        docWords ??= jsDocWords(ctx.file.text);
        if (docWords.has(id.text)) return false;
        return !((jsxFile || hasJsx) && JSX_FACTORIES.has(id.text));
      });
    }

    return {
      end() {
        ({ used, hasJsx } = references(ctx.file.sourceFile, imported));
        const makesModule = importMakesModule(ctx.file, imports.length);
        for (const imp of imports) {
          if (imp.sideEffect) continue;
          const unused = unusedIn(imp);
          if (unused.length === 0 || (makesModule && unused.length === bindingsOf(imp).length)) continue;
          const names = unused.map((id) => id.text);
          const lines = unused.map((id) => ctx.file.lineOf(id.getStart()));
          const fix = fixFor(ctx.file, imp, new Set(unused));
          const verb = names.length === 1 ? 'is' : 'are';
          ctx.report({
            line: Math.min(...lines),
            endLine: Math.max(...lines),
            message: `${quoted(names)} ${verb} imported from '${imp.specifier}' but never used.`,
            recommendation: fix?.replacement === '' ? `Remove the import of '${imp.specifier}'.` : `Remove ${quoted(names)} from the import.`,
            ...(fix ? { fix } : {}),
          });
        }
      },
    };
  },
});
