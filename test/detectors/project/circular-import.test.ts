import detector from '../../../detectors/project/circular-import.js';
import { describeProjectDetector, runProjectDetector } from '../../helpers/project-cases.js';

const b = "import { a } from './a.js';\nexport const b = () => a();\n";

describeProjectDetector(detector, {
  flags: [
    { note: 'two TS modules', files: { 'src/a.ts': "import { b } from './b.js';\nexport const a = () => b();\n", 'src/b.ts': b }, changed: ['src/a.ts'], findings: ['src/a.ts:1'], message: 'src/a.ts → src/b.ts → src/a.ts' },
    {
      note: 'a three-module cycle through an index file',
      files: {
        'src/a.ts': "import { x } from './util';\nexport const a = () => x;\n",
        'src/util/index.ts': "export { c as x } from '../c.js';\n",
        'src/c.ts': "import { a } from './a.js';\nexport const c = () => a();\n",
      },
      changed: ['src/a.ts'],
      findings: ['src/a.ts:1'],
      message: 'src/a.ts → src/util/index.ts → src/c.ts → src/a.ts',
    },
    { note: 'only the added import counts', files: { 'src/a.ts': "import { z } from './z.js';\nimport { b } from './b.js';\nexport const a = () => b() + z;\n", 'src/b.ts': b, 'src/z.ts': 'export const z = 1;\n' }, changed: ['src/a.ts'], added: { 'src/a.ts': [2] }, findings: ['src/a.ts:2'] },
    { note: 'a side-effect import', files: { 'src/a.ts': "import './b.js';\nexport const a = () => 1;\n", 'src/b.ts': b }, changed: ['src/a.ts'], findings: ['src/a.ts:1'] },
    { note: 'a re-export', files: { 'src/a.ts': "export * from './b.js';\nexport const a = () => 1;\n", 'src/b.ts': b }, changed: ['src/a.ts'], findings: ['src/a.ts:1'] },
    { note: 'CommonJS require', files: { 'lib/a.js': "const b = require('./b');\nmodule.exports = () => b();\n", 'lib/b.js': "const a = require('./a.js');\nmodule.exports = () => a();\n" }, changed: ['lib/a.js'], findings: ['lib/a.js:1'] },
    { note: 'a named import used as a value in a class extends', files: { 'src/a.ts': "import { Base } from './b.js';\nexport class A extends Base {}\n", 'src/b.ts': "import { A } from './a.js';\nexport class Base {}\nexport const make = () => new A();\n" }, changed: ['src/a.ts'], findings: ['src/a.ts:1'] },
    {
      note: 'Python absolute package imports',
      files: { 'app/__init__.py': '', 'app/models.py': 'from app.services import notify\n\nclass User:\n    pass\n', 'app/services.py': 'from app.models import User\n\ndef notify(user):\n    return User\n' },
      changed: ['app/models.py'],
      findings: ['app/models.py:1'],
      message: 'app/models.py → app/services.py → app/models.py',
    },
    {
      note: 'Python relative imports, a submodule named in from-import',
      files: { 'pkg/__init__.py': '', 'pkg/a.py': 'from . import b\n\nVALUE = 1\n', 'pkg/b.py': 'from .a import VALUE\n\ndef f():\n    return VALUE\n' },
      changed: ['pkg/a.py'],
      findings: ['pkg/a.py:1'],
    },
    {
      note: 'Python under src/, a multi-line from-import, imports in a class body and try block',
      files: {
        'src/shop/__init__.py': '',
        'src/shop/cart.py': 'try:\n    from shop.prices import (\n        price,\n    )\nexcept ImportError:\n    price = None\n',
        'src/shop/prices.py': 'class Prices:\n    import shop.cart\n',
      },
      changed: ['src/shop/cart.py'],
      findings: ['src/shop/cart.py:2'],
    },
    { note: 'both halves of a new cycle added in one change', files: { 'src/a.ts': "import { b } from './b.js';\nexport const a = () => b();\n", 'src/b.ts': b }, changed: ['src/a.ts', 'src/b.ts'], findings: ['src/a.ts:1', 'src/b.ts:1'] },
  ],
  ignores: [
    { note: 'import type', files: { 'src/a.ts': "import type { B } from './b.js';\nexport const a = (x: B) => x;\n", 'src/b.ts': "import { a } from './a.js';\nexport type B = number;\nexport const c = () => a;\n" }, changed: ['src/a.ts'] },
    { note: 'inline type specifiers only', files: { 'src/a.ts': "import { type B } from './b.js';\nexport const a = (x: B) => x;\n", 'src/b.ts': b }, changed: ['src/a.ts'] },
    { note: 'names used only as types are erased', files: { 'src/a.ts': "import { B } from './b.js';\nexport const a = (x: B): B => x;\nexport class C implements B {}\n", 'src/b.ts': "import { a } from './a.js';\nexport interface B { n?: number }\nexport const c = () => a;\n" }, changed: ['src/a.ts'] },
    { note: 'dynamic import is lazy', files: { 'src/a.ts': "export const a = async () => (await import('./b.js')).b();\n", 'src/b.ts': b }, changed: ['src/a.ts'] },
    { note: 'no way back', files: { 'src/a.ts': "import { b } from './b.js';\nexport const a = () => b();\n", 'src/b.ts': 'export const b = () => 1;\n' }, changed: ['src/a.ts'] },
    { note: 'the import line was not added', files: { 'src/a.ts': "import { b } from './b.js';\nexport const a = () => b();\n", 'src/b.ts': b }, changed: ['src/a.ts'], added: { 'src/a.ts': [2] } },
    { note: 'package imports are not followed', files: { 'src/a.ts': "import { b } from 'b';\nexport const a = () => b();\n", 'src/b.ts': b }, changed: ['src/a.ts'] },
    {
      note: 'Python: if TYPE_CHECKING',
      files: { 'app/__init__.py': '', 'app/models.py': 'from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from app.services import notify\n', 'app/services.py': 'from app.models import User\n' },
      changed: ['app/models.py'],
    },
    {
      note: 'Python: an import inside a function',
      files: { 'app/__init__.py': '', 'app/models.py': 'def load():\n    from app.services import notify\n    return notify\n', 'app/services.py': 'from app.models import load\n' },
      changed: ['app/models.py'],
    },
    {
      note: 'Python: an import under if __name__ == "__main__"',
      files: { 'app/__init__.py': '', 'app/models.py': 'X = 1\n\nif __name__ == "__main__":\n    from app.services import notify\n    notify()\n', 'app/services.py': 'from app.models import X\n' },
      changed: ['app/models.py'],
    },
    {
      note: 'Python: an import in a docstring',
      files: { 'app/__init__.py': '', 'app/models.py': '"""Usage:\nfrom app.services import notify\n"""\nX = 1\n', 'app/services.py': 'from app.models import X\n' },
      changed: ['app/models.py'],
    },
    {
      note: 'Python: standard library module of the same name elsewhere',
      files: { 'app/__init__.py': '', 'app/json_tools.py': 'import json\n', 'lib/json.py': 'from app.json_tools import x\n' },
      changed: ['app/json_tools.py'],
    },
  ],
});

