/**
 * The Python tree the detectors read (`PyTree`, copied out of tree-sitter once per file) answers
 * every node question the way web-tree-sitter's own nodes do: types, positions, text, parents,
 * children, fields, siblings, `descendantsOfType`, errors. Both copy paths (direct WASM cursor
 * calls and the public `TreeCursor`) give the same tree.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { type PythonParser, loadPythonParser } from '../../src/analysis/parse-python.js';
import { type PyTree, copyTree } from '../../src/analysis/py-tree.js';

const SOURCES: Record<string, string> = {
  module: [
    '"""Doc."""',
    'from __future__ import annotations',
    'import os, sys as system',
    'from .pkg import (a, b as c)  # trailing comment',
    '',
    '@decorator(1)',
    'class Point(Base, metaclass=Meta):',
    '    x: int = 0',
    '    def __init__(self, x, *args, y=2, **kw) -> None:',
    '        self.x = x if x else [i * 2 for i in range(10) if i % 2]',
    '        total += {k: v for k, v in kw.items()}',
    '',
    'async def main(request):',
    '    async with session() as s, lock:',
    '        async for item in s.stream():',
    '            await item',
    '    try:',
    '        pass',
    '    except (ValueError, KeyError) as exc:',
    '        raise RuntimeError("x") from exc',
    '    finally:',
    '        print(f"{request!r:>10} done", end="")',
    '    return lambda a, b=1: a + b',
  ].join('\n'),
  match: 'match command.split():\n    case [action]:\n        pass\n    case ["go", direction] | ["move", direction]:\n        go(direction)\n    case Point(x=0, y=0) as p:\n        pass\n    case {"k": v, **rest}:\n        pass\n    case _:\n        pass\n',
  strings: 's = "a\\tb\\n\\u00e9"\nb = b"\\x00"\nr = r"\\d+"\nt = """multi\nline\\\n"""\nu = f"{x:{width}}" "implicit" \'concat\'\n',
  unicode: 'café = "naïve 😀 ünïcödé"\n# коммент 🚀\ndef ƒ(λ): return λ  # 日本語\n',
  crlf: 'if x:\r\n    y = 1\r\nelse:\r\n    y = 2\r\n',
  tabs: 'def f():\n\tif a:\n\t\treturn 1\n\treturn 2\n',
  python2: 'print "x"\nexec code in ns\ntry:\n    pass\nexcept Exception, e:\n    pass\nx = 10L\n',
  missingParen: 'def f(:\n  return\n',
  unclosed: 'x = (1,\n',
  dangling: 'a = 1 +\n',
  brokenClass: 'class A:\ndef\n    x = [\n',
  blank: '\n\n   \n',
  empty: '',
  comment: '# only a comment\n',
  deep: `x = ${'('.repeat(60)}1${')'.repeat(60)}\n`,
};

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

/** Every node of `tree` in document order, as web-tree-sitter nodes. */
function nodesOf(tree: Tree): Node[] {
  const out: Node[] = [];
  const cursor = tree.walk();
  for (;;) {
    out.push(cursor.currentNode);
    if (cursor.gotoFirstChild()) continue;
    let done = false;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
    if (done) break;
  }
  cursor.delete();
  return out;
}

/** A description of every node and of the nodes each node answers with, by document index. */
function answersOf(tree: PyTree | Tree, fields: readonly string[]): unknown[] {
  const nodes = 'size' in tree ? Array.from({ length: tree.size }, (_, i) => tree.node(i)) : nodesOf(tree);
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const at = (n: { id: number } | null | undefined) => (n ? (index.get(n.id) ?? 'outside') : null);
  return nodes.map((n, i) => {
    // Child positions asked of a node that has not listed its children yet, then of one that has.
    const fresh = 'size' in tree ? tree.node(i) : n;
    const byPosition = [fresh.childCount, fresh.namedChildCount, at(fresh.firstChild), at(fresh.firstNamedChild), at(fresh.lastNamedChild), at(fresh.child(1)), at(fresh.namedChild(1))];
    const children = n.children.map(at);
    return {
      byPosition,
      type: n.type,
      named: n.isNamed,
      missing: n.isMissing,
      start: n.startIndex,
      end: n.endIndex,
      startPosition: n.startPosition,
      endPosition: n.endPosition,
      text: n.text,
      parent: at(n.parent),
      children,
      namedChildren: n.namedChildren.map(at),
      childCount: n.childCount,
      namedChildCount: n.namedChildCount,
      firstChild: at(n.firstChild),
      firstNamedChild: at(n.firstNamedChild),
      lastNamedChild: at(n.lastNamedChild),
      child1: at(n.child(1)),
      namedChild1: at(n.namedChild(1)),
      fields: fields.map((f) => [at(n.childForFieldName(f)), n.childrenForFieldName(f).map(at)]),
      fieldNames: children.map((_, i) => n.fieldNameForChild(i)),
      siblings: [at(n.nextSibling), at(n.previousSibling), at(n.nextNamedSibling), at(n.previousNamedSibling)],
      descendants: [at(n) === 0 ? n.hasError : null, ...['identifier', 'call', 'comment', 'string', 'ERROR'].map((t) => n.descendantsOfType(t).map(at))],
    };
  });
}

describe('PyTree', () => {
  test.each(Object.entries(SOURCES))('%s: every node answers as in web-tree-sitter', (_name, text) => {
    const raw = parser.parseTree(text) as Tree;
    const fields = raw.language.fields.filter((f): f is string => !!f);
    const file = parser.parse('sample.py', text);
    try {
      expect(file).not.toBeNull();
      expect(answersOf(file!.tree, fields)).toEqual(answersOf(raw, fields));
    } finally {
      raw.delete();
    }
  });

  test.each(Object.entries(SOURCES))('%s: the public cursor gives the same copy', (_name, text) => {
    const raw = parser.parseTree(text) as Tree;
    try {
      const slow = copyTree(raw, text);
      const fast = parser.parse('sample.py', text)!.tree;
      for (const key of ['size', 'typeIds', 'starts', 'ends', 'fieldIds', 'parents', 'subtreeEnds', 'rootHasError'] as const) {
        const a = slow[key];
        const b = fast[key];
        expect(typeof a === 'object' ? Array.from(a).slice(0, slow.size) : a).toEqual(typeof b === 'object' ? Array.from(b).slice(0, fast.size) : b);
      }
    } finally {
      raw.delete();
    }
  });
});
