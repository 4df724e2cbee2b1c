/** Names every Python 3 module can use without binding them, and well-known standard modules. */

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/**
 * `dir(builtins)` of CPython 3.8–3.13, plus the module attributes every module namespace has
 * (`__file__`, `__path__` in packages, ...) and `WindowsError` (a builtin on Windows).
 */
export const PY_BUILTINS: ReadonlySet<string> = words(`
  ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
  BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
  ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning
  EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError
  FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError
  InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
  ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError
  OverflowError PendingDeprecationWarning PermissionError ProcessLookupError PythonFinalizationError
  RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration
  StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError
  UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError
  UnicodeWarning UserWarning ValueError Warning WindowsError ZeroDivisionError _IncompleteInputError
  __build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ __spec__
  __file__ __builtins__ __path__ __cached__ __annotations__
  abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile
  complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format
  frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license
  list locals map max memoryview min next object oct open ord pow print property quit range repr
  reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip
`);

/** Python 2 builtins: legitimate in version-guarded compatibility code. */
export const PY2_BUILTINS: ReadonlySet<string> = words(`
  unicode basestring long xrange raw_input unichr reduce file execfile cmp buffer apply intern
  coerce reload StandardError
`);

/** Names the runtime binds inside a class body. */
export const CLASS_IMPLICIT: ReadonlySet<string> = words('__qualname__ __module__');

/** Common standard-library modules, for "add `import x`" advice. */
export const STDLIB_MODULES: ReadonlySet<string> = words(`
  os sys json re asyncio time datetime logging typing pathlib subprocess collections itertools
  functools math random uuid hashlib base64 dataclasses enum abc contextlib threading io tempfile
  shutil copy traceback inspect argparse socket ssl urllib http csv pickle struct signal string
  textwrap decimal fractions statistics operator heapq bisect weakref types queue secrets hmac zlib
  gzip glob fnmatch platform warnings unittest
`);

/** Common names imported from a standard module, for "add `from m import x`" advice. */
export const STDLIB_FROM_IMPORTS: ReadonlyMap<string, string> = new Map([
  ...[...words('Any Optional Union List Dict Tuple Set Callable Iterable Iterator Sequence Mapping TypeVar Generic Protocol Literal cast overload')].map(
    (n) => [n, 'typing'] as const,
  ),
  ...[...words('defaultdict OrderedDict Counter deque namedtuple')].map((n) => [n, 'collections'] as const),
  ...[...words('partial wraps lru_cache cached_property')].map((n) => [n, 'functools'] as const),
  ['dataclass', 'dataclasses'],
  ['field', 'dataclasses'],
  ['Path', 'pathlib'],
  ['Enum', 'enum'],
  ['ABC', 'abc'],
  ['abstractmethod', 'abc'],
  ['contextmanager', 'contextlib'],
  ['Decimal', 'decimal'],
]);
