/**
 * A Python syntax tree copied out of tree-sitter in one cursor pass, so the detectors read it without
 * crossing into WebAssembly. Every property read on a web-tree-sitter node (`type`, `text`, `parent`,
 * `childForFieldName`, ...) marshals the node into WASM memory and allocates a fresh JS object; here
 * nodes live in flat typed arrays in document (pre-)order and node objects are small views on them.
 * `PyNode` keeps the part of web-tree-sitter's `Node` API the detectors use, with the same results
 * (children, named children, fields, siblings, positions and text are what tree-sitter says).
 */
import type { Language, Tree } from 'web-tree-sitter';

/** Node type id tree-sitter gives an ERROR node (`ts_builtin_sym_error`). */
export const ERROR_TYPE_ID = 65535;

/** What is known per grammar: type names, which types are named, field ids by name. */
interface Grammar {
  types: readonly string[];
  named: Uint8Array;
  fields: readonly (string | null)[];
  fieldIds: Map<string, number>;
}

const grammars = new WeakMap<Language, Grammar>();

function grammarOf(language: Language): Grammar {
  let grammar = grammars.get(language);
  if (!grammar) {
    // Property keys are internalized strings: comparing a type name with a literal (`node.type ===
    // 'call'`, hundreds of times per node across the detectors) is then a pointer comparison.
    const interned: Record<string, true> = Object.create(null);
    for (const name of language.types) if (name) interned[name] = true;
    const byName = new Map(Object.keys(interned).map((name) => [name, name]));
    const types = language.types.map((name) => (name ? (byName.get(name) as string) : name));
    const named = new Uint8Array(types.length);
    for (let id = 0; id < types.length; id++) named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
    const fieldIds = new Map<string, number>();
    language.fields.forEach((name, id) => {
      if (name && !fieldIds.has(name)) fieldIds.set(name, id);
    });
    grammar = { types, named, fields: language.fields, fieldIds };
    grammars.set(language, grammar);
  }
  return grammar;
}

/** A row/column pair (0-based; the column counts UTF-16 code units, as web-tree-sitter's does). */
export interface PyPoint {
  row: number;
  column: number;
}

/** A parsed Python file's syntax tree, held in JS memory. */
export class PyTree {
  /** Number of nodes. */
  readonly size: number;
  /** Per node, by index in document order: type id, start and end (UTF-16 offsets), field id, parent, end of subtree. */
  readonly typeIds: Uint16Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly fieldIds: Uint16Array;
  readonly parents: Int32Array;
  /** Index one past the node's last descendant: the node's subtree is [i, subtreeEnds[i]). */
  readonly subtreeEnds: Int32Array;
  /** 1 for a node tree-sitter inserted to recover from an error (`MISSING`). */
  private readonly missing: Uint8Array;
  private readonly grammar: Grammar;
  /** tree-sitter's `hasError` of the root: an ERROR or MISSING node anywhere, shown or hidden. */
  readonly rootHasError: boolean;
  private lineStarts: Int32Array | undefined;

  constructor(
    readonly text: string,
    grammar: Grammar,
    arrays: { size: number; typeIds: Uint16Array; starts: Int32Array; ends: Int32Array; fieldIds: Uint16Array; parents: Int32Array; subtreeEnds: Int32Array; missing: Uint8Array },
    rootHasError: boolean,
  ) {
    this.rootHasError = rootHasError;
    this.grammar = grammar;
    this.size = arrays.size;
    this.typeIds = arrays.typeIds;
    this.starts = arrays.starts;
    this.ends = arrays.ends;
    this.fieldIds = arrays.fieldIds;
    this.parents = arrays.parents;
    this.subtreeEnds = arrays.subtreeEnds;
    this.missing = arrays.missing;
  }

  get rootNode(): PyNode {
    return this.node(0);
  }

  /**
   * A node object for index `i`. Objects are not cached (as with web-tree-sitter, two reads of the
   * same node give two objects: compare `id`s): most are short-lived, and a cache would keep every
   * node of the file alive until the file is done.
   */
  node(i: number): PyNode {
    return new PyNode(this, i);
  }

  /** Kept for the parsed-file contract; the WASM tree is already released once the copy is made. */
  delete(): void {}

  /** Number of node types of the grammar (type ids below it, and ERROR). */
  get typeCount(): number {
    return this.grammar.types.length;
  }

