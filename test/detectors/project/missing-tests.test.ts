import detector from '../../../detectors/project/missing-tests.js';
import { describeProjectDetector, runProjectDetector } from '../../helpers/project-cases.js';

const fn = 'export function run(n: number): number {\n  return n + 1;\n}\n';
const pyFn = 'def run(n):\n    return n + 1\n';
/** A repository that has tests, for another module. */
const tested = { 'test/other.test.ts': "import { other } from '../src/other.js';\n", 'src/other.ts': fn };

describeProjectDetector(detector, {
  flags: [
    { note: 'a TS module with no test', files: { ...tested, 'src/price.ts': fn }, changed: ['src/price.ts'], findings: ['src/price.ts:1'], message: '`price.test.ts`' },
    { note: 'two untested files, one finding each', files: { ...tested, 'src/a.ts': fn, 'src/b.tsx': 'export const B = () => null;\n' }, changed: ['src/a.ts', 'src/b.tsx'], findings: ['src/a.ts:1', 'src/b.tsx:1'] },
    { note: 'a Python module with no test', files: { 'app/billing.py': pyFn, 'tests/test_users.py': 'def test_users():\n    pass\n' }, changed: ['app/billing.py'], findings: ['app/billing.py:1'], message: '`test_billing.py`' },
    { note: 'a class with methods', files: { ...tested, 'src/store.ts': 'export class Store {\n  get(k: string) { return k; }\n}\n' }, changed: ['src/store.ts'], findings: ['src/store.ts:1'] },
    { note: 'a JavaScript module', files: { ...tested, 'lib/queue.js': 'module.exports = function queue() { return []; };\n' }, changed: ['lib/queue.js'], findings: ['lib/queue.js:1'] },
    { note: 'a test of a similar but different name does not count', files: { ...tested, 'src/user.ts': fn, 'test/users-admin.test.ts': '' }, changed: ['src/user.ts'], findings: ['src/user.ts:1'] },
    { note: 'a constant import() nearby is not loading by name', files: { ...tested, 'src/lazy.ts': "export const lazy = () => import('./other.js');\n", 'src/price.ts': fn }, changed: ['src/price.ts'], findings: ['src/price.ts:1'] },
    { note: 'a related test that does not import it', files: { 'src/github/raw.ts': fn, 'test/github/flow.test.ts': "import { flow } from '../../src/github/flow.js';\n", 'src/github/flow.ts': fn }, changed: ['src/github/raw.ts'], findings: ['src/github/raw.ts:1'] },
    { note: 'an index file is named by its directory', files: { ...tested, 'src/cache/index.ts': fn }, changed: ['src/cache/index.ts'], findings: ['src/cache/index.ts:1'], message: '`cache.test.ts`' },
    { note: 'a Python package __init__ with logic', files: { 'shop/__init__.py': pyFn, 'tests/test_cart.py': '' }, changed: ['shop/__init__.py'], findings: ['shop/__init__.py:1'] },
    { note: 'a module of a service whose folder has a hyphen is importable from it', files: { 'user-service/app/billing.py': pyFn, 'user-service/tests/test_users.py': '' }, changed: ['user-service/app/billing.py'], findings: ['user-service/app/billing.py:1'] },
    { note: 'a package __init__ importing a constant module name is not a loader', files: { 'shop/__init__.py': `import importlib\nimporter = importlib.import_module("shop.cart")\n${pyFn}`, 'tests/test_users.py': '' }, changed: ['shop/__init__.py'], findings: ['shop/__init__.py:1'] },
    { note: 'only the added line changed: still a file-level finding on line 1', files: { ...tested, 'src/price.ts': fn }, changed: ['src/price.ts'], added: { 'src/price.ts': [2] }, findings: ['src/price.ts:1'] },
  ],
  ignores: [
    { note: 'foo.test.ts exists', files: { 'src/price.ts': fn, 'test/price.test.ts': '' }, changed: ['src/price.ts'] },
    { note: 'foo.spec.ts next to it', files: { 'src/price.ts': fn, 'src/price.spec.ts': '' }, changed: ['src/price.ts'] },
    { note: '__tests__/foo.ts', files: { 'src/price.ts': fn, 'src/__tests__/price.ts': '' }, changed: ['src/price.ts'] },
    { note: 'test/**/foo-variant.test.ts', files: { 'src/price.ts': fn, 'test/unit/price-rounding.test.ts': '' }, changed: ['src/price.ts'] },
    { note: 'tests/test_foo.py', files: { 'app/billing.py': pyFn, 'tests/test_billing.py': '' }, changed: ['app/billing.py'] },
    { note: 'foo_test.py', files: { 'app/billing.py': pyFn, 'app/billing_test.py': '' }, changed: ['app/billing.py'] },
    { note: 'a related test imports it', files: { 'src/github/raw.ts': fn, 'test/github/flow.test.ts': "import { raw } from '../../src/github/raw.js';\n" }, changed: ['src/github/raw.ts'] },
    { note: 'a related Python test imports it', files: { 'app/billing.py': pyFn, 'tests/app/test_flow.py': 'from app.billing import run\n' }, changed: ['app/billing.py'] },
    { note: 'the change touches a test', files: { ...tested, 'src/price.ts': fn }, changed: ['src/price.ts', 'test/other.test.ts'] },
    { note: 'the repository has no tests at all', files: { 'src/price.ts': fn }, changed: ['src/price.ts'] },
    { note: 'types only', files: { ...tested, 'src/types.ts': 'export interface Price { amount: number }\nexport type Id = string;\n' }, changed: ['src/types.ts'] },
    { note: 'constants and re-exports', files: { ...tested, 'src/index.ts': "export * from './other.js';\nexport const LIMIT = 3;\n" }, changed: ['src/index.ts'] },
    { note: 'scripts, config, declarations, migrations', files: { ...tested, 'scripts/build.mjs': 'export function go() {}\n', 'jest.config.js': 'module.exports = () => ({});\n', 'src/env.d.ts': 'declare function f(): void;\n', 'app/migrations/0001_init.py': pyFn, 'setup.py': pyFn }, changed: ['scripts/build.mjs', 'jest.config.js', 'src/env.d.ts', 'app/migrations/0001_init.py', 'setup.py'] },
    { note: 'a generated file', files: { ...tested, 'src/schema.ts': `// Code generated by protoc. DO NOT EDIT.\n${fn}` }, changed: ['src/schema.ts'] },
    { note: 'a Python module of dataclasses only', files: { 'app/shapes.py': 'from dataclasses import dataclass\n\n@dataclass\nclass Point:\n    x: int\n', 'tests/test_cart.py': '' }, changed: ['app/shapes.py'] },
    { note: 'a non-source file', files: { ...tested, 'README.md': '# hi\n' }, changed: ['README.md'] },
    {
      note: 'a plugin its package loads by computed name',
      files: { 'app/exporters/__init__.py': 'import importlib\n\ndef load(name):\n    return importlib.import_module(f"app.exporters.{name}")\n', 'app/exporters/csv_out.py': pyFn, 'tests/test_exporters.py': '' },
      changed: ['app/exporters/csv_out.py'],
    },
    { note: 'a Python script whose name cannot be imported', files: { 'tools_x/python-config.py': pyFn, 'tests/test_users.py': '' }, changed: ['tools_x/python-config.py'] },
    { note: 'a dunder package (interpreter machinery such as frozen-module fixtures)', files: { '__phello__/__init__.py': pyFn, '__phello__/spam.py': pyFn, 'tests/test_users.py': '' }, changed: ['__phello__/__init__.py', '__phello__/spam.py'] },
    {
      note: 'a package __init__ that is itself the loader of its modules by name',
      files: { 'app/codecs/__init__.py': 'def search(name):\n    return __import__("app.codecs." + name, fromlist=["*"])\n', 'app/codecs/utf_8.py': pyFn, 'tests/test_users.py': '' },
      changed: ['app/codecs/__init__.py'],
    },
    {
      note: 'the mirrored test is read before a large deeper test folder',
      files: {
        'engine/define.ts': fn,
        ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`test/engine/a/case${i}.test.ts`, "import { run } from '../../../engine/a/other.js';\n"])),
        'test/engine/registry.test.ts': "import { run } from '../../engine/define.js';\n",
      },
      changed: ['engine/define.ts'],
    },
    {
      note: 'a TS module its parent loads with a computed import()',
      files: { ...tested, 'src/registry.ts': 'export const load = (name: string) => import(`./rules/${name}.js`);\n', 'src/rules/no-eval.ts': fn },
      changed: ['src/rules/no-eval.ts'],
    },
  ],
});

