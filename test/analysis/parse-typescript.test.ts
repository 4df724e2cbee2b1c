/**
 * The TypeScript tree the detectors read is the compiler's own tree: `parseTypeScript` skips the
 * compiler's parent pass and JSDoc, and sets parents in the pass that lists the nodes for the one
 * traversal. Every node must have the parent the compiler would give it, the listing must hold every
 * node once in document order with its depth and kind, and a tree parsed elsewhere (with JSDoc) is
 * listed the same way.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ts } from 'ts-morph';
import { documentOrder, documentOrderOf, parseTypeScript } from '../../src/analysis/parse-typescript.js';

const SOURCES: Record<string, string> = {
  'module.ts': [
    '/** Module doc. @packageDocumentation */',
    "import fs, { readFile as rf } from 'node:fs';",
    "export * as ns from './ns';",
    '@decorate({ a: 1 })',
    'export abstract class Store<T extends object = {}> extends Base implements Api {',
    '  /** The items. @type {Map<string, T>} */',
    '  #items = new Map<string, T>();',
    '  static { init(); }',
    '  constructor(private readonly db: Db, public name?: string) { super(); }',
    '  get size(): number { return this.#items.size; }',
    '  abstract load(id: string): Promise<T | undefined>;',
    '  async *stream(this: Store<T>, ...ids: string[]): AsyncGenerator<T> {',
    '    for await (const id of ids) yield (await this.load(id))!;',
    '  }',
    '}',
    'type Deep<T> = { [K in keyof T]?: T[K] extends object ? Deep<T[K]> : T[K] };',
    'enum Color { Red = 1, Green = Red << 1 }',
    'declare module "x" { export const y: number; }',
    'label: for (let i = 0, j = 10; i < j; i++, j--) { if (i % 2) continue label; else break; }',
    'const tpl = tag`a${1}b${`nested ${x ?? y}`}c`;',
    'const { a, b: [c, ...d] = [], ...rest } = source satisfies object as any;',
    'switch (x) { case 1: { break; } default: throw new Error(`bad ${x}`); }',
    'try { f?.(); } catch { /* empty */ } finally { g(); }',
  ].join('\n'),
  'view.tsx': [
    'export function View({ items }: { items: string[] }) {',
    '  return <ul className="x" {...rest}>{items.map((i) => <li key={i}>{i}</li>)}<></></ul>;',
    '}',
  ].join('\n'),
  'legacy.js': [
    '/** @typedef {{ id: string }} Item */',
    '/** @type {Item} */',
    'const item = /** @type {Item} */ (JSON.parse(text));',
    'module.exports = function handler(req, res) { res.end(String(item.id)); };',
  ].join('\n'),
  'broken.ts': 'function (a, { b: } => {\n  if (\n  return <div>\n',
  // Deeper than the listing's recursion: a left-deep chain of `+` and nested parentheses and calls.
  'deep.ts': `const sum = ${Array.from({ length: 1500 }, (_, i) => `a${i}`).join(' + ')};\nconst nested = ${'f('.repeat(240)}x${')'.repeat(240)};\n`,
};

/** Some real sources from a pinned package that ships its TypeScript (installed by `npm ci`). */
function packageSources(limit: number): Record<string, string> {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('zod/package.json')), 'src');
  const out: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const entry of ts.sys.readDirectory(dir, ['.ts'], undefined, undefined)) {
      if (Object.keys(out).length >= limit) return;
      if (!entry.endsWith('.d.ts')) out[`zod/${entry.slice(root.length + 1)}`] = readFileSync(entry, 'utf8');
    }
  };
  visit(root);
  return out;
}

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  return path.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

/** Every node `ts.forEachChild` reaches, in document order, with its depth (recursive: the reference). */
function reference(root: ts.Node): Array<{ node: ts.Node; depth: number }> {
  const out: Array<{ node: ts.Node; depth: number }> = [];
  const visit = (node: ts.Node, depth: number): void => {
    out.push({ node, depth });
    ts.forEachChild(node, (child) => visit(child, depth + 1));
  };
  visit(root, 0);
  return out;
}

function describeNode(node: ts.Node | undefined): string {
  return node === undefined ? 'none' : `${ts.SyntaxKind[node.kind]}@${node.pos}-${node.end}`;
}

const cases = Object.entries({ ...SOURCES, ...packageSources(40) });

describe('parseTypeScript', () => {
  it('reads real sources for the comparison', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(cases)('%s: every node has the compiler’s parent, listed once in document order', (path, text) => {
    const ours = parseTypeScript(path, text).sourceFile;
    const theirs = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, scriptKind(path));
    const expected = reference(theirs);
    const listed = documentOrderOf(ours);
    expect(listed.nodes.length).toBe(expected.length);
    const mismatches: string[] = [];
    expected.forEach(({ node, depth }, i) => {
      const mine = listed.nodes[i];
      const same =
        mine.kind === node.kind &&
        mine.pos === node.pos &&
        mine.end === node.end &&
        listed.depths[i] === depth &&
        listed.kinds[i] === node.kind &&
        describeNode(mine.parent) === describeNode(node.parent);
      if (!same && mismatches.length < 5) mismatches.push(`${i}: ${describeNode(mine)} under ${describeNode(mine.parent)}, expected ${describeNode(node)} under ${describeNode(node.parent)}`);
    });
    expect(mismatches).toEqual([]);
  });

  it('skips JSDoc: no rule reads it, and the tree has none', () => {
    const file = parseTypeScript('legacy.js', SOURCES['legacy.js']);
    const documented = file.sourceFile.statements.filter((s) => (s as { jsDoc?: unknown[] }).jsDoc !== undefined);
    expect(documented).toEqual([]);
    // The comments are still in the text, where unused-import reads the words of doc comments.
    expect(file.text).toContain('@typedef');
  });

  it('lists a tree parsed elsewhere, JSDoc comments included, with the parents the compiler set', () => {
    const text = SOURCES['module.ts'];
    const tree = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, true);
    const listed = documentOrderOf(tree);
    expect(listed.nodes.map((n) => n.kind)).toEqual(reference(tree).map(({ node }) => node.kind));
    const doc = (tree.statements.find((s) => ts.isClassDeclaration(s)) as ts.ClassDeclaration).members[0] as ts.Node & { jsDoc?: ts.JSDoc[] };
    expect(doc.jsDoc?.[0].parent).toBe(doc);
    // Listed once, then kept with the tree.
    expect(documentOrderOf(tree)).toBe(listed);
  });

  it('sets the parents of JSDoc comments too, in a tree parsed with them', () => {
    const text = SOURCES['module.ts'];
    const bare = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, false);
    documentOrder(bare, true);
    const member = (bare.statements.find((s) => ts.isClassDeclaration(s)) as ts.ClassDeclaration).members[0] as ts.Node & { jsDoc?: ts.JSDoc[] };
    const doc = member.jsDoc?.[0] as ts.JSDoc;
    expect(doc.parent).toBe(member);
    const tag = doc.tags?.[0] as ts.JSDocTag;
    expect(tag.parent).toBe(doc);
    expect(tag.tagName.parent).toBe(tag);
  });

  it('answers lines and line numbers from the text', () => {
    const file = parseTypeScript('a.ts', 'const a = 1;\r\nconst b = 2;\nconst c = 3;');
    expect(file.lines).toEqual(['const a = 1;', 'const b = 2;', 'const c = 3;']);
    const c = file.sourceFile.statements[2];
    expect(file.lineOf(c.getStart())).toBe(3);
  });
});
