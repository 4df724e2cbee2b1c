/** Parses TypeScript/JavaScript once into a raw compiler tree (no type checker, no Project). */
import { ts } from 'ts-morph';
import type { TsFile } from '../../detectors/define.js';
import { createMemo } from './memo.js';
import { splitLines } from './split-lines.js';

function scriptKindOf(path: string): ts.ScriptKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(m|c)?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

type Parented = { parent: ts.Node };
type WithJSDoc = ts.Node & { jsDoc?: ts.JSDoc[] };

/**
 * Sets `parent` on every node of a JSDoc comment's subtree (nested JSDoc is not followed, as in the
 * compiler's own pass).
 */
function setJSDocParents(doc: ts.JSDoc): void {
  const stack: ts.Node[] = [doc];
  let parent: ts.Node = doc;
  const bind = (child: ts.Node): void => {
    (child as unknown as Parented).parent = parent;
    stack.push(child);
  };
  while (stack.length > 0) {
    parent = stack.pop() as ts.Node;
    ts.forEachChild(parent, bind);
  }
}

/**
 * A tree's nodes in document order (the order of the one traversal), each with its depth (the root's
 * is 0) and its kind: scanning `kinds` for a kind reads no node (a node's fields are a slow,
 * many-shaped read).
 */
export interface DocumentOrder {
  nodes: readonly ts.Node[];
  depths: Int32Array;
  kinds: Uint16Array;
}

/** Subtrees nested deeper than this are listed with an explicit stack: the recursion stays shallow. */
const RECURSION_DEPTH = 200;

/**
 * Lists the nodes `ts.forEachChild` reaches from `root` in document order. With `setParents`, also
 * sets `parent` on every node, JSDoc comments and their contents included: the result of
 * `createSourceFile(..., setParentNodes = true)`, in one pass that builds no array of children per
 * node (the compiler's own pass does). Recursive down to `RECURSION_DEPTH`, then iterative, so a
 * left-deep chain of thousands of `+` cannot overflow the stack.
 */
export function documentOrder(root: ts.Node, setParents: boolean): DocumentOrder {
  // The parser's node count (JSDoc nodes included) is at least the number of nodes listed: the lists
  // are made at that size once (and doubled should it ever fall short).
  let capacity = ((root as { nodeCount?: number }).nodeCount ?? 0) + 1;
  const nodes: ts.Node[] = new Array<ts.Node>(capacity);
  let depths = new Int32Array(capacity);
  let kinds = new Uint16Array(capacity);
  let count = 0;
  const append = (node: ts.Node, depth: number): void => {
    if (count === capacity) {
      capacity *= 2;
      nodes.length = capacity;
      depths = grown(depths, new Int32Array(capacity));
      kinds = grown(kinds, new Uint16Array(capacity));
    }
    nodes[count] = node;
    depths[count] = depth;
    kinds[count] = node.kind;
    count++;
  };
  // JSDoc comments start with `/**`: a text without one (or parsed without them) has none to look
  // for on every node.
  const jsDocPossible = setParents && (!ts.isSourceFile(root) || (jsDocParsed(root) && root.text.includes('/**')));
  const adopt = (child: ts.Node, parent: ts.Node): void => {
    (child as unknown as Parented).parent = parent;
    if (!jsDocPossible) return;
    const docs = (child as WithJSDoc).jsDoc;
    if (docs === undefined) return;
    for (const doc of docs) {
      (doc as unknown as Parented).parent = child;
      setJSDocParents(doc);
    }
  };

  /** The descendants of `top` (listed already, at `topDepth`), with an explicit stack. */
  const listDeep = (top: ts.Node, topDepth: number): void => {
    const stack: ts.Node[] = [];
    const stackDepths: number[] = [];
    let parent = top;
    let childDepth = topDepth + 1;
    const push = (child: ts.Node): void => {
      if (setParents) adopt(child, parent);
      stack.push(child);
      stackDepths.push(childDepth);
    };
    // Children are pushed in document order, then reversed in place so the first is popped first
    // (their depths are all the same).
    const pushChildren = (node: ts.Node): void => {
      let first = stack.length;
      ts.forEachChild(node, push);
      for (let last = stack.length - 1; first < last; first++, last--) {
        const swap = stack[first];
        stack[first] = stack[last];
        stack[last] = swap;
      }
    };
    pushChildren(top);
    while (stack.length > 0) {
      const node = stack.pop() as ts.Node;
      const depth = stackDepths.pop() as number;
      append(node, depth);
      parent = node;
      childDepth = depth + 1;
      pushChildren(node);
    }
  };

  let parent = root;
  let depth = 0;
  const visit = (child: ts.Node): void => {
    if (jsDocPossible) adopt(child, parent);
    else if (setParents) (child as unknown as Parented).parent = parent;
    const childDepth = depth + 1;
    append(child, childDepth);
    if (childDepth >= RECURSION_DEPTH) {
      listDeep(child, childDepth);
      return;
    }
    const outer = parent;
    parent = child;
    depth = childDepth;
    ts.forEachChild(child, visit);
    parent = outer;
    depth = childDepth - 1;
  };
  append(root, 0);
  ts.forEachChild(root, visit);
  nodes.length = count;
  return { nodes, depths: depths.subarray(0, count), kinds: kinds.subarray(0, count) };
}

