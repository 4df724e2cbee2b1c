/**
 * The load-time import edges of a module: each import statement with the repository files it
 * loads, for TypeScript/JavaScript and Python alike.
 */
import { moduleLevelImports } from './py-imports.js';
import { resolvePyImport, resolveTsImport } from './resolve-module.js';
import { runtimeImports } from './ts-imports.js';

/** Which module system a file belongs to. */
export type Family = 'ts' | 'py';

/** An import statement and the repository files it loads. */
export interface Edge {
  what: string;
  line: number;
  endLine: number;
  /** The line that must be added for the import to count as new. */
  keyLine: number;
  targets: string[];
}

/** The module system of a source file; undefined for declarations, stubs and other files. */
export function familyOf(path: string): Family | undefined {
  if (path.endsWith('.d.ts') || path.endsWith('.pyi')) return undefined;
  if (/\.[cm]?[jt]sx?$/.test(path)) return 'ts';
  return path.endsWith('.py') ? 'py' : undefined;
}

/**
 * Every load-time import of a module with its resolved targets; with `deferred`, also the imports
 * that run on call (inside functions, dynamic `import()` of a literal path).
 */
export function edgesOfText(path: string, text: string, paths: ReadonlySet<string>, options: { deferred?: boolean } = {}): Edge[] {
  if (familyOf(path) === 'ts') {
    return runtimeImports(path, text, options).map((imp) => {
      const target = resolveTsImport(path, imp.specifier, paths);
      return { what: `'${imp.specifier}'`, line: imp.line, endLine: imp.endLine, keyLine: imp.specifierLine, targets: target && target !== path ? [target] : [] };
    });
  }
  return moduleLevelImports(text, options).map((imp) => ({
    what: imp.names.length ? `${'.'.repeat(imp.level)}${imp.module} import ${imp.names.join(', ')}` : imp.module,
    line: imp.line,
    endLine: imp.endLine,
    keyLine: imp.line,
    targets: resolvePyImport(path, imp, paths),
  }));
}
