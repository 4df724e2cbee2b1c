import detector from '../../../detectors/python/missing-type-hints.js';
import { describeDetector } from '../../helpers/detector-cases.js';

/** A typed def that makes the module one that uses type hints. */
const TYPED = 'def typed(x: int) -> int:\n    return x\n\n';

describeDetector(detector, {
  flags: [
    { code: 'def load(path: str, strict):\n    return open(path).read()\n', line: 1, message: '`load` has no type hints for parameter `strict` and the return type' },
    { code: `${TYPED}def save(path, data):\n    pass\n`, line: 4, message: 'parameters `path`, `data` and the return type' },
    { code: `${TYPED}class Store:\n    def get(self, key):\n        ...\n`, line: 5, message: '`get` has no type hints for parameter `key` and the return type', note: 'self is not listed' },
    { code: `${TYPED}class Store:\n    @property\n    def size(self):\n        return 1\n`, line: 6, message: '`size` has no type hints for the return type' },
    { code: `${TYPED}class P:\n    def __init__(self, x, y: int):\n        pass\n`, line: 5, message: '`__init__` has no type hints for parameter `x`', note: '__init__ needs no return type' },
    { code: `${TYPED}def wrap(*args, **kwargs) -> None:\n    pass\n`, line: 4, message: 'parameters `*args`, `**kwargs`' },
    { code: `${TYPED}class K:\n    @staticmethod\n    def make(self_like, n: int) -> "K":\n        ...\n`, line: 6, message: 'parameter `self_like`', note: 'a staticmethod has no receiver' },
    { code: `${TYPED}async def fetch(url: str, timeout=10.0) -> bytes:\n    ...\n`, line: 4, message: 'parameter `timeout`' },
    { code: 'def f(a, b):\n    pass\n', line: 1, options: { onlyInTypedModules: false }, note: 'the option checks untyped modules too' },
    { code: `${TYPED}class C:\n    def __eq__(self, other):\n        return True\n`, line: 5, message: 'parameter `other`', note: 'dunder parameters count, not their return' },
  ],
  ignores: [
    'def load(path: str, strict: bool = False) -> str:\n    return open(path).read()\n',
    { code: 'def f(a, b):\n    return a\n\nclass C:\n    def m(self, x):\n        pass\n', note: 'a module with no annotation at all: not a codebase that types' },
    `${TYPED}def _helper(x):\n    return x\n`,
    `${TYPED}class _Private:\n    def method(self, x):\n        pass\n`,
    `${TYPED}class P:\n    def __init__(self, x: int) -> None:\n        self.x = x\n    def __repr__(self):\n        return "P"\n    def __len__(self):\n        return 0\n`,
    { code: `${TYPED}def outer(x: int) -> int:\n    def inner(y):\n        return y\n    return inner(x)\n`, note: 'nested functions are not API' },
    `${TYPED}class C:\n    @classmethod\n    def make(cls) -> "C":\n        return cls()\n    @property\n    def v(self) -> int:\n        return 1\n    @v.setter\n    def v(self, value: int):\n        pass\n`,
    { code: `${TYPED}def test_load(tmp_path):\n    pass\n`, path: 'tests/test_load.py' },
    { code: `${TYPED}def run(x):\n    pass\n`, path: 'pkg/_impl.py', note: 'a private module' },
    { code: `${TYPED}def main(argv):\n    pass\n`, path: 'scripts/release.py' },
    { code: `${TYPED}f = lambda x: x\n` },
    { code: `${TYPED}@_SpecialForm\ndef Never(self, parameters: tuple) -> None:\n    pass\n`, note: 'a decorator makes it a method: self needs no hint' },
    { code: 'def a(x):\n    return x\n\ndef b(x):\n    return x\n\ndef c(x):\n    return x\n\ndef sanitize(text: str) -> str:\n    return text\n\nclass Backend:\n    def send_message(self, msg):\n        pass\n\n    def query_room(self, room):\n        pass\n', note: 'one annotated def among six: the module does not use type hints (errbot backends)' },
  ],
});
