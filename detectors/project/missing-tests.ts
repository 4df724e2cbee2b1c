/**
 * missing-tests: source files the change touches that no test covers, when the change touches no
 * test either. A test covers a file when it is named for it by the usual conventions, or when a
 * related test file (same directory, or a directory of the same name) imports it.
 */
import { posix } from 'node:path';
import { defineProjectDetector, type ProjectChangedFile, type ProjectContext } from '../define.js';
import { hasLogic, isGenerated } from './shared/has-logic.js';
import { edgesOfText, familyOf } from './shared/module-edges.js';
import { importsSource, isTestPath, isTestableSourcePath, namesMatch, relatedTests, sourceStem, testStem } from './shared/test-files.js';

type Options = { maxTestReads: number; maxImporterReads: number; importerDepth: number };

/** The conventional test names of a source file, for the message. */
function conventions(path: string): string {
  const stem = sourceStem(path);
  if (path.endsWith('.py')) return `\`test_${stem}.py\` or \`${stem}_test.py\``;
  const ext = posix.extname(path).replace(/^\.[cm]?js$/, '.js').replace(/^\.[cm]?ts$/, '.ts');
  return `\`${stem}.test${ext}\`, \`${stem}.spec${ext}\` or \`__tests__/${stem}${ext}\``;
}

/** What the coverage search knows about the repository. */
interface Repo {
  paths: ReadonlySet<string>;
  tests: readonly string[];
  testStems: readonly string[];
  /** Non-test source files, candidates for importing a changed file. */
  sources: readonly string[];
}

/** True when a test is named for `path` by the conventions. */
function hasNamedTest(path: string, repo: Repo): boolean {
  const stem = sourceStem(path);
  // `test_urllib_response.py` names `urllib/response.py`: the package may prefix the module's name.
  const qualified = `${posix.basename(posix.dirname(path))}_${stem}`;
  return repo.testStems.some((t) => namesMatch(stem, t) || namesMatch(qualified, t));
}

/** True when a related test or test helper imports the source (at most `maxTestReads` reads). */
async function importedByTest(ctx: ProjectContext<Options>, source: string, repo: Repo): Promise<boolean> {
  const candidates = relatedTests(source, repo.tests).slice(0, ctx.options.maxTestReads);
  const texts = await Promise.all(candidates.map((t) => ctx.read(t)));
  return texts.some((text) => text !== null && importsSource(text, source));
}

/** Source files of the same or the parent directory that import `target` (when they load, or on call). */
async function importersOf(ctx: ProjectContext<Options>, target: string, repo: Repo): Promise<string[]> {
  const dir = posix.dirname(target);
  const parent = posix.dirname(dir);
  const family = familyOf(target);
  const near = (d: string): string[] => repo.sources.filter((p) => p !== target && familyOf(p) === family && posix.dirname(p) === d);
  // The same directory first: helpers are mostly imported by their neighbours.
  const candidates = [...near(dir), ...(parent !== dir ? near(parent) : [])].slice(0, ctx.options.maxImporterReads);
  const texts = await Promise.all(candidates.map((p) => ctx.read(p)));
  return candidates.filter((p, i) => {
    const text = texts[i];
    return text !== null && edgesOfText(p, text, repo.paths, { deferred: true }).some((e) => e.targets.includes(target));
  });
}

