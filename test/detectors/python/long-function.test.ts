import detector from '../../../detectors/python/long-function.js';
import { describeDetector } from '../../helpers/detector-cases.js';

/** `n` code lines at `indent`. */
const body = (n: number, indent = '    '): string => Array.from({ length: n }, (_, i) => `${indent}step_${i}()\n`).join('');

describeDetector(detector, {
  flags: [
    { code: `def handle(event):\n${body(80)}`, line: 1, message: '`handle` is 81 lines of code long (the limit is 80)', note: 'the def line counts' },
    { code: `def f():\n${body(10)}`, line: 1, options: { maxLines: 10 }, message: '11 lines of code' },
    { code: `class A:\n    async def run(self):\n${body(90, '        ')}`, line: 2, message: '`run` is 91 lines' },
    { code: `@app.get("/")\ndef index():\n${body(85)}`, line: 2 },
    { code: `def f(\n    a,\n    b,\n):\n${body(78)}`, line: 1, message: '82 lines', note: 'a multi-line signature is code' },
    { code: `def outer():\n${body(85)}    def inner():\n${body(85, '        ')}`, line: [1, 87], message: '86 lines', note: 'each measured without the other' },
    { code: `def f():\n    x = """\n\n\n"""\n${body(80)}`, line: 1, note: 'a string that is not the docstring is code' },
    { code: `def f():\n    """Doc."""\n${body(81)}`, line: 1, message: '82 lines', note: 'the docstring does not count' },
    { code: `def f(): pass\ndef g():\n${body(85)}`, line: 2 },
    { code: `def f():\n    table = {\n${Array.from({ length: 20 }, (_, i) => `        'k${i}': ${i},\n`).join('')}    }\n${body(80)}`, line: 1, note: 'long without the table too' },
    { code: `def f():\n    namespace = {\n${Array.from({ length: 8 }, (_, i) => `        'k${i}': ${i},\n`).join('')}    }\n${body(75)}`, line: 1, note: 'a small dict built in passing is code (collections.namedtuple)' },
  ],
  ignores: [
    `def handle(event):\n${body(79)}`,
    { code: `def handle(event):\n${body(40).replace(/\n/g, '\n\n    # next\n')}`, note: 'blank and comment-only lines do not count' },
    { code: `def f():\n    """\n${'    Documentation.\n'.repeat(60)}    """\n${body(60)}`, note: 'a long docstring is not code' },
    { code: `def deco(fn):\n    def wrapper(*a):\n${body(70, '        ')}    return wrapper\n`, note: 'the wrapper is not long, nor is the factory' },
    { code: `def factory():\n    class Local:\n${body(90, '        ')}    return Local\n`, note: 'a local class counts for itself' },
    { code: `class Big:\n${body(200)}`, note: 'classes are not functions' },
    { code: body(200, ''), note: 'module-level code' },
    { code: `def f():\n${body(100)}`, options: { maxLines: 120 } },
    { code: `def test_everything():\n${body(120)}`, path: 'tests/test_api.py', note: 'a long test is a script of steps' },
    { code: `def test_everything():\n${body(120)}`, path: 'pkg/test_api.py' },
    { code: `def upgrade():\n${body(100)}`, path: 'octavia/db/migration/alembic_migrations/versions/458c9ee2a011_l7.py', note: 'a migration is a script of schema steps' },
    { code: `class Preferences:\n    def __init__(self, engines):\n        self.settings = {\n${Array.from({ length: 90 }, (_, i) => `            'key_${i}': Setting(${i}),\n`).join('')}        }\n${body(10, '        ')}`, note: 'a table of settings is data, not logic (searx)' },
    { code: `def public_endpoints(driver):\n    queues = driver.queues\n    return [\n${Array.from({ length: 90 }, (_, i) => `        ('/path/${i}', Resource(queues)),\n`).join('')}    ]\n`, note: 'a returned table of routes (zaqar)' },
    { code: `def _parser():\n    parser = ArgumentParser()\n${Array.from({ length: 20 }, (_, i) => `    parser.add_argument(\n        "--opt-${i}",\n        default=${i},\n        help="option ${i}",\n    )\n`).join('')}    return parser\n`, note: 'command-line options declared one by one (aiosmtpd)' },
  ],
});
