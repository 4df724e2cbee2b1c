import { resolvePyImport, resolveTsImport } from '../../../../detectors/project/shared/resolve-module.js';

describe('resolveTsImport', () => {
  const paths = new Set(['src/a.ts', 'src/b.tsx', 'src/util/index.ts', 'src/c.mts', 'lib/d.js', 'src/types.d.ts']);
  test.each([
    ['src/x.ts', './a.js', 'src/a.ts'],
    ['src/x.ts', './a', 'src/a.ts'],
    ['src/x.ts', './b.jsx', 'src/b.tsx'],
    ['src/x.ts', './util', 'src/util/index.ts'],
    ['src/x.ts', './c.mjs', 'src/c.mts'],
    ['src/x.ts', '../lib/d.js', 'lib/d.js'],
    ['src/x.ts', './types', undefined],
    ['src/x.ts', 'lodash', undefined],
    ['src/x.ts', '../../outside.js', undefined],
  ])('%s imports %s → %s', (from, spec, expected) => {
    expect(resolveTsImport(from, spec, paths)).toBe(expected);
  });
});

describe('resolvePyImport', () => {
  const paths = new Set(['src/shop/__init__.py', 'src/shop/cart.py', 'src/shop/prices/__init__.py', 'src/shop/prices/tax.py', 'tools/run.py', 'tools/helpers.py']);
  const imp = (module: string, level = 0, names: string[] = []) => ({ module, level, names, line: 1, endLine: 1 });
  test.each([
    ['src/shop/cart.py', imp('shop.prices'), ['src/shop/prices/__init__.py']],
    ['src/shop/cart.py', imp('shop.prices', 0, ['tax']), ['src/shop/prices/tax.py']],
    ['src/shop/cart.py', imp('shop.prices', 0, ['rate']), ['src/shop/prices/__init__.py']],
    ['src/shop/prices/tax.py', imp('', 2, ['cart']), ['src/shop/cart.py']],
    ['src/shop/prices/tax.py', imp('', 1, ['VALUE']), ['src/shop/prices/__init__.py']],
    ['tools/run.py', imp('helpers'), ['tools/helpers.py']],
    ['src/shop/cart.py', imp('json'), []],
    ['src/shop/cart.py', imp('', 5, ['x']), []],
  ])('%s: %j', (importer, statement, expected) => {
    expect(resolvePyImport(importer, statement, paths)).toEqual(expected);
  });
});
