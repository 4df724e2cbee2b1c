/**
 * The one traversal of a Python tree: a loop over the nodes of a {@link PyTree} in document order
 * (no WebAssembly calls; the tree was copied out of tree-sitter once, at parse time).
 */
import type { PyVisitor } from '../../detectors/define.js';
import { type ActiveDetector, DispatchTable, type Slot, dispatchSlot } from './dispatch.js';
import { ERROR_TYPE_ID, type PyNode, type PyTree } from './py-tree.js';
import { runEnd } from './walk-typescript.js';

/**
 * The handlers of each node type, by type id (ERROR, id 65535, at the end), resolved through the
 * type's name on first sight of each id; null marks a type nobody subscribed to.
 */
function slotsByTypeId(table: DispatchTable<string, PyNode>, tree: PyTree): (id: number) => Slot<PyNode> | null {
  const count = tree.typeCount;
  const cache: Array<Slot<PyNode> | null | undefined> = new Array(count + 1).fill(undefined);
  return (id) => {
    const at = id === ERROR_TYPE_ID ? count : id;
    let slot = cache[at];
    if (slot === undefined) {
      slot = table.slot(tree.typeNameOf(id)) ?? null;
      cache[at] = slot;
    }
    return slot;
  };
}

/**
 * Walks `tree` once: enter handlers in document order, a node's exit handlers after its subtree. A
 * node object is made only for nodes some detector subscribed to.
 */
export function walkPython(tree: PyTree, visitors: ReadonlyArray<{ owner: ActiveDetector; visitor: PyVisitor }>): void {
  const enterTable = new DispatchTable<string, PyNode>(String);
  const exitTable = new DispatchTable<string, PyNode>(String);
  for (const { owner, visitor } of visitors) {
    enterTable.add(owner, visitor.enter);
    exitTable.add(owner, visitor.exit);
  }
  const enter = slotsByTypeId(enterTable, tree);
  const exit = slotsByTypeId(exitTable, tree);
  const { typeIds, subtreeEnds, size } = tree;
  // The entered nodes that have exit handlers, innermost last, with their handlers.
  const open: number[] = [];
  const openSlots: Array<Slot<PyNode>> = [];
  for (let i = 0; i < size; i++) {
    // Leave every open node whose subtree ends before this one.
    while (open.length > 0 && subtreeEnds[open[open.length - 1]] <= i) {
      dispatchSlot(openSlots.pop() as Slot<PyNode>, tree.node(open.pop() as number));
    }
    const id = typeIds[i];
    const onEnter = enter(id);
    if (onEnter) dispatchSlot(onEnter, tree.node(i));
    const onExit = exit(id);
    if (onExit) {
      open.push(i);
      openSlots.push(onExit);
    }
  }
  while (open.length > 0) dispatchSlot(openSlots.pop() as Slot<PyNode>, tree.node(open.pop() as number));
  for (const { owner, visitor } of visitors) runEnd(owner, visitor.end);
}
