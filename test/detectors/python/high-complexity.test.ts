import detector from '../../../detectors/python/high-complexity.js';
import { describeDetector } from '../../helpers/detector-cases.js';

/** `n` independent `if`s: complexity n + 1. */
const ifs = (n: number, indent = '    '): string => Array.from({ length: n }, (_, i) => `${indent}if c${i}:\n${indent}    a()\n`).join('');

describeDetector(detector, {
  flags: [
    { code: `def route(req):\n${ifs(15)}`, line: 1, message: '`route` has a cyclomatic complexity of 16 (the limit is 15)' },
    { code: 'def f(x):\n    if x.a:\n        pass\n    elif x.b:\n        pass\n    elif x.c:\n        pass\n', line: 1, options: { threshold: 3 }, message: 'complexity of 4', note: 'each elif is a decision' },
    { code: 'def f(a, b, c, d):\n    return a and b or c and d\n', line: 1, options: { threshold: 3 }, message: 'complexity of 4', note: 'each and/or counts' },
    { code: 'def f(xs):\n    return [x for x in xs if x if x > 0]\n', line: 1, options: { threshold: 3 }, message: 'complexity of 4', note: 'comprehension for + each if' },
    { code: 'def f(x):\n    match x:\n        case 1:\n            pass\n        case 2:\n            pass\n        case [a, b] if a:\n            pass\n        case _:\n            pass\n', line: 1, options: { threshold: 4 }, message: 'complexity of 5', note: 'cases count, the guard counts, case _ does not' },
    { code: 'def f():\n    try:\n        a()\n    except ValueError:\n        pass\n    except KeyError:\n        pass\n    else:\n        b()\n', line: 1, options: { threshold: 3 }, message: 'complexity of 4', note: 'each except + try-else' },
    { code: 'def f(xs):\n    for x in xs:\n        pass\n    else:\n        pass\n    while xs:\n        pass\n', line: 1, options: { threshold: 3 }, message: 'complexity of 4', note: 'loop + loop else' },
    { code: 'class A:\n    async def handle(self, x):\n        return 1 if x else 2 if x > 1 else 3\n', line: 2, options: { threshold: 2 }, message: '`handle`', note: 'conditional expressions; methods and async defs' },
    { code: `def outer():\n${ifs(16)}    def inner():\n${ifs(16, '        ')}`, line: [1, 34], note: 'nested functions are measured separately' },
    { code: `@decorator\ndef f(x):\n${ifs(16)}`, line: 2, message: 'complexity of 17' },
  ],
  ignores: [
    `def route(req):\n${ifs(14)}`,
    { code: `def route(req):\n${ifs(16)}`, options: { threshold: 20 } },
    { code: 'def f(x):\n    with a:\n        with b:\n            with c:\n                pass\n', options: { threshold: 1 }, note: 'with adds nothing (radon, mccabe)' },
    { code: 'def f(x):\n    assert x\n    assert x > 1\n', options: { threshold: 1 }, note: 'assert adds nothing' },
    { code: 'def f(x):\n    try:\n        a()\n    finally:\n        b()\n', options: { threshold: 1 }, note: 'finally adds nothing' },
    { code: 'def f(x):\n    if x:\n        a()\n    else:\n        b()\n', options: { threshold: 2 }, note: 'else of an if adds nothing' },
    { code: `def outer():\n${ifs(8)}    def inner():\n${ifs(8, '        ')}`, note: 'a nested function does not add to its parent' },
    { code: `${ifs(20, '')}`, note: 'module-level code is not a function' },
    { code: `class A:\n${ifs(20)}`, note: 'class bodies are not functions' },
    { code: 'def f(x):\n    match x:\n        case _:\n            pass\n', options: { threshold: 1 } },
  ],
});