describe('missing-tests on an incomplete listing', () => {
  test('stands down with a note', async () => {
    const run = await runProjectDetector(detector, { files: { ...tested, 'src/price.ts': fn }, changed: ['src/price.ts'], incomplete: true });
    expect(run.findings).toEqual([]);
    expect(run.notes).toEqual([{ ruleId: 'missing-tests', message: expect.stringContaining('listing is incomplete') }]);
  });

  test('findings are file-level', async () => {
    const run = await runProjectDetector(detector, { files: { ...tested, 'src/price.ts': fn }, changed: ['src/price.ts'] });
    expect(run.findings.map((f) => f.fileLevel)).toEqual([true]);
  });
});

describe('missing-tests: coverage through importers', () => {
  const helper = 'export function helper(n: number): number {\n  return n;\n}\n';
  test('a helper imported by a tested module of the parent directory is covered', async () => {
    const run = await runProjectDetector(detector, {
      files: {
        'detectors/shared/scope.ts': helper,
        'detectors/undefined-name.ts': "import { helper } from './shared/scope.js';\nexport const check = () => helper(1);\n",
        'test/detectors/undefined-name.test.ts': "import check from '../../detectors/undefined-name.js';\n",
      },
      changed: ['detectors/shared/scope.ts'],
    });
    expect(run.findings).toEqual([]);
  });

  test('two hops through the same directory', async () => {
    const run = await runProjectDetector(detector, {
      files: {
        'src/github/raw.ts': helper,
        'src/github/source.ts': "import { helper } from './raw.js';\nexport const source = () => helper(1);\n",
        'src/github/job.ts': "import { source } from './source.js';\nexport const job = () => source();\n",
        'test/github/job.test.ts': "import { job } from '../../src/github/job.js';\n",
      },
      changed: ['src/github/raw.ts'],
    });
    expect(run.findings).toEqual([]);
  });

  test('an importer that only imports types does not carry coverage', async () => {
    const run = await runProjectDetector(detector, {
      files: {
        'src/shapes/area.ts': 'export interface Shape { n: number }\nexport function area(s: Shape): number {\n  return s.n;\n}\n',
        'src/shapes/draw.ts': "import type { Shape } from './area.js';\nexport const draw = (s: Shape) => s;\n",
        'test/shapes/draw.test.ts': "import { draw } from '../../src/shapes/draw.js';\n",
      },
      changed: ['src/shapes/area.ts'],
    });
    expect(run.findings.map((f) => f.file)).toEqual(['src/shapes/area.ts']);
  });

  test('importerDepth 0: only direct tests count', async () => {
    const run = await runProjectDetector(detector, {
      files: {
        'src/github/raw.ts': helper,
        'src/github/source.ts': "import { helper } from './raw.js';\nexport const source = () => helper(1);\n",
        'test/github/source.test.ts': "import { source } from '../../src/github/source.js';\n",
      },
      changed: ['src/github/raw.ts'],
      options: { importerDepth: 0 },
    });
    expect(run.findings.map((f) => f.file)).toEqual(['src/github/raw.ts']);
  });
});

describe('missing-tests and the read budget', () => {
  test('a spent budget is not evidence of no test: stands down with a note', async () => {
    const run = await runProjectDetector(detector, { files: { ...tested, 'src/price.ts': fn }, changed: ['src/price.ts'], maxReads: 0 });
    expect(run.findings).toEqual([]);
    expect(run.notes).toEqual([{ ruleId: 'missing-tests', message: expect.stringContaining('read budget is spent') }]);
  });
});
