import detector from '../../../detectors/typescript/long-function.js';
import { describeDetector } from '../../helpers/detector-cases.js';

/** `n` statement lines. */
const steps = (n: number, indent = '  '): string => `${indent}step();\n`.repeat(n);

describeDetector(detector, {
  flags: [
    { code: `function big() {\n${steps(85)}}\n`, line: 1, message: '`big` is 87 lines of code long (limit 80).' },
    { code: `const handler = async (req) => {\n${steps(90)}};\n`, line: 1, message: '`handler` is 92 lines' },
    { code: `class Service {\n  run() {\n${steps(81, '    ')}  }\n}\n`, line: 2, message: '`Service.run`' },
    { code: `function mid() {\n${steps(45)}}\n`, line: 1, options: { maxLines: 40 }, message: '(limit 40)' },
    {
      code: `function outer() {\n${steps(50)}  items.forEach((x) => {\n${steps(50, '    ')}  });\n}\n`,
      line: [1, 52],
      options: { maxLines: 50 },
      note: 'the callback is judged on its own; the outer function keeps 52 lines of its own too',
    },
    {
      code: `app.get('/x', (req, res) => {\n${steps(81)}});\n`,
      line: 1,
      message: '`the callback passed to app.get`',
    },
    { code: `export default function () {\n${steps(85)}}\n`, line: 1, message: 'an anonymous function' },
    { code: `function a() {\n${steps(81)}}\nfunction b() {\n${steps(81)}}\n`, line: [1, 84] },
    {
      code: `function withComments() {\n${'  // a comment\n  step();\n'.repeat(81)}}\n`,
      line: 1,
      message: '83 lines',
      note: 'comments do not count, code does',
    },
  ],
  ignores: [
    `function ok() {\n${steps(40)}${'\n  // why\n'.repeat(30)}}\n`,
    `function exactly() {\n${steps(78)}}\n`,
    { code: `function big() {\n${steps(85)}}\n`, options: { maxLines: 100 } },
    {
      code: `function factory() {\n  function a() {\n${steps(45, '    ')}  }\n  function b() {\n${steps(45, '    ')}  }\n  return { a, b };\n}\n`,
      note: 'nested helpers are judged on their own',
    },
    { code: `(function () {\n${steps(120)}})();\n`, note: 'a module wrapper' },
    { code: `describe('suite', () => {\n${steps(120)}});\n`, note: 'a describe block' },
    { code: `test('long scenario', () => {\n${steps(120)}});\n`, path: 'src/flow.test.ts' },
    { code: `export const error = () => (issue) => {\n${steps(90)}};\n`, path: 'src/locales/fr.ts' },
    `const data = [\n${'  1,\n'.repeat(200)}];\n`,
  ],
});
