import { moduleLevelImports } from '../../../../detectors/project/shared/py-imports.js';
import { dedent } from '../../../helpers/detector-cases.js';

const summary = (source: string, deferred = false) =>
  moduleLevelImports(dedent(source), { deferred }).map((i) => `${i.line}:${'.'.repeat(i.level)}${i.module}${i.names.length ? ` [${i.names.join(',')}]` : ''}`);

describe('moduleLevelImports', () => {
  test('plain, aliased, dotted, relative and parenthesised imports with their first line', () => {
    expect(
      summary(`
        import os, a.b as ab
        from . import x
        from ..pkg.mod import (
            one,  # comment
            two as t,
        )
        from m import *; import z
      `),
    ).toEqual(['1:os', '1:a.b', '2:. [x]', '3:..pkg.mod [one,two]', '7:m [*]', '7:z']);
  });

  test('function bodies, TYPE_CHECKING and __main__ blocks are skipped; class bodies, try and else run', () => {
    expect(
      summary(`
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            import hidden
        else:
            import shown
        def f(x: int) -> None:
            import inner
        class C:
            import in_class
        try:
            import optional
        except ImportError:
            optional = None
        if __name__ == "__main__":
            import script_only
      `),
    ).toEqual(['1:typing [TYPE_CHECKING]', '5:shown', '9:in_class', '11:optional']);
  });

  test('with deferred, imports inside functions count; TYPE_CHECKING ones never do', () => {
    expect(summary('if TYPE_CHECKING:\n    import hidden\ndef f():\n    import inner\n', true)).toEqual(['4:inner']);
  });

  test('strings and docstrings are not imports', () => {
    expect(summary('"""\nimport fake\n"""\nx = "import also_fake"\nimport real\n')).toEqual(['5:real']);
  });
});
