/**
 * The one traversal of a TypeScript tree: raw compiler nodes in document order, from the list made
 * while parsing (iterative: deep nesting cannot overflow).
 */
import { ts } from 'ts-morph';
import type { TsVisitor } from '../../detectors/define.js';
import { type ActiveDetector, type Handler, type Slot, dispatchSlot } from './dispatch.js';
import { documentOrderOf } from './parse-typescript.js';

/**
 * Kind → handlers in registry order, indexed by `ts.SyntaxKind`: filled in on the first node of each
 * kind (null: nobody subscribed), so a file pays for the kinds it contains, not for every kind a
 * detector lists, and no key list is built per visitor.
 */
class KindTable {
  private readonly slots: Array<Slot<ts.Node> | null | undefined> = new Array(ts.SyntaxKind.Count + 1).fill(undefined);

  constructor(private readonly subscriptions: ReadonlyArray<{ owner: ActiveDetector; handlers: TsHandlers | undefined }>) {}

  /** The handlers of `kind`, or null. */
  slot(kind: ts.SyntaxKind): Slot<ts.Node> | null {
    const known = this.slots[kind];
    if (known !== undefined) return known;
    let slot: Slot<ts.Node> | null = null;
    for (const { owner, handlers } of this.subscriptions) {
      const handler = handlers?.[kind];
      // Own enumerable properties only, as a key list would have them.
      if (!handler || !isEnumerable.call(handlers, kind)) continue;
      if (slot) {
        slot.owners.push(owner);
        slot.handlers.push(handler);
      } else slot = { owners: [owner], handlers: [handler] };
    }
    this.slots[kind] = slot;
    return slot;
  }
}

type TsHandlers = Partial<Record<ts.SyntaxKind, Handler<ts.Node>>>;

const isEnumerable = Object.prototype.propertyIsEnumerable;

/** Walks `sourceFile` once in document order, dispatching to every visitor, then runs their `end` hooks. */
export function walkTypeScript(
  sourceFile: ts.SourceFile,
  visitors: ReadonlyArray<{ owner: ActiveDetector; visitor: TsVisitor }>,
): void {
  const enter = new KindTable(visitors.map(({ owner, visitor }) => ({ owner, handlers: visitor.enter })));
  const exit = new KindTable(visitors.map(({ owner, visitor }) => ({ owner, handlers: visitor.exit })));
  // The nodes were listed in document order with their depths (see `documentOrder`): a node is left
  // when the next node is not inside it, i.e. not deeper. Only nodes with exit handlers are kept open.
  const { nodes, depths, kinds } = documentOrderOf(sourceFile);
  /** Positions (in `nodes`) of the open nodes that have exit handlers, innermost last. */
  const open: number[] = [];
  const leave = (at: number): void => {
    dispatchSlot(exit.slot(kinds[at]) as Slot<ts.Node>, nodes[at]);
  };
  for (let i = 0; i < nodes.length; i++) {
    const depth = depths[i];
    while (open.length > 0 && depths[open[open.length - 1]] >= depth) leave(open.pop() as number);
    const kind = kinds[i];
    const onEnter = enter.slot(kind);
    if (onEnter !== null) dispatchSlot(onEnter, nodes[i]);
    if (exit.slot(kind) !== null) open.push(i);
  }
  while (open.length > 0) leave(open.pop() as number);
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
