/** A per-file cache for analyses shared by several detectors. */
export function createMemo(): <T>(key: string, compute: () => T) => T {
  const cache = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    cache.set(key, value);
    return value;
  };
}