/** A module loaded by a computed name (`__import__(name)`, `import_module(name)`, `import(path)`, `require(path)`). */
const LOADS_BY_NAME = [
  /\b(__import__|import_module)\s*\(\s*(?!['"][^'"]*['"]\s*[,)])/,
  /(^|[^.\w])import\s*\(\s*(?!['"][^'"`]*['"]\s*\))/,
  /(^|[^.\w])require\s*\(\s*(?!['"])/,
];

/**
 * True when a module of the package or its parent loads modules by computed name: codec registries,
 * plugin and fixer folders. Tests then reach the file by its name as a string, which the import
 * search cannot see, so the rule stays silent.
 */
async function loadedByName(ctx: ProjectContext<Options>, path: string, text: string, repo: Repo): Promise<boolean> {
  const dir = posix.dirname(path);
  const parent = posix.dirname(dir);
  const family = familyOf(path);
  const inDir = (d: string): string[] => repo.sources.filter((p) => p !== path && familyOf(p) === family && posix.dirname(p) === d);
  const initFirst = (files: string[]): string[] => [...files.filter((p) => /\/(__init__\.py|index\.[cm]?[jt]sx?)$/.test(`/${p}`)), ...files];
  const siblings = inDir(dir);
  const uncles = parent !== dir ? inDir(parent) : [];
  // Half the reads for the package itself (its `__init__` / `index` first), half for its parent.
  const half = Math.ceil(ctx.options.maxImporterReads / 2);
  const candidates = [...new Set([...initFirst(siblings).slice(0, half), ...(parent === '.' ? [] : uncles.slice(0, half))])];
  const texts = await Promise.all(candidates.map((p) => ctx.read(p)));
  const loads = (i: number): boolean => texts[i] !== null && LOADS_BY_NAME.some((re) => re.test(texts[i] as string));
  if (candidates.some((p, i) => posix.dirname(p) === dir && loads(i))) return true;
  // The package's `__init__` / `index` that is itself the loader: the registry its modules are reached through.
  if (/^(__init__\.py|index\.[cm]?[jt]sx?)$/.test(posix.basename(path)) && LOADS_BY_NAME.some((re) => re.test(text))) return true;
  // A loader in the parent directory counts only when the parent names this directory somewhere
  // (`main("lib2to3.fixes")`): a root full of unrelated `__import__` calls says nothing.
  const named = new RegExp(`['"/.]${posix.basename(dir).replace(/[^\w-]/g, '')}['"/.]`);
  // The repository root is every top-level package's parent: too broad to say anything.
  if (parent === '.' || parent === dir) return false;
  const inParent = candidates.map((p, i) => (posix.dirname(p) === parent ? i : -1)).filter((i) => i >= 0);
  return inParent.some(loads) && inParent.some((i) => texts[i] !== null && named.test(texts[i] as string));
}

/**
 * True when a test reaches `path`: one named for it, a related test importing it, or (up to `depth`
 * hops) the same for a module of the same or parent directory that imports it.
 */
async function isCovered(ctx: ProjectContext<Options>, path: string, repo: Repo, depth: number, seen: Set<string>): Promise<boolean> {
  if (hasNamedTest(path, repo) || (await importedByTest(ctx, path, repo))) return true;
  if (depth === 0) return false;
  for (const importer of await importersOf(ctx, path, repo)) {
    if (seen.has(importer)) continue;
    seen.add(importer);
    if (await isCovered(ctx, importer, repo, depth - 1, seen)) return true;
  }
  return false;
}

/** A changed file that deserves a test: a testable path with real code that is not generated. */
function deservesTest(file: ProjectChangedFile): boolean {
  if (file.text === null || !isTestableSourcePath(file.path)) return false;
  return !isGenerated(file.text) && hasLogic(file.path, file.text);
}

export default defineProjectDetector<Options>({
  meta: {
    id: 'missing-tests',
    language: 'any',
    severity: 'medium',
    category: 'testing',
    description: 'Source files changed with no test file changed or present for them',
    recommendation: 'Add a test for the changed behaviour, next to the existing tests of the project.',
    docs: {
      why: 'Changed code that no test exercises is where regressions hide. The rule looks for a test by the usual names (`foo.test.ts`, `foo.spec.ts`, `__tests__/foo.ts`, `test/**/foo*.test.ts`, `tests/test_foo.py`, `foo_test.py`) anywhere in the repository, then for a related test (same directory, or under a directory of the same name) or a test helper that imports the file, and finally for such a test of a module in the same or the parent directory that imports the file (up to `importerDepth` hops; reads bounded by `maxTestReads` and `maxImporterReads`). It stays silent when the change touches any test (the author is testing, perhaps under another name), when the repository has no tests at all (no convention to follow), for tests, scripts, configuration, docs, examples, migrations, declaration files and generated files, for files with no function or method body (types, constants, re-exports), and for modules of a package whose own or parent modules load modules by computed name (`__import__(name)`, `import_module(name)`, `import(path)`: codec registries, plugin folders), which tests reach by name, and for that loader itself when it is the package\'s `__init__` or `index`; and for Python files that cannot be imported (a name that is not an identifier: scripts) or sit under a dunder folder (the interpreter\'s own fixtures).',
      flagged: [
        { files: { 'src/price.ts': 'export function price(n: number): number {\n  return n * 2;\n}\n', 'test/cart.test.ts': "import { cart } from '../src/cart.js';\n", 'src/cart.ts': 'export const cart = () => [];\n' }, changed: ['src/price.ts'] },
        { files: { 'app/billing.py': 'def charge(amount):\n    return amount\n', 'tests/test_users.py': 'def test_users():\n    pass\n' }, changed: ['app/billing.py'] },
      ],
      ignored: [
        { files: { 'src/price.ts': 'export function price(n: number): number {\n  return n * 2;\n}\n', 'test/price.test.ts': "import { price } from '../src/price.js';\n" }, changed: ['src/price.ts'] },
        { files: { 'src/types.ts': 'export interface Price {\n  amount: number;\n}\n', 'test/cart.test.ts': "import { cart } from '../src/cart.js';\n" }, changed: ['src/types.ts'] },
      ],
    },
  },
  defaultOptions: { maxTestReads: 30, maxImporterReads: 40, importerDepth: 3 },
  async check(ctx) {
    const changedTests = ctx.changed.filter((f) => isTestPath(f.path));
    if (changedTests.length > 0) {
      // Source and its tests changed together: the practice this rule asks for, said so in the summary.
      if (ctx.changed.some(deservesTest)) {
        for (const test of changedTests) {
          const first = test.wholeFile ? 1 : Math.min(...test.addedLines);
          if (Number.isFinite(first)) ctx.praise({ file: test.path, line: first, pattern: 'tests-alongside' });
        }
      }
      return;
    }
    const candidates = ctx.changed.filter(deservesTest);
    if (candidates.length === 0) return;
    if (!ctx.complete) {
      ctx.note('not run: the repository listing is incomplete, so existing tests cannot be ruled out');
      return;
    }
    const tests = ctx.paths.filter(isTestPath);
    if (tests.length === 0) return;
    const repo: Repo = { paths: new Set(ctx.paths), tests, testStems: tests.map(testStem), sources: ctx.paths.filter((p) => familyOf(p) !== undefined && !isTestPath(p)) };
    for (const file of candidates) {
      if (await isCovered(ctx, file.path, repo, ctx.options.importerDepth, new Set([file.path]))) continue;
      if (await loadedByName(ctx, file.path, file.text ?? '', repo)) continue;
      // An unread file may be the test that covers it: unknown, so silent.
      if (ctx.readBudgetSpent()) {
        ctx.note(`stopped at ${file.path}: the review's read budget is spent, so existing tests cannot be ruled out`);
        return;
      }
      ctx.report({
        file: file.path,
        line: 1,
        fileLevel: true,
        message: `\`${file.path}\` changed with no test: the change touches no test, and the repository has no test named for it (${conventions(file.path)}) nor a test importing it, directly or through the modules of its directory that import it.`,
      });
    }
  },
});
