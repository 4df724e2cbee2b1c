/**
 * The one TypeScript traversal: handlers keyed by kind name run in document order (exit after the
 * children), in registry order per node; a throwing handler or a name that is no node kind fails
 * only its own detector; the dispatch tables are reused from walk to walk, so nothing of one walk
 * may reach the next, and a walk started inside another gets its own.
 */
import { ts } from 'ts-morph';
import type { TsVisitor } from '../../detectors/define.js';
import type { ActiveDetector } from '../../src/analysis/dispatch.js';
import { parseTypeScript } from '../../src/analysis/parse-typescript.js';
import { walkTypeScript } from '../../src/analysis/walk-typescript.js';

const SOURCE = 'function f(a) {\n  if (a) g(a);\n  return h();\n}\n';

function tree(text = SOURCE): ts.SourceFile {
  return parseTypeScript('a.ts', text).sourceFile;
}

const describeNode = (node: ts.Node): string => `${ts.SyntaxKind[node.kind]}:${node.getText().split('(')[0]}`;

describe('walkTypeScript', () => {
  it('calls enter in document order, exit after the children, and end once', () => {
    const seen: string[] = [];
    const visitor: TsVisitor = {
      enter: {
        FunctionDeclaration: (n) => seen.push(`enter ${describeNode(n)}`),
        CallExpression: (n) => seen.push(`enter ${describeNode(n)}`),
      },
      exit: {
        FunctionDeclaration: (n) => seen.push(`exit ${describeNode(n)}`),
        IfStatement: () => seen.push('exit if'),
      },
      end: () => seen.push('end'),
    };
    walkTypeScript(tree(), [{ owner: { id: 'a' }, visitor }]);
    expect(seen).toEqual([
      'enter FunctionDeclaration:function f',
      'enter CallExpression:g',
      'exit if',
      'enter CallExpression:h',
      'exit FunctionDeclaration:function f',
      'end',
    ]);
  });

  it('runs the handlers of one node in registry order', () => {
    const seen: string[] = [];
    const visitors = ['first', 'second', 'third'].map((id) => ({
      owner: { id },
      visitor: { enter: { ReturnStatement: () => seen.push(id) } },
    }));
    walkTypeScript(tree(), visitors);
    expect(seen).toEqual(['first', 'second', 'third']);
  });

  it('stops a detector whose handler throws, for the rest of the file only, and runs the others', () => {
    const calls: string[] = [];
    const failing: ActiveDetector = { id: 'failing' };
    const healthy: ActiveDetector = { id: 'healthy' };
    walkTypeScript(tree(), [
      { owner: failing, visitor: { enter: { CallExpression: () => { calls.push('failing'); throw new Error('boom'); } }, end: () => calls.push('failing end') } },
      { owner: healthy, visitor: { enter: { CallExpression: () => calls.push('healthy') }, end: () => calls.push('healthy end') } },
    ]);
    expect(calls).toEqual(['failing', 'healthy', 'healthy', 'healthy end']);
    expect(String(failing.failed)).toContain('boom');
    expect(healthy.failed).toBeUndefined();
  });

  it('fails a detector that names no node kind, and only that detector', () => {
    const misnamed: ActiveDetector = { id: 'misnamed' };
    const calls: string[] = [];
    const handlers = { CallExpresion: () => calls.push('misnamed') } as unknown as TsVisitor['enter'];
    walkTypeScript(tree(), [
      { owner: misnamed, visitor: { enter: handlers } },
      { owner: { id: 'fine' }, visitor: { enter: { ReturnStatement: () => calls.push('fine') } } },
    ]);
    expect(String(misnamed.failed)).toContain('no node kind is called "CallExpresion"');
    expect(calls).toEqual(['fine']);
  });

  it('keeps nothing of one walk for the next', () => {
    const first: string[] = [];
    walkTypeScript(tree(), [{ owner: { id: 'a' }, visitor: { enter: { CallExpression: () => first.push('call') }, exit: { Block: () => first.push('block') } } }]);
    expect(first).toEqual(['call', 'call', 'block']);
    const second: string[] = [];
    walkTypeScript(tree(), [{ owner: { id: 'b' }, visitor: { enter: { ReturnStatement: () => second.push('return') } } }]);
    expect(first).toHaveLength(3);
    expect(second).toEqual(['return']);
  });

  it('gives a walk started inside another its own tables', () => {
    const inner: string[] = [];
    const outer: string[] = [];
    walkTypeScript(tree(), [
      {
        owner: { id: 'outer' },
        visitor: {
          enter: {
            IfStatement: () => {
              walkTypeScript(tree('x(1);\n'), [{ owner: { id: 'inner' }, visitor: { enter: { CallExpression: (n) => inner.push(describeNode(n)) } } }]);
            },
            CallExpression: (n) => outer.push(describeNode(n)),
          },
        },
      },
    ]);
    expect(inner).toEqual(['CallExpression:x']);
    expect(outer).toEqual(['CallExpression:g', 'CallExpression:h']);
  });
});
