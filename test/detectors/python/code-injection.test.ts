import detector from '../../../detectors/python/code-injection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'def calc(expression):\n    return eval(expression)\n', line: 2, message: '`eval()` runs `expression`, which is not a constant' },
    { code: 'def run(request):\n    exec(request.form["code"])\n', line: 2, message: '`exec()`' },
    { code: 'def build(src, name):\n    return compile(src, name, "exec")\n', line: 2, message: '`compile()` runs `src`' },
    { code: 'def run(path):\n    exec(compile(open(path).read(), path, "exec"))\n', line: 2, message: '`exec()` runs `open(path).read()`', note: 'reported once, on the outer exec' },
    { code: 'x = eval(input("> "))\n', line: 1 },
    { code: 'def f(a, b):\n    return eval(f"{a} + {b}")\n', line: 2 },
    { code: 'import builtins\n\ndef f(code):\n    builtins.exec(code)\n', line: 4 },
    { code: 'def f(name):\n    expr = "lookup_" + name\n    return eval(expr)\n', line: 3 },
    { code: 'class A:\n    def run(self):\n        return eval(self.expression, {"__builtins__": {}})\n', line: 3, note: 'an empty __builtins__ is no sandbox' },
  ],
  ignores: [
    'x = eval("1 + 1")\n',
    'import ast\n\ndef parse(text):\n    return ast.literal_eval(text)\n',
    'def run(model):\n    model.eval()\n',
    'def run(sh, cmd):\n    sh.exec(cmd)\n',
    'CODE = "print(1)"\nexec(CODE)\n',
    'def eval(x):\n    return x\n\ndef f(y):\n    return eval(y)\n',
    'from mylib import exec\n\ndef f(y):\n    exec(y)\n',
    'code = compile("x = 1", "<string>", "exec")\nexec(code)\n',
    'from config import EXPRESSION_SOURCE as source\nprint(eval(source))\n',
    'def f(lines):\n    for line in lines:\n        eval(line)\n',
    'def f():\n    template = "1 + 2"\n    return eval(template)\n',
    'exec("import os")\n',
    'def f(cursor, sql):\n    cursor.execute(sql)\n',
  ],
});