/** False for a tree parsed with `JSDocParsingMode.ParseNone`: it has no JSDoc nodes. */
function jsDocParsed(sourceFile: ts.SourceFile): boolean {
  return (sourceFile as { jsDocParsingMode?: ts.JSDocParsingMode }).jsDocParsingMode !== ts.JSDocParsingMode.ParseNone;
}

function grown<T extends Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The document order of a parsed tree, kept on the tree itself (it lives exactly as long as the
 * tree). Not a WeakMap: an ephemeron whose value holds every node of its key keeps a dead tree alive
 * past the young-generation collections that would free it, so trees were promoted and the engine
 * spent a third of its time in garbage collection.
 */
const ORDER = Symbol('documentOrder');
type Ordered = ts.SourceFile & { [ORDER]?: DocumentOrder };

/**
 * The document order of `sourceFile`: the list made while parsing, or (for a tree built some other
 * way) one listed now and kept. Shared by the traversal and by analyses that look at every node.
 */
export function documentOrderOf(sourceFile: ts.SourceFile): DocumentOrder {
  const tree = sourceFile as Ordered;
  let order = tree[ORDER];
  if (order === undefined) {
    order = documentOrder(sourceFile, false);
    tree[ORDER] = order;
  }
  return order;
}

/**
 * A parsed file. A class, not an object literal with a `lines` getter: V8 allocates a literal with
 * an accessor straight in the old generation, and from there it kept its young tree alive through
 * every scavenge until the next full collection: each tree was copied and promoted, the heap grew by
 * the size of the whole corpus per pass, and collection took a quarter of the engine's time.
 */
class ParsedTsFile implements TsFile {
  readonly language = 'typescript';
  readonly memo = createMemo();
  private splitText: string[] | undefined = undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly sourceFile: ts.SourceFile,
  ) {}

  /** Split on first use: most files are read line by line only to report. */
  get lines(): string[] {
    this.splitText ??= splitLines(this.text);
    return this.splitText;
  }

  lineOf(pos: number): number {
    return this.sourceFile.getLineAndCharacterOfPosition(pos).line + 1;
  }
}

const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/** Parses `text`; syntax errors are tolerated by the parser and reported by `syntaxErrorCount`. */
export function parseTypeScript(path: string, text: string): TsFile {
  // Parent pointers are set by the pass that also lists the nodes for the traversal. No rule reads
  // JSDoc nodes (unused-import reads the words of doc comments from the text), so the parser skips
  // them (the mode TypeScript offers tools that do not need them): about a tenth of the parse on
  // documented code.
  const sourceFile = ts.createSourceFile(path, text, PARSE_OPTIONS, false, scriptKindOf(path));
  (sourceFile as Ordered)[ORDER] = documentOrder(sourceFile, true);
  return new ParsedTsFile(path, text, sourceFile);
}

/** Number of syntax errors the parser recovered from. */
export function syntaxErrorCount(file: TsFile): number {
  return (file.sourceFile as ts.SourceFile & { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}