  /** The name of type id `id`. */
  typeNameOf(id: number): string {
    return this.grammar.types[id] || 'ERROR';
  }

  /** The type name of node `i`. */
  typeName(i: number): string {
    return this.grammar.types[this.typeIds[i]] || 'ERROR';
  }

  isNamed(i: number): boolean {
    const id = this.typeIds[i];
    return id === ERROR_TYPE_ID || this.grammar.named[id] === 1;
  }

  isMissing(i: number): boolean {
    return this.missing[i] === 1;
  }

  fieldId(name: string): number {
    return this.grammar.fieldIds.get(name) ?? -1;
  }

  fieldName(id: number): string | null {
    return id === 0 ? null : (this.grammar.fields[id] ?? null);
  }

  /** The tree-sitter position of a UTF-16 offset: rows end at `\n`. */
  point(offset: number): PyPoint {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - starts[lo] };
  }

  /** Index of the next sibling of `i`, or -1. */
  nextSibling(i: number): number {
    const next = this.subtreeEnds[i];
    return next < this.size && this.parents[next] === this.parents[i] ? next : -1;
  }

  /** Number of children of node `i` (named ones only, if asked). */
  countChildren(i: number, named: boolean): number {
    let count = 0;
    const end = this.subtreeEnds[i];
    for (let c = i + 1; c < end; c = this.subtreeEnds[c]) if (!named || this.isNamed(c)) count++;
    return count;
  }

  /** Index of the `n`-th child of node `i` (counting named ones only, if asked), or -1. */
  nthChild(i: number, n: number, named: boolean): number {
    if (n < 0) return -1;
    const end = this.subtreeEnds[i];
    for (let c = i + 1; c < end; c = this.subtreeEnds[c]) {
      if (named && !this.isNamed(c)) continue;
      if (n === 0) return c;
      n--;
    }
    return -1;
  }

  /** Index of the last sibling before `i` (named only, if asked), or -1. */
  preceding(i: number, named: boolean): number {
    const parent = this.parents[i];
    if (parent < 0) return -1;
    let found = -1;
    for (let c = parent + 1; c < i; c = this.subtreeEnds[c]) if (!named || this.isNamed(c)) found = c;
    return found;
  }

  /**
   * Index of the first sibling after `i` (named only, if asked) that ends after `i` does, or -1:
   * tree-sitter's next sibling passes over zero-width nodes at the node's end (a MISSING token).
   */
  following(i: number, named: boolean): number {
    const end = this.ends[i];
    for (let next = this.nextSibling(i); next >= 0; next = this.nextSibling(next)) {
      if (this.ends[next] > end && (!named || this.isNamed(next))) return next;
    }
    return -1;
  }
}

function lineStartsOf(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let row = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[row++] = i + 1;
  return starts;
}

/** A node of a {@link PyTree}, with the web-tree-sitter `Node` members the detectors read. */
export class PyNode {
  // Fields declared, not defined: the constructor sets them (nodes are made by the hundred thousand,
  // and class field definitions would run an initialiser per object first).
  declare readonly tree: PyTree;
  /** The node's index in document order: unique within its tree. */
  declare readonly id: number;
  private declare childList: PyNode[] | undefined;
  private declare namedList: PyNode[] | undefined;

  constructor(tree: PyTree, id: number) {
    this.tree = tree;
    this.id = id;
    this.childList = undefined;
    this.namedList = undefined;
  }

  get typeId(): number {
    return this.tree.typeIds[this.id];
  }

  get type(): string {
    return this.tree.typeName(this.id);
  }

  get isNamed(): boolean {
    return this.tree.isNamed(this.id);
  }

  get isMissing(): boolean {
    return this.tree.isMissing(this.id);
  }

  get isError(): boolean {
    return this.tree.typeIds[this.id] === ERROR_TYPE_ID;
  }

  /**
   * True when the node is or contains an ERROR or a MISSING node. Exact for the root (tree-sitter's
   * answer, kept at copy time); below it, a MISSING token the tree does not show (a newline, an
   * indent) goes unseen.
   */
  get hasError(): boolean {
    const { tree } = this;
    if (this.id === 0) return tree.rootHasError;
    const end = tree.subtreeEnds[this.id];
    for (let i = this.id; i < end; i++) if (tree.typeIds[i] === ERROR_TYPE_ID || tree.isMissing(i)) return true;
    return false;
  }

