/** Parses `git diff --raw -z` output: the authoritative list of changed paths, modes and statuses. */
import { SourceError } from '../errors.js';

/** One changed path as git's raw diff format reports it. */
export interface RawEntry {
  /** A, C, D, M, R, T, U or X. */
  status: string;
  path: string;
  /** The old path of a rename or copy. */
  previousPath?: string;
  oldMode: string;
  newMode: string;
}

/** Parses NUL-separated records `:old new oldSha newSha STATUS\0path\0[newPath\0]`. */
export function parseRawDiff(output: string): RawEntry[] {
  const fields = output.split('\0');
  const entries: RawEntry[] = [];
  let i = 0;
  while (i < fields.length) {
    const meta = fields[i++];
    if (meta === '' || meta === '\n') continue;
    if (!meta.startsWith(':')) throw new SourceError(`unexpected git diff --raw output: ${JSON.stringify(meta.slice(0, 80))}`);
    const [oldMode, newMode, , , score] = meta.slice(1).split(' ');
    const status = score.charAt(0);
    const first = fields[i++];
    if (status === 'R' || status === 'C') {
      entries.push({ status, previousPath: first, path: fields[i++], oldMode, newMode });
    } else {
      entries.push({ status, path: first, oldMode, newMode });
    }
  }
  return entries;
}