describe('circular-import limits', () => {
  test('stops at maxModules: a long chain is not searched past the bound', async () => {
    const files: Record<string, string> = { 'src/m0.ts': "import { m } from './m1.js';\nexport const m0 = m;\n" };
    for (let i = 1; i < 30; i++) files[`src/m${i}.ts`] = `import { m } from './m${(i + 1) % 30}.js';\nexport const m${i} = 1;\nexport { m${i} as m };\n`;
    files['src/m29.ts'] = "import { m0 } from './m0.js';\nexport const m = m0;\n";
    const found = await runProjectDetector(detector, { files, changed: ['src/m0.ts'] });
    expect(found.findings).toHaveLength(1);
    const bounded = await runProjectDetector(detector, { files, changed: ['src/m0.ts'], options: { maxModules: 10 } });
    expect(bounded.findings).toEqual([]);
  });

  test('reads only modules reachable from the new import', async () => {
    const run = await runProjectDetector(detector, {
      files: { 'src/a.ts': "import { b } from './b.js';\nexport const a = () => b();\n", 'src/b.ts': 'export const b = () => 1;\n', 'src/other.ts': "import { a } from './a.js';\n" },
      changed: ['src/a.ts'],
    });
    expect(run.reads).toEqual(['src/b.ts']);
  });
});
