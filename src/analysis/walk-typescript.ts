/** The one traversal of a TypeScript tree: raw compiler nodes, iterative (deep nesting cannot overflow). */
import { ts } from 'ts-morph';
import type { TsVisitor } from '../../detectors/define.js';
import { type ActiveDetector, DispatchTable } from './dispatch.js';

/** Walks `sourceFile` once, dispatching to every visitor, then runs their `end` hooks. */
export function walkTypeScript(
  sourceFile: ts.SourceFile,
  visitors: ReadonlyArray<{ owner: ActiveDetector; visitor: TsVisitor }>,
): void {
  const enter = new DispatchTable<number, ts.Node>(Number);
  const exit = new DispatchTable<number, ts.Node>(Number);
  for (const { owner, visitor } of visitors) {
    enter.add(owner, visitor.enter);
    exit.add(owner, visitor.exit);
  }
  // Stack entries: a node to enter, or (node, true) to run its exit handlers after its children.
  const nodes: ts.Node[] = [sourceFile];
  const exiting: boolean[] = [false];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    children.push(child);
  };
  while (nodes.length > 0) {
    const node = nodes.pop() as ts.Node;
    if (exiting.pop()) {
      exit.dispatch(node.kind, node);
      continue;
    }
    enter.dispatch(node.kind, node);
    if (exit.has(node.kind)) {
      nodes.push(node);
      exiting.push(true);
    }
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]);
      exiting.push(false);
    }
    children.length = 0;
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
