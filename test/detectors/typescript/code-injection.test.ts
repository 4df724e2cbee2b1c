import detector from '../../../detectors/typescript/code-injection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'export function calc(expression: string) {\n  return eval(expression);\n}\n', line: 2, message: '`eval` runs `expression` as code' },
    { code: "app.post('/calc', (req, res) => {\n  res.json(eval(req.body.formula));\n});\n", line: 2, message: '`req.body.formula`' },
    { code: 'function compile(body: string) {\n  return new Function("row", body);\n}\n', line: 2, message: '`new Function`' },
    { code: 'function compile(args: string, body: string) {\n  return Function(args, `return ${body}`);\n}\n', line: 2 },
    {
      code: "import vm from 'node:vm';\nexport function run(code: string) {\n  return vm.runInNewContext(code, {});\n}\n",
      line: 3,
      message: '`vm.runInNewContext`',
    },
    {
      code: "const vm = require('vm');\nfunction run(src) {\n  const script = new vm.Script(src);\n  return script.runInThisContext();\n}\n",
      line: 3,
      message: '`new vm.Script`',
    },
    {
      code: "import { runInContext } from 'vm';\nexport function run(code: string, context: object) {\n  return runInContext(code, context);\n}\n",
      line: 3,
    },
    { code: "function later(name: string) {\n  setTimeout('handle_' + name + '()', 100);\n}\n", line: 2, message: '`setTimeout`' },
    { code: 'function poll(fn: string) {\n  window.setInterval(`${fn}()`, 1000);\n}\n', line: 2 },
    { code: "function run(input: string) {\n  const code = 'return ' + input;\n  return new Function(code)();\n}\n", line: 3, message: '`code`' },
    { code: 'export function run(src: string) {\n  return globalThis.eval(src.trim());\n}\n', line: 2 },
  ],
  ignores: [
    "const two = eval('1 + 1');\n",
    "const global = new Function('return this')();\n",
    "const EXPR = '6 * 7';\nexport const answer = eval(EXPR);\n",
    'export function score(model: Model, x: Tensor) {\n  model.eval();\n  return model.forward(x);\n}\n',
    'export function check(pipeline: Pipeline, input: string) {\n  return pipeline.eval(input);\n}\n',
    'export function read(text: string) {\n  return JSON.parse(text);\n}\n',
    'export function later(fn: () => void) {\n  setTimeout(fn, 100);\n  setInterval(() => fn(), 1000);\n}\n',
    { code: 'export function later(handler: Handler) {\n  setTimeout(handler, 100);\n}\n', note: 'an identifier is a function unless shown to be a string' },
    { code: "setTimeout('tick()', 10);\n", note: 'constant code' },
    { code: 'function evaluate(eval: unknown) {}\nconst ev = (s: string) => s;\nfunction f(eval2: string) {\n  return ev(eval2);\n}\n', note: 'not the global eval' },
    { code: "import { eval as evaluate } from 'mathjs';\nexport function f(expr: string) {\n  return evaluate(expr);\n}\n", note: 'a library evaluator' },
    { code: 'export function run(script: vm.Script, ctx: object) {\n  return script.runInNewContext(ctx);\n}\n', note: 'runs a compiled script: the argument is the context' },
    { code: 'export function f(vm: ViewModel, code: string) {\n  return vm.runInContext(code);\n}\n', note: 'a parameter named vm is not the vm module' },
    { code: "import { importConfig } from './config';\nexport const config = eval(importConfig());\n", note: 'unknown origin: ambiguous means silent' },
  ],
});
