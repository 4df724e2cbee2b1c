import detector from '../../../detectors/python/deep-nesting.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'def sync(rows):\n    for row in rows:\n        if row.active:\n            with lock:\n                try:\n                    if row.dirty:\n                        save(row)\n                except IOError:\n                    pass\n',
      line: 6,
      message: '`sync` nests blocks 5 levels deep (the limit is 4); past it here: for → if → with → try → if',
    },
    { code: 'def f(a):\n    if a:\n        if a:\n            if a:\n                if a:\n                    while a:\n                        if a:\n                            pass\n', line: 6, message: '6 levels deep' },
    { code: 'def f(x):\n    match x:\n        case 1:\n            for i in x:\n                if i:\n                    with i:\n                        try:\n                            pass\n                        finally:\n                            pass\n', line: 7, message: 'match → for → if → with → try', note: 'match counts as one level' },
    { code: 'def f(a):\n    if a:\n        pass\n    else:\n        if a:\n            for b in a:\n                while b:\n                    if b:\n                        pass\n', line: 8, note: '`else: if` nests; elif would not' },
    { code: 'def f(a):\n    if a:\n        if a:\n            pass\n', line: 3, options: { maxDepth: 1 }, message: 'the limit is 1' },
    { code: 'class A:\n    async def run(self):\n        async with s:\n            async for m in s:\n                try:\n                    if m:\n                        if m.x:\n                            pass\n                except E:\n                    pass\n', line: 7, message: '`run`' },
    { code: 'def f(a):\n    try:\n        pass\n    except E:\n        for x in a:\n            if x:\n                while x:\n                    if x:\n                        pass\n', line: 8, note: 'except bodies sit one level inside the try' },
    { code: 'def outer():\n    def inner(a):\n        if a:\n            if a:\n                if a:\n                    if a:\n                        if a:\n                            pass\n    return inner\n', line: 7, message: '`inner`' },
    { code: 'def f(a):\n    for x in a:\n        for y in x:\n            for z in y:\n                for w in z:\n                    if w:\n                        pass\n    for x in a:\n        for y in x:\n            for z in y:\n                for w in z:\n                    if w:\n                        pass\n', line: 6, note: 'one finding per function' },
  ],
  ignores: [
    'def sync(rows):\n    for row in rows:\n        if not row.active:\n            continue\n        with lock:\n            try:\n                save(row)\n            except IOError:\n                pass\n',
    'def f(a):\n    if a:\n        if a:\n            if a:\n                if a:\n                    pass\n',
    { code: 'def f(a):\n    if a:\n        pass\n    elif a:\n        for x in a:\n            if x:\n                while x:\n                    pass\n', note: 'elif stays at the if level' },
    { code: 'def f(x):\n    try:\n        if x:\n            if x:\n                if x:\n                    pass\n    except E:\n        pass\n    finally:\n        pass\n' },
    { code: 'if a:\n    if a:\n        if a:\n            if a:\n                if a:\n                    pass\n', note: 'module-level code is not a function' },
    { code: 'def outer(a):\n    if a:\n        if a:\n            def inner(b):\n                if b:\n                    if b:\n                        pass\n', note: 'a nested def starts again at zero' },
    { code: 'def f(a):\n    if a:\n        if a:\n            if a:\n                if a:\n                    if a:\n                        pass\n', options: { maxDepth: 5 } },
    { code: 'def f(a):\n    x = [[y for y in z if y] for z in a if z]\n    return {k: v for k, v in x if k} if a else None\n', note: 'comprehensions and expressions are not blocks' },
    { code: 'def f(a):\n    match a:\n        case 1:\n            if a:\n                if a:\n                    if a:\n                        pass\n        case _:\n            pass\n' },
  ],
});
