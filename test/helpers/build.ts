/**
 * Jest global setup: the CLI tests run the built binary, so `dist/` must match the sources. Compiles
 * with tsc once per run, unless the build is already newer than every source file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['src', 'detectors'];
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const BUILT_ENTRY = 'dist/src/cli/main.js';

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') ? info.mtimeMs : 0;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0);
}

function isFresh(rootDir: string): boolean {
  const entry = join(rootDir, BUILT_ENTRY);
  if (!existsSync(entry)) return false;
  const sources = [...SOURCE_DIRS, ...BUILD_INPUTS].map((p) => join(rootDir, p)).filter(existsSync);
  return Math.max(...sources.map(newestMtime)) < statSync(entry).mtimeMs;
}

/** Builds `dist/` with `tsc -p tsconfig.build.json` when it is missing or stale. */
export default function buildOnce(_globalConfig: unknown, projectConfig: { rootDir: string }): void {
  const { rootDir } = projectConfig;
  if (isFresh(rootDir)) return;
  const tsc = join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: rootDir, stdio: 'pipe' });
  } catch (error) {
    // tsc still emits on type errors; `npm test` type-checks first, so report and go on.
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    process.stderr.write(`\nbuild (tsc -p tsconfig.build.json) reported errors:\n${output}\n`);
    if (!existsSync(join(rootDir, BUILT_ENTRY))) throw new Error(`${BUILT_ENTRY} was not built`, { cause: error });
  }
}
