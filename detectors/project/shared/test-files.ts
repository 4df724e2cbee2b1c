/**
 * Test-file conventions of TypeScript/JavaScript and Python projects: which paths are tests, which
 * source files deserve one, and which test names belong to which source file.
 */
import { posix } from 'node:path';

const SOURCE_EXT = /\.([cm]?[jt]sx?|py)$/;
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', '__mocks__', 'testing', 'test-utils', 'testutils', 'cypress', 'playwright']);
const TEST_NAME = [/\.(test|spec|e2e|cy)\.[cm]?[jt]sx?$/, /^test_.*\.py$/, /_tests?\.py$/, /^conftest\.py$/, /^tests?\.py$/];
/** Directories whose code is not expected to have unit tests: tooling, docs, generated, examples. */
const UNTESTED_DIRS = new Set([
  'scripts', 'script', 'bin', 'tools', 'tooling', 'docs', 'doc', 'examples', 'example', 'demo', 'demos', 'samples', 'sample',
  'migrations', 'alembic', 'fixtures', 'stories', '.storybook', '.github', 'benchmark', 'benchmarks', 'bench', 'generated',
  '__generated__', 'node_modules', 'vendor', 'third_party', 'dist', 'build', 'typings', 'settings', '.husky',
]);
const CONFIG_NAME = [
  /\.config\.[cm]?[jt]s$/, /^\..*rc\.[cm]?[jt]s$/, /\.stories\.[jt]sx?$/, /\.d\.[cm]?ts$/, /\.generated\./, /_pb2(_grpc)?\.py$/, /\.pb\.[jt]s$/,
  /^(setup|manage|wsgi|asgi|settings|noxfile|fabfile|tasks|__main__|conf|gunicorn\.conf|gunicorn_config|version|_version)\.py$/,
];

const PY_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DUNDER = /^__\w+__$/;

const segments = (path: string): string[] => posix.dirname(path).split('/').filter((s) => s !== '.');

/** True for a test, a test helper or fixture: anything under a test directory or named like a test. */
export function isTestPath(path: string): boolean {
  if (!SOURCE_EXT.test(path)) return false;
  const name = posix.basename(path);
  return TEST_NAME.some((re) => re.test(name)) || segments(path).some((s) => TEST_DIRS.has(s.toLowerCase()));
}

/** True for a TS/JS/Python file that could deserve a test (not a test, config, script, doc, declaration, generated file). */
export function isTestableSourcePath(path: string): boolean {
  if (!SOURCE_EXT.test(path) || isTestPath(path)) return false;
  const name = posix.basename(path);
  if (CONFIG_NAME.some((re) => re.test(name))) return false;
  // `turtledemo/`, `code-examples/`: demo and example folders by suffix too.
  if (segments(path).some((s) => UNTESTED_DIRS.has(s.toLowerCase()) || s.startsWith('.') || /(demos?|examples?|samples?)$/i.test(s))) return false;
  if (path.endsWith('.py')) {
    // `python-config.py` cannot be imported: a script run by path, not a module a test imports.
    if (!PY_IDENTIFIER.test(name.slice(0, -3))) return false;
    // `__phello__/`: dunder names are reserved for the interpreter's own machinery (PEP 8), such as frozen-module fixtures.
    if (segments(path).some((s) => DUNDER.test(s))) return false;
  }
  return true;
}

/** The name a test of `path` carries: the file's stem, or its directory's for `index.ts` / `__init__.py`. */
export function sourceStem(path: string): string {
  const stem = posix.basename(path).replace(SOURCE_EXT, '');
  if (stem === 'index' || stem === '__init__') return posix.basename(posix.dirname(path));
  return stem;
}

/** The stem a test file names, with the test markers removed (`foo.test.ts`, `test_foo.py` → `foo`). */
export function testStem(path: string): string {
  return posix
    .basename(path)
    .replace(SOURCE_EXT, '')
    .replace(/\.(test|spec|e2e|cy)$/, '')
    .replace(/^test_/, '')
    .replace(/_tests?$/, '');
}

const normal = (s: string): string => s.toLowerCase().replace(/[-_.]/g, '');

/** True when a test named `test` goes by the source stem: `foo`, `foo-errors`, `foo.flow`, `Foo`, `foo_bar` ~ `fooBar`. */
export function namesMatch(stem: string, test: string): boolean {
  if (stem === '' || test === '') return false;
  if (normal(stem) === normal(test)) return true;
  return test.length > stem.length && test.startsWith(stem) && '-_.'.includes(test[stem.length]);
}

/** Directory names too common to tie a test to a source file by location. */
const GENERIC_DIRS = new Set(['src', 'lib', 'app', 'apps', 'source', 'sources', 'pkg', 'packages', 'internal', 'core', 'main', 'server', 'client', 'python', 'ts', 'js']);

/**
 * Test files worth reading to see whether they import `source`, most related first: the same
 * directory or a shared distinctive directory name, then test helpers (files under a test directory
 * not named like a test: the shared runners many tests go through).
 */
export function relatedTests(source: string, tests: readonly string[]): string[] {
  const dir = posix.dirname(source);
  const distinctive = new Set(segments(source).filter((s) => !GENERIC_DIRS.has(s.toLowerCase())));
  const related = tests.filter((t) => {
    if (posix.dirname(t) === dir) return true;
    // `test_importlib/`, `test_ensurepip.py` and `test_xml_etree.py` name the packages they test.
    const own = segments(t)
      .filter((s) => !TEST_DIRS.has(s.toLowerCase()))
      .map((s) => s.replace(/^tests?_|_tests?$/, ''));
    if (distinctive.size === 0) return own.every((s) => GENERIC_DIRS.has(s.toLowerCase()));
    return own.some((s) => distinctive.has(s)) || testStem(t).split(/[-_.]/).some((part) => distinctive.has(part));
  });
  // Closest first: `test/detectors/registry.test.ts` mirrors `detectors/define.ts` and is read before
  // the many tests a level deeper, so a large test folder does not hide it past the read bound.
  const own = (t: string): string => segments(t).filter((s) => !TEST_DIRS.has(s.toLowerCase())).join('/');
  const mirror = segments(source).join('/');
  const closeness = (t: string): number => (posix.dirname(t) === dir || own(t) === mirror ? 0 : 1 + segments(t).length);
  const ranked = related.map((t, i) => ({ t, i, c: closeness(t) })).sort((a, b) => a.c - b.c || a.i - b.i).map((r) => r.t);
  const helpers = tests.filter((t) => !related.includes(t) && !TEST_NAME.some((re) => re.test(posix.basename(t))));
  return [...ranked, ...helpers];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the test text imports a module named like `source` (by its last path element). */
export function importsSource(testText: string, source: string): boolean {
  const stem = posix.basename(source).replace(SOURCE_EXT, '');
  const name = escape(stem === 'index' || stem === '__init__' ? posix.basename(posix.dirname(source)) : stem);
  if (source.endsWith('.py')) {
    return new RegExp(`^\\s*(from\\s+[\\w.]*\\b${name}\\b[\\w.]*\\s+import\\b|from\\s+[\\w.]+\\s+import\\s+[^#\\n]*\\b${name}\\b|import\\s+[\\w.]*\\b${name}\\b)`, 'm').test(testText);
  }
  const index = stem === 'index' ? '(\\/index)?' : '';
  return new RegExp(`(from\\s+|require\\(\\s*|import\\(\\s*|import\\s+)['"][^'"]*\\/${name}${index}(\\.[cm]?[jt]sx?)?['"]`).test(testText);
}
