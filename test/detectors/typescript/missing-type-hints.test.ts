import detector from '../../../detectors/typescript/missing-type-hints.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'export function handle(req, res) {\n  res.send(req.body);\n}\n', line: 1, message: 'Exported function `handle` has untyped parameters `req`, `res` (implicitly `any`).' },
    { code: 'export const total = (items, tax: number) => items.length * tax;\n', line: 1, message: 'untyped parameter `items`' },
    { code: 'export default function (input) {\n  return input;\n}\n', line: 1, message: '`default`' },
    { code: 'function build(opts) {\n  return opts;\n}\nexport { build };\n', line: 1, message: '`build`' },
    { code: 'export async function load(id: string, options) {\n  return fetchIt(id, options);\n}\n', line: 1, message: '`options`' },
    { code: 'export function pick({ a, b }) {\n  return a + b;\n}\n', line: 1, message: '`{ a, b }`' },
    { code: 'export const parse = function (text) {\n  return text;\n};\n', line: 1, path: 'parse.mts' },
    { code: 'export function Button(props) {\n  return <button>{props.label}</button>;\n}\n', line: 1, path: 'button.tsx' },
    { code: 'export default (a, b) => a + b;\n', line: 1 },
    { code: 'export function many(\n  a: string,\n  b,\n) {\n  return a + b;\n}\n', line: 3, note: 'reported at the first untyped parameter' },
  ],
  ignores: [
    'export function handle(req: Request, res: Response) {\n  res.send(req.body);\n}\n',
    'export const handler: Handler = (event) => event.body;\n',
    'function internal(a, b) {\n  return a + b;\n}\n',
    'export function retry(times = 3) {\n  return times;\n}\n',
    'export function now() {\n  return Date.now();\n}\n',
    { code: 'export function handle(req, res) {\n  res.send(req.body);\n}\n', path: 'handler.js' },
    { code: 'export declare function f(a): void;\n', path: 'types.d.ts' },
    { code: 'export function helper(a, b) {\n  return a + b;\n}\n', path: 'src/helper.test.ts' },
    'export function f(a: string): string;\nexport function f(a: number): number;\nexport function f(a) {\n  return a;\n}\n',
    'export const list = [1, 2].map((x) => x * 2);\n',
    'export class A {\n  run(x) {\n    return x;\n  }\n}\n',
    'export function bind(this: Window, cb: () => void) {\n  cb.call(this);\n}\n',
  ],
});