  get startIndex(): number {
    return this.tree.starts[this.id];
  }

  get endIndex(): number {
    return this.tree.ends[this.id];
  }

  get startPosition(): PyPoint {
    return this.tree.point(this.tree.starts[this.id]);
  }

  get endPosition(): PyPoint {
    return this.tree.point(this.tree.ends[this.id]);
  }

  get text(): string {
    return this.tree.text.slice(this.tree.starts[this.id], this.tree.ends[this.id]);
  }

  get parent(): PyNode | null {
    const p = this.tree.parents[this.id];
    return p < 0 ? null : this.tree.node(p);
  }

  equals(other: PyNode): boolean {
    return this.tree === other.tree && this.id === other.id;
  }

  get children(): PyNode[] {
    if (this.childList === undefined) {
      const { tree } = this;
      const list: PyNode[] = [];
      const end = tree.subtreeEnds[this.id];
      for (let c = this.id + 1; c < end; c = tree.subtreeEnds[c]) list.push(tree.node(c));
      this.childList = list;
    }
    return this.childList;
  }

  get namedChildren(): PyNode[] {
    if (this.namedList === undefined) {
      const { tree } = this;
      const list: PyNode[] = [];
      const end = tree.subtreeEnds[this.id];
      for (let c = this.id + 1; c < end; c = tree.subtreeEnds[c]) if (tree.isNamed(c)) list.push(tree.node(c));
      this.namedList = list;
    }
    return this.namedList;
  }

  get childCount(): number {
    return this.childList?.length ?? this.tree.countChildren(this.id, false);
  }

  get namedChildCount(): number {
    return this.namedList?.length ?? this.tree.countChildren(this.id, true);
  }

  child(index: number): PyNode | null {
    if (this.childList) return this.childList[index] ?? null;
    const at = this.tree.nthChild(this.id, index, false);
    return at < 0 ? null : this.tree.node(at);
  }

  namedChild(index: number): PyNode | null {
    if (this.namedList) return this.namedList[index] ?? null;
    const at = this.tree.nthChild(this.id, index, true);
    return at < 0 ? null : this.tree.node(at);
  }

  get firstChild(): PyNode | null {
    return this.child(0);
  }

  get lastChild(): PyNode | null {
    return this.child(this.childCount - 1);
  }

  get firstNamedChild(): PyNode | null {
    return this.namedChild(0);
  }

  get lastNamedChild(): PyNode | null {
    return this.namedChild(this.namedChildCount - 1);
  }

  /** The first child with field `name`, or null. */
  childForFieldName(name: string): PyNode | null {
    const { tree } = this;
    const field = tree.fieldId(name);
    if (field <= 0) return null;
    const end = tree.subtreeEnds[this.id];
    for (let c = this.id + 1; c < end; c = tree.subtreeEnds[c]) if (tree.fieldIds[c] === field) return tree.node(c);
    // The grammar's one field inside a hidden rule shown under an alias: a `match` statement's
    // `alternative` cases sit in its `body` block, and tree-sitter finds them from the statement too.
    if (name === 'alternative' && this.type === 'match_statement') return this.childForFieldName('body')?.childForFieldName('alternative') ?? null;
    return null;
  }

  /** Every child with field `name`. */
  childrenForFieldName(name: string): PyNode[] {
    const { tree } = this;
    const field = tree.fieldId(name);
    const out: PyNode[] = [];
    if (field <= 0) return out;
    const end = tree.subtreeEnds[this.id];
    for (let c = this.id + 1; c < end; c = tree.subtreeEnds[c]) if (tree.fieldIds[c] === field) out.push(tree.node(c));
    return out;
  }

  /** The field name of the child at `index` (counting anonymous children), or null. */
  fieldNameForChild(index: number): string | null {
    const child = this.children[index];
    return child ? this.tree.fieldName(this.tree.fieldIds[child.id]) : null;
  }

  get nextSibling(): PyNode | null {
    const next = this.tree.following(this.id, false);
    return next < 0 ? null : this.tree.node(next);
  }

  get previousSibling(): PyNode | null {
    const previous = this.tree.preceding(this.id, false);
    return previous < 0 ? null : this.tree.node(previous);
  }

