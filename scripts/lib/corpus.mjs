// The corpora the scan and the benchmark read: code nobody here wrote, present on any machine after
// `npm ci` (pinned devDependencies) or shipped with the machine's Python. Nothing is committed in bulk.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Packages pinned in devDependencies for the TypeScript corpus: each ships its `src/**\/*.ts`. */
export const TS_PACKAGES = ['rxjs', 'zod', 'mobx', 'immer', '@trpc/server', 'ajv'];

/** Server-side JavaScript packages pinned for the JavaScript corpus. */
export const JS_PACKAGES = ['express', 'ws', 'socket.io', 'axios', 'pg', 'knex'];

const DECLARATION = /\.d\.[mc]?ts$/;

function walk(dir, accept, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(path, accept, out);
    } else if (entry.isFile() && accept(path)) {
      out.push(path);
    }
  }
  return out;
}

/** TypeScript sources (no declaration files) of the pinned packages. */
export function typescriptCorpus(root) {
  return TS_PACKAGES.flatMap((pkg) =>
    walk(join(root, 'node_modules', pkg), (p) => /\.(m|c)?tsx?$/.test(p) && !DECLARATION.test(p), []),
  );
}

/** JavaScript sources of the pinned server packages (no bundles, no minified files). */
export function javascriptCorpus(root) {
  return JS_PACKAGES.flatMap((pkg) =>
    walk(
      join(root, 'node_modules', pkg),
      (p) => /\.(m|c)?js$/.test(p) && !/\.min\.js$/.test(p) && !/[\\/](dist|umd|browser)[\\/]/.test(p) && statSync(p).size < 1_000_000,
      [],
    ),
  );
}

/** The directory of the machine's Python standard library, or null when there is no python3. */
export function pythonStdlib() {
  try {
    return execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Every `.py` file of the standard library (site-packages excluded). */
export function pythonCorpus(stdlib = pythonStdlib()) {
  if (!stdlib) return [];
  return walk(stdlib, (p) => p.endsWith('.py') && !/[\\/]site-packages[\\/]/.test(relative(stdlib, p)) && !relative(stdlib, p).startsWith('site-packages'), []);
}
