/**
 * The Source of `pr-reviewer scan PATH...`: whole files, every line counts as changed. Directories
 * are walked for files an analyser reads; paths are relative to the current directory.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { languageOf } from '../analysis/language.js';
import { DEFAULT_IGNORES } from '../config/defaults.js';
import { SourceError } from '../errors.js';
import type { ChangeSet, ChangedFile, RepoListing, SkippedFile, Source } from '../types.js';
import { listScannedPaths } from './list-files.js';
import { allLines, readTextFile } from './text-file.js';

/** What to scan, and the directory paths are relative to. */
export interface ScanSourceOptions {
  /** Directory the paths are given relative to, and reported relative to. */
  cwd: string;
  /** Files and directories to scan. */
  paths: readonly string[];
}

/** Directories never walked into: dependencies, build output, caches, virtual environments. */
const PRUNED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'vendor', 'third_party', 'coverage', '__pycache__', 'venv', 'site-packages']);

const ignoredByDefault = picomatch([...DEFAULT_IGNORES], { dot: true });

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Files under `dir`, sorted, skipping pruned and hidden directories (`.git`, `.venv`, ...) and files
 * no analyser reads (they would only crowd the "not analysed" list).
 */
async function walk(dir: string, cwd: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = join(dir, entry.name);
    // Symbolic links are not followed: they can leave the tree or loop.
    if (entry.isDirectory()) {
      if (!PRUNED_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(absolute, cwd, out);
    } else if (entry.isFile()) {
      // Glob patterns cannot match a leading `../`, so they see the path below it.
      const path = toPosix(relative(cwd, absolute)).replace(/^(\.\.\/)+/, '');
      if (languageOf(path) && !ignoredByDefault(path)) out.push(absolute);
    }
  }
}

/** Expands the given paths into absolute file paths, in argument order then walk order. */
async function expandPaths(options: ScanSourceOptions): Promise<string[]> {
  const files: string[] = [];
  for (const given of options.paths) {
    const absolute = resolve(options.cwd, given);
    const info = await stat(absolute).catch((error: unknown) => {
      throw new SourceError(`${given}: no such file or directory`, { cause: error });
    });
    // A file named on the command line is always listed, even one no analyser reads.
    if (info.isDirectory()) await walk(absolute, options.cwd, files);
    else files.push(absolute);
  }
  return files;
}

/** Creates a Source listing whole files; every line is added and commentable. */
export function createScanSource(options: ScanSourceOptions): Source {
  const absolutes = new Map<string, string>();
  /** Paths under the scanned roots, once listed: readable for the project-level detectors. */
  const listed = new Set<string>();

  return {
    async listChanges(): Promise<ChangeSet> {
      const files: ChangedFile[] = [];
      const skipped: SkippedFile[] = [];
      for (const absolute of await expandPaths(options)) {
        const path = toPosix(relative(options.cwd, absolute));
        if (absolutes.has(path)) continue;
        absolutes.set(path, absolute);
        const read = await readTextFile(absolute);
        if ('skipped' in read) {
          skipped.push({ path, reason: read.skipped });
          continue;
        }
        const lines = allLines(read.lineCount);
        files.push({ path, status: 'changed', addedLines: lines, commentableLines: lines, wholeFile: true });
      }
      return { files, skipped };
    },

    async listPaths(): Promise<RepoListing> {
      const listing = await listScannedPaths(options.cwd, options.paths);
      for (const path of listing.paths) listed.add(path);
      return listing;
    },

    async readFile(path: string): Promise<string | null> {
      const absolute = absolutes.get(path) ?? (listed.has(path) ? resolve(options.cwd, path) : undefined);
      if (absolute === undefined) return null;
      try {
        return await readFile(absolute, 'utf8');
      } catch {
        // Removed since it was listed: the pipeline reports it as not read.
        return null;
      }
    },
  };
}
