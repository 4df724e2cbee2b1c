/**
 * Builds the dispatch tables of one traversal: for each node kind, the handlers of the detectors
 * that subscribed to it. A handler that throws disables its detector for the rest of the file.
 */
export interface ActiveDetector {
  id: string;
  failed?: unknown;
}

export type Handler<N> = (node: N) => void;

/** The handlers of one node kind in registry order, as parallel arrays (dispatch allocates nothing). */
export interface Slot<N> {
  owners: ActiveDetector[];
  handlers: Array<Handler<N>>;
}

/** Node kind → handlers in registry order. */
export class DispatchTable<K extends string | number, N> {
  private readonly table = new Map<K, Slot<N>>();

  /** `keyOf` turns an object key back into a kind (numbers for TypeScript's SyntaxKind). */
  constructor(private readonly keyOf: (key: string) => K) {}

  add(owner: ActiveDetector, handlers: Partial<Record<K, Handler<N>>> | undefined): void {
    if (!handlers) return;
    for (const key of Object.keys(handlers)) {
      const handler = handlers[key as K];
      if (!handler) continue;
      const kind = this.keyOf(key);
      const slot = this.table.get(kind);
      if (slot) {
        slot.owners.push(owner);
        slot.handlers.push(handler);
      } else this.table.set(kind, { owners: [owner], handlers: [handler] });
    }
  }

  has(kind: K): boolean {
    return this.table.has(kind);
  }

  /** The handlers subscribed to `kind`, or undefined. */
  slot(kind: K): Slot<N> | undefined {
    return this.table.get(kind);
  }

  /** Calls every live handler for `kind`. */
  dispatch(kind: K, node: N): void {
    const slot = this.table.get(kind);
    if (slot) dispatchSlot(slot, node);
  }
}

/** Calls every live handler of `slot` on `node`; a throwing handler disables its detector. */
export function dispatchSlot<N>(slot: Slot<N>, node: N): void {
  const { owners, handlers } = slot;
  for (let i = 0; i < handlers.length; i++) {
    const owner = owners[i];
    if (owner.failed !== undefined) continue;
    try {
      handlers[i](node);
    } catch (error) {
      owner.failed = error;
    }
  }
}