  get nextNamedSibling(): PyNode | null {
    const next = this.tree.following(this.id, true);
    return next < 0 ? null : this.tree.node(next);
  }

  get previousNamedSibling(): PyNode | null {
    const previous = this.tree.preceding(this.id, true);
    return previous < 0 ? null : this.tree.node(previous);
  }

  /** The node and its descendants of the given type(s), in document order. */
  descendantsOfType(types: string | readonly string[]): PyNode[] {
    const { tree } = this;
    const wanted = typeof types === 'string' ? [types] : types;
    const out: PyNode[] = [];
    const end = tree.subtreeEnds[this.id];
    for (let i = this.id; i < end; ) {
      // tree-sitter skips nodes that end at the very start of the file (and their subtrees).
      if (tree.ends[i] === 0) {
        i = tree.subtreeEnds[i];
        continue;
      }
      if (wanted.includes(tree.typeName(i))) out.push(tree.node(i));
      i++;
    }
    return out;
  }
}

/**
 * The cursor entry points of web-tree-sitter's WebAssembly module, called directly. Each takes the
 * tree's address and reads the cursor from (and a move writes it back to) the module's transfer
 * buffer, where `TreeCursor` methods put it before every call and read it back after; calling them
 * directly leaves the cursor there for the whole walk instead of copying it in and out per call.
 */
export interface CursorCalls {
  transferBuffer: number;
  heap(): DataView;
  gotoFirstChild(tree: number): number;
  gotoNextSibling(tree: number): number;
  gotoParent(tree: number): number;
  typeId(tree: number): number;
  startIndex(tree: number): number;
  endIndex(tree: number): number;
  fieldId(tree: number): number;
  isMissing(tree: number): number;
}

type WasmModule = Record<string, unknown>;

/**
 * The direct cursor calls of the module object web-tree-sitter initialised (`Parser.init(module)`
 * fills in the object it is given), or null when they are not all there (then `copyTree` walks with
 * the public `TreeCursor`, with the same result).
 */
export function cursorCallsOf(module: WasmModule): CursorCalls | null {
  const fn = (name: string) => (typeof module[name] === 'function' ? (module[name] as (...args: number[]) => number) : null);
  const init = fn('_ts_init');
  const calls = {
    gotoFirstChild: fn('_ts_tree_cursor_goto_first_child_wasm'),
    gotoNextSibling: fn('_ts_tree_cursor_goto_next_sibling_wasm'),
    gotoParent: fn('_ts_tree_cursor_goto_parent_wasm'),
    typeId: fn('_ts_tree_cursor_current_node_type_id_wasm'),
    startIndex: fn('_ts_tree_cursor_start_index_wasm'),
    endIndex: fn('_ts_tree_cursor_end_index_wasm'),
    fieldId: fn('_ts_tree_cursor_current_field_id_wasm'),
    isMissing: fn('_ts_tree_cursor_current_node_is_missing_wasm'),
  };
  if (!init || Object.values(calls).some((c) => c === null) || !(module.HEAP_DATA_VIEW instanceof DataView)) return null;
  return {
    ...(calls as { [K in keyof typeof calls]: (tree: number) => number }),
    // `ts_init` only writes the language versions into the transfer buffer and returns its address.
    transferBuffer: init(),
    heap: () => module.HEAP_DATA_VIEW as DataView,
  };
}

/** A `TreeCursor`'s four words and its tree's address (private fields of web-tree-sitter's objects). */
type CursorWords = { 0: number; 1: number; 2: number; 3: number };

/**
 * Copies `tree` into a {@link PyTree} with one cursor pass (type, start, end and field of each node),
 * through `calls` when given, else through the public `TreeCursor`.
 */
export function copyTree(tree: Tree, text: string, calls: CursorCalls | null = null): PyTree {
  if (calls) return copyWith(tree, text, calls);
  return copyWithCursor(tree, text);
}

