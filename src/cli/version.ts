/** The package version, read from the package.json above this module (in src/ or dist/). */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version of the pr-reviewer package this module belongs to. */
export async function packageVersion(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest: unknown = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      const { name, version } = manifest as { name?: unknown; version?: unknown };
      if (name === 'pr-reviewer' && typeof version === 'string') return version;
    } catch {
      // No package.json at this level (or not ours): keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
