/**
 * The read-only reader project detectors get: files of the repository at the head, through the
 * review's Source, cached for the review, bounded in count and size. It can only read.
 */
import pLimit from 'p-limit';
import { MAX_FILE_BYTES } from '../analysis/engine.js';

/** How many distinct files the project detectors of one review may read (beyond the changed ones). */
export const DEFAULT_PROJECT_READS = 300;

/** Where the reader reads from and its limits. */
export interface ProjectReaderOptions {
  /** Reads a file at the head through the Source; null when it cannot. */
  readFile(path: string): Promise<string | null>;
  /** The repository's paths: anything else is answered null without a read. */
  paths: readonly string[];
  /** Texts already read (the changed files): served from memory, never counted. */
  known: ReadonlyMap<string, string>;
  maxReads?: number;
  concurrency?: number;
  /** A reason to refuse further reads (the review's time budget), as if the read budget were spent. */
  stop?: () => string | undefined;
}

/** A cached, bounded reader and what it spent. */
export interface ProjectReader {
  read(path: string): Promise<string | null>;
  /** Files fetched through the Source so far. */
  reads(): number;
  /** True once a read was refused because the budget was spent. */
  exhausted(): boolean;
}

/** Creates the reader of one review. A failing read answers null (the detector treats it as unknown). */
export function createProjectReader(options: ProjectReaderOptions): ProjectReader {
  const inRepo = new Set(options.paths);
  const cache = new Map<string, Promise<string | null>>();
  const limit = pLimit(options.concurrency ?? 8);
  const budget = options.maxReads ?? DEFAULT_PROJECT_READS;
  let spent = 0;
  let refused = false;

  function fetch(path: string): Promise<string | null> {
    spent++;
    return limit(() => options.readFile(path)).then(
      (text) => (text === null || Buffer.byteLength(text) > MAX_FILE_BYTES || text.includes('\u0000') ? null : text),
      () => null,
    );
  }

  return {
    read(path: string): Promise<string | null> {
      const known = options.known.get(path);
      if (known !== undefined) return Promise.resolve(known);
      if (!inRepo.has(path)) return Promise.resolve(null);
      const cached = cache.get(path);
      if (cached) return cached;
      if (spent >= budget || options.stop?.() !== undefined) {
        refused = true;
        return Promise.resolve(null);
      }
      const pending = fetch(path);
      cache.set(path, pending);
      return pending;
    },
    reads: () => spent,
    exhausted: () => refused,
  };
}
