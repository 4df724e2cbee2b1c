/**
 * Builds the dispatch tables of one traversal: for each node kind, the handlers of the detectors
 * that subscribed to it. A handler that throws disables its detector for the rest of the file.
 */
export interface ActiveDetector {
  id: string;
  failed?: unknown;
}

export type Handler<N> = (node: N) => void;

interface Entry<N> {
  owner: ActiveDetector;
  handler: Handler<N>;
}

/** Node kind → handlers in registry order. */
export class DispatchTable<K extends string | number, N> {
  private readonly table = new Map<K, Entry<N>[]>();

  /** `keyOf` turns an object key back into a kind (numbers for TypeScript's SyntaxKind). */
  constructor(private readonly keyOf: (key: string) => K) {}

  add(owner: ActiveDetector, handlers: Partial<Record<K, Handler<N>>> | undefined): void {
    if (!handlers) return;
    for (const key of Object.keys(handlers)) {
      const kind = this.keyOf(key);
      const handler = handlers[key as K];
      if (!handler) continue;
      const list = this.table.get(kind);
      if (list) list.push({ owner, handler });
      else this.table.set(kind, [{ owner, handler }]);
    }
  }

  has(kind: K): boolean {
    return this.table.has(kind);
  }

  /** Calls every live handler for `kind`. */
  dispatch(kind: K, node: N): void {
    const list = this.table.get(kind);
    if (!list) return;
    for (const { owner, handler } of list) {
      if (owner.failed !== undefined) continue;
      try {
        handler(node);
      } catch (error) {
        owner.failed = error;
      }
    }
  }
}