/** Typed arrays that double when full. */
class Columns {
  capacity: number;
  typeIds: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  fieldIds: Uint16Array;
  parents: Int32Array;
  subtreeEnds: Int32Array;
  missing: Uint8Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.typeIds = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.fieldIds = new Uint16Array(capacity);
    this.parents = new Int32Array(capacity);
    this.subtreeEnds = new Int32Array(capacity);
    this.missing = new Uint8Array(capacity);
  }

  grow(): void {
    const capacity = this.capacity * 2;
    const copy = <A extends Uint8Array | Uint16Array | Int32Array>(a: A, make: (n: number) => A): A => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.typeIds = copy(this.typeIds, (n) => new Uint16Array(n));
    this.fieldIds = copy(this.fieldIds, (n) => new Uint16Array(n));
    this.starts = copy(this.starts, (n) => new Int32Array(n));
    this.ends = copy(this.ends, (n) => new Int32Array(n));
    this.parents = copy(this.parents, (n) => new Int32Array(n));
    this.subtreeEnds = copy(this.subtreeEnds, (n) => new Int32Array(n));
    this.missing = copy(this.missing, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}

function copyWith(tree: Tree, text: string, calls: CursorCalls): PyTree {
  const grammar = grammarOf(tree.language);
  const cols = new Columns(Math.max(64, text.length >> 2));
  const treeAddress = (tree as unknown as CursorWords)[0];
  const cursor = tree.walk();
  const words = cursor as unknown as CursorWords;
  const buffer = calls.transferBuffer;
  let heap = calls.heap();
  for (let w = 0; w < 4; w++) heap.setInt32(buffer + 4 * w, words[w as 0 | 1 | 2 | 3], true);
  const { gotoFirstChild, gotoNextSibling, gotoParent, typeId, startIndex, endIndex, fieldId, isMissing } = calls;
  const ancestors: number[] = [];
  let size = 0;
  try {
    for (;;) {
      if (size === cols.capacity) cols.grow();
      const i = size++;
      cols.typeIds[i] = typeId(treeAddress);
      const start = startIndex(treeAddress);
      const end = endIndex(treeAddress);
      cols.starts[i] = start;
      cols.ends[i] = end;
      cols.fieldIds[i] = fieldId(treeAddress);
      cols.parents[i] = ancestors.length > 0 ? ancestors[ancestors.length - 1] : -1;
      if (gotoFirstChild(treeAddress) === 1) {
        ancestors.push(i);
        continue;
      }
      cols.subtreeEnds[i] = size;
      if (start === end && isMissing(treeAddress) === 1) cols.missing[i] = 1;
      let done = false;
      while (gotoNextSibling(treeAddress) !== 1) {
        if (gotoParent(treeAddress) !== 1) {
          done = true;
          break;
        }
        cols.subtreeEnds[ancestors.pop() as number] = size;
      }
      if (done) break;
    }
  } finally {
    // The moves may have grown the module's memory: read the cursor back through the current view.
    heap = calls.heap();
    for (let w = 0; w < 4; w++) words[w as 0 | 1 | 2 | 3] = heap.getInt32(buffer + 4 * w, true);
    cursor.delete();
  }
  while (ancestors.length > 0) cols.subtreeEnds[ancestors.pop() as number] = size;
  return new PyTree(text, grammar, { size, ...cols }, tree.rootNode.hasError);
}

function copyWithCursor(tree: Tree, text: string): PyTree {
  const grammar = grammarOf(tree.language);
  const cols = new Columns(Math.max(64, text.length >> 2));
  const ancestors: number[] = [];
  let size = 0;
  const cursor = tree.walk();
  try {
    for (;;) {
      if (size === cols.capacity) cols.grow();
      const i = size++;
      cols.typeIds[i] = cursor.nodeTypeId;
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      cols.starts[i] = start;
      cols.ends[i] = end;
      cols.fieldIds[i] = cursor.currentFieldId;
      cols.parents[i] = ancestors.length > 0 ? ancestors[ancestors.length - 1] : -1;
      if (cursor.gotoFirstChild()) {
        ancestors.push(i);
        continue;
      }
      cols.subtreeEnds[i] = size;
      // A zero-width leaf may be a node the parser inserted (MISSING): only those are asked.
      if (start === end && cursor.nodeIsMissing) cols.missing[i] = 1;
      let done = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
        cols.subtreeEnds[ancestors.pop() as number] = size;
      }
      if (done) break;
    }
  } finally {
    cursor.delete();
  }
  while (ancestors.length > 0) cols.subtreeEnds[ancestors.pop() as number] = size;
  return new PyTree(text, grammar, { size, ...cols }, tree.rootNode.hasError);
}
