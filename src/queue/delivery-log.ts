/** Remembers the last N delivery keys so a redelivered webhook is processed once, in bounded memory. */

/** A bounded set of recently seen keys; the oldest are forgotten first. */
export class DeliveryLog {
  readonly #seen = new Set<string>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  /** Records `key`; false when it was already recorded. */
  add(key: string): boolean {
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    // A Set iterates in insertion order, so its first value is the oldest.
    if (this.#seen.size > this.capacity) {
      const oldest = this.#seen.values().next();
      if (!oldest.done) this.#seen.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }
}
