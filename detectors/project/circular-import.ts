/**
 * circular-import: an import the change adds that closes a cycle among the repository's modules
 * (TypeScript/JavaScript relative imports, Python package imports). Only imports that run when the
 * module loads count: type-only imports, `if TYPE_CHECKING:` blocks and imports inside functions
 * do not form a load-time cycle.
 */
import { defineProjectDetector, type ProjectChangedFile, type ProjectContext } from '../define.js';
import { edgesOfText, familyOf } from './shared/module-edges.js';

type Options = { maxModules: number };
/** The module graph at the head, read lazily and once per module through the reader. */
function moduleGraph(ctx: ProjectContext<Options>, paths: ReadonlySet<string>): (path: string) => Promise<string[]> {
  const cache = new Map<string, Promise<string[]>>();
  return (path) => {
    let edges = cache.get(path);
    if (!edges) {
      edges = ctx.read(path).then((text) => (text === null ? [] : [...new Set(edgesOfText(path, text, paths).flatMap((e) => e.targets))].sort()));
      cache.set(path, edges);
    }
    return edges;
  };
}

/** The shortest import path from `start` to `goal` (breadth first, in path order), or undefined. */
async function findPath(start: string, goal: string, next: (path: string) => Promise<string[]>, limit: number): Promise<string[] | undefined> {
  const parent = new Map<string, string | null>([[start, null]]);
  let layer = [start];
  while (layer.length > 0 && parent.size < limit) {
    const neighbours = await Promise.all(layer.map(next));
    const following: string[] = [];
    for (const [i, node] of layer.entries()) {
      for (const target of neighbours[i]) {
        if (parent.has(target)) continue;
        parent.set(target, node);
        if (target === goal) {
          const path = [goal];
          for (let cur = parent.get(goal); cur; cur = parent.get(cur)) path.unshift(cur);
          return path;
        }
        following.push(target);
      }
    }
    layer = following;
  }
  return undefined;
}

function isAdded(file: ProjectChangedFile, line: number): boolean {
  return file.wholeFile === true || file.addedLines.has(line);
}

export default defineProjectDetector<Options>({
  meta: {
    id: 'circular-import',
    language: ['typescript', 'python'],
    severity: 'medium',
    category: 'architecture',
    description: 'An import the change adds closes a cycle among the repository\'s modules',
    recommendation: 'Break the cycle: move the shared code into a module both can import, or invert the dependency (pass it in, import lazily inside the function that needs it).',
    docs: {
      why: 'Modules in a cycle load half-initialised: one of them sees the other\'s exports as undefined (TypeScript/ESM `ReferenceError` or `undefined is not a function`, Python `ImportError: cannot import name ... (most likely due to a circular import)`), and which one depends on which is imported first. Only imports that run at load time count: `import type`, names used only as types (TypeScript erases them), `if TYPE_CHECKING:` blocks, imports inside functions and dynamic `import()` do not. Imports of packages and path aliases are not followed.',
      flagged: [
        { files: { 'src/a.ts': "import { b } from './b.js';\nexport const a = () => b();\n", 'src/b.ts': "import { a } from './a.js';\nexport const b = () => 1;\nexport const c = () => a();\n" }, changed: ['src/a.ts'] },
        { files: { 'app/models.py': 'from app.services import notify\n\nclass User:\n    pass\n', 'app/services.py': 'from app.models import User\n\ndef notify(user: User) -> None:\n    pass\n', 'app/__init__.py': '' }, changed: ['app/models.py'] },
      ],
      ignored: [
        { files: { 'src/a.ts': "import type { B } from './b.js';\nexport const a = (b: B) => b;\n", 'src/b.ts': "import { a } from './a.js';\nexport interface B { x: number }\nexport const c = () => a;\n" }, changed: ['src/a.ts'] },
        { files: { 'app/models.py': 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.services import notify\n', 'app/services.py': 'from app.models import User\n', 'app/__init__.py': '' }, changed: ['app/models.py'] },
      ],
    },
  },
  defaultOptions: { maxModules: 2000 },
  async check(ctx) {
    const paths = new Set(ctx.paths);
    const graph = moduleGraph(ctx, paths);
    for (const file of ctx.changed) {
      if (file.text === null || !familyOf(file.path) || !paths.has(file.path)) continue;
      for (const edge of edgesOfText(file.path, file.text, paths)) {
        if (!isAdded(file, edge.keyLine)) continue;
        for (const target of edge.targets) {
          const back = await findPath(target, file.path, graph, ctx.options.maxModules);
          if (!back) continue;
          ctx.report({
            file: file.path,
            line: edge.line,
            endLine: edge.endLine,
            message: `Importing ${edge.what} closes an import cycle: ${[file.path, ...back].join(' → ')}.`,
          });
          break;
        }
      }
    }
  },
});
