/**
 * The one traversal of a TypeScript tree: raw compiler nodes in document order, from the list made
 * while parsing (iterative: deep nesting cannot overflow).
 */
import { ts } from 'ts-morph';
import type { TsHandlers, TsVisitor } from '../../detectors/define.js';
import { type ActiveDetector, type Slot, dispatchSlot } from './dispatch.js';
import { documentOrderOf } from './parse-typescript.js';

/** `ts.SyntaxKind` by name (aliases such as `FirstStatement` included). */
const KIND_BY_NAME: ReadonlyMap<string, ts.SyntaxKind> = new Map(
  Object.entries(ts.SyntaxKind).filter((entry): entry is [string, ts.SyntaxKind] => typeof entry[1] === 'number'),
);

/**
 * Kind → the handlers of one walk in registry order, indexed by `ts.SyntaxKind`. The table and its
 * slots are made once and reused by every walk, emptied when it ends: a file pays for the kinds its
 * detectors subscribe to, and allocates nothing for dispatch.
 */
class KindTable {
  private readonly slots: Array<Slot<ts.Node>> = Array.from({ length: ts.SyntaxKind.Count + 1 }, () => ({ owners: [], handlers: [] }));
  /** The kinds filled in by this walk. */
  private readonly filled: ts.SyntaxKind[] = [];
  /** Per kind, 1 when this walk has handlers for it: the loop's test for the many nodes nobody asked for. */
  readonly subscribed = new Uint8Array(ts.SyntaxKind.Count + 1);

  /** Subscribes `owner`'s handlers; a name that is not a node kind fails the detector. */
  add(owner: ActiveDetector, handlers: TsHandlers | undefined): void {
    if (handlers === undefined) return;
    for (const name in handlers) {
      const handler = handlers[name as keyof TsHandlers];
      if (handler === undefined || !Object.hasOwn(handlers, name)) continue;
      const kind = KIND_BY_NAME.get(name);
      if (kind === undefined) {
        owner.failed ??= new Error(`no node kind is called ${JSON.stringify(name)}`);
        continue;
      }
      const slot = this.slots[kind];
      if (slot.handlers.length === 0) {
        this.filled.push(kind);
        this.subscribed[kind] = 1;
      }
      slot.owners.push(owner);
      slot.handlers.push(handler);
    }
  }

  /** The handlers of `kind`, or null. */
  slot(kind: ts.SyntaxKind): Slot<ts.Node> | null {
    const slot = this.slots[kind];
    return slot.handlers.length === 0 ? null : slot;
  }

  /** Empties the slots this walk filled (so the table holds none of its handlers). */
  clear(): void {
    for (const kind of this.filled) {
      const slot = this.slots[kind];
      slot.owners.length = 0;
      slot.handlers.length = 0;
      this.subscribed[kind] = 0;
    }
    this.filled.length = 0;
  }
}

/** Tables free for a walk (a walk started from inside another, as a test may do, takes its own). */
const spare: Array<{ enter: KindTable; exit: KindTable }> = [];

/** Walks `sourceFile` once in document order, dispatching to every visitor, then runs their `end` hooks. */
export function walkTypeScript(
  sourceFile: ts.SourceFile,
  visitors: ReadonlyArray<{ owner: ActiveDetector; visitor: TsVisitor }>,
): void {
  const tables = spare.pop() ?? { enter: new KindTable(), exit: new KindTable() };
  const { enter, exit } = tables;
  try {
    for (const { owner, visitor } of visitors) {
      enter.add(owner, visitor.enter);
      exit.add(owner, visitor.exit);
    }
    // The nodes were listed in document order with their depths (see `documentOrder`): a node is left
    // when the next node is not inside it, i.e. not deeper. Only nodes with exit handlers are kept open.
    const { nodes, depths, kinds } = documentOrderOf(sourceFile);
    /** Positions (in `nodes`) of the open nodes that have exit handlers, innermost last. */
    const open: number[] = [];
    const leave = (at: number): void => {
      dispatchSlot(exit.slot(kinds[at]) as Slot<ts.Node>, nodes[at]);
    };
    const onEnter = enter.subscribed;
    const onExit = exit.subscribed;
    for (let i = 0; i < nodes.length; i++) {
      if (open.length > 0) {
        const depth = depths[i];
        while (open.length > 0 && depths[open[open.length - 1]] >= depth) leave(open.pop() as number);
      }
      const kind = kinds[i];
      if (onEnter[kind] === 1) dispatchSlot(enter.slot(kind) as Slot<ts.Node>, nodes[i]);
      if (onExit[kind] === 1) open.push(i);
    }
    while (open.length > 0) leave(open.pop() as number);
  } finally {
    enter.clear();
    exit.clear();
    spare.push(tables);
  }
  for (const { owner, visitor } of visitors) runEnd(owner, visitor.end);
}

/** Runs a visitor's `end` hook with the same isolation as its handlers. */
export function runEnd(owner: ActiveDetector, end: (() => void) | undefined): void {
  if (!end || owner.failed !== undefined) return;
  try {
    end();
  } catch (error) {
    owner.failed = error;
  }
}
