/**
 * Resolves import specifiers to files of the repository, by the rules the runtimes use: relative
 * TypeScript/JavaScript imports with their extensions and index files, and Python absolute and
 * relative imports against the package roots. Anything else (packages, path aliases) is unknown.
 */
import { posix } from 'node:path';
import type { PyImport } from './py-imports.js';

const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** An ESM import names the emitted file; the source may be its TypeScript twin. */
const TS_TWINS: Readonly<Record<string, string[]>> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** The repository file a relative TS/JS specifier loads, or undefined (a package, an alias, missing). */
export function resolveTsImport(from: string, specifier: string, paths: ReadonlySet<string>): string | undefined {
  if (!/^\.\.?(\/|$)/.test(specifier)) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (base.startsWith('..')) return undefined;
  const ext = posix.extname(base);
  const candidates: string[] = [];
  if (TS_EXTENSIONS.includes(ext)) candidates.push(...(TS_TWINS[ext] ?? []).map((twin) => base.slice(0, -ext.length) + twin), base);
  candidates.push(...TS_EXTENSIONS.map((e) => base + e), ...TS_EXTENSIONS.map((e) => `${base}/index${e}`));
  return candidates.find((c) => paths.has(c) && !c.endsWith('.d.ts'));
}

/** The directories Python may import top-level packages from, for a file at `importer`. */
export function pythonRoots(importer: string, paths: ReadonlySet<string>): string[] {
  let dir = posix.dirname(importer);
  // Up through the packages (directories with __init__.py): their parent is on sys.path.
  while (dir !== '.' && paths.has(`${dir}/__init__.py`)) dir = posix.dirname(dir);
  const roots = [dir === '.' ? '' : `${dir}/`, '', 'src/'];
  return [...new Set(roots)];
}

/** The file of dotted module `name` under `root`: `a/b.py` or `a/b/__init__.py`. */
function moduleFile(root: string, name: string, paths: ReadonlySet<string>): string | undefined {
  const stem = root + name.split('.').join('/');
  if (paths.has(`${stem}.py`)) return `${stem}.py`;
  if (paths.has(`${stem}/__init__.py`)) return `${stem}/__init__.py`;
  return undefined;
}

/** The package directory a relative import starts from (`.` = the importer's package), or undefined above the root. */
function relativeBase(importer: string, level: number): string | undefined {
  let dir = posix.dirname(importer);
  for (let i = 1; i < level; i++) {
    if (dir === '.') return undefined;
    dir = posix.dirname(dir);
  }
  return dir === '.' ? '' : `${dir}/`;
}

/**
 * The repository files one import statement loads: for `from m import x`, the submodule `m.x` when
 * there is one, else `m` itself. Unknown modules (standard library, packages) resolve to nothing.
 */
export function resolvePyImport(importer: string, imp: PyImport, paths: ReadonlySet<string>): string[] {
  const roots = imp.level > 0 ? [relativeBase(importer, imp.level)].filter((r): r is string => r !== undefined) : pythonRoots(importer, paths);
  const found = new Set<string>();
  for (const root of roots) {
    if (imp.names.length === 0) {
      const file = moduleFile(root, imp.module, paths);
      if (file) found.add(file);
    } else {
      const prefix = imp.module ? `${imp.module}.` : '';
      for (const name of imp.names) {
        const file = (name !== '*' ? moduleFile(root, prefix + name, paths) : undefined) ?? (imp.module ? moduleFile(root, imp.module, paths) : paths.has(`${root}__init__.py`) ? `${root}__init__.py` : undefined);
        if (file) found.add(file);
      }
    }
    if (found.size > 0) break;
  }
  found.delete(importer);
  return [...found].sort();
}
