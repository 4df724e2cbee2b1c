import detector from '../../../detectors/typescript/explicit-any.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'export function parse(input: any) {\n  return input.value;\n}\n', line: 1, message: 'Parameter `input` of `parse` is typed with `any`.' },
    { code: 'interface Props {\n  data: Record<string, any>;\n}\n', line: 2, message: '`data` is typed with `any`' },
    { code: 'let payload: any;\n', line: 1, message: '`payload`' },
    { code: 'function load(): Promise<any> {\n  return fetchIt();\n}\n', line: 1, message: 'The return type of `load`' },
    { code: 'type Handler = (event: any) => void;\n', line: 1, message: 'Parameter `event` of a function type' },
    { code: 'class Store {\n  private items: any[] = [];\n}\n', line: 2, message: '`items`' },
    { code: 'try {\n  run();\n} catch (error: any) {\n  log(error.message);\n}\n', line: 3, message: 'The catch variable `error`' },
    { code: 'type Json = { [key: string]: any };\n', line: 1, message: 'index signature' },
    { code: 'export const handle = (req: any, res: Response) => res.send(req.body);\n', line: 1, message: '`req` of `handle`' },
    {
      code: 'function f(a: any, b: any): any {\n  return a ?? b;\n}\n',
      line: 1,
      note: 'one finding per line',
    },
    { code: 'const m: Map<string, any> = new Map();\n', line: 1, message: '`m`' },
  ],
  ignores: [
    'export function parse(input: unknown) {\n  return input;\n}\n',
    { code: 'const x = JSON.parse(s) as any;\n', note: 'a cast is a visible, local escape hatch' },
    'type Fn<T extends (...args: any[]) => any> = ReturnType<T>;\n',
    '// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the plugin API is untyped\nexport function register(plugin: any) {}\n',
    "/* eslint-disable @typescript-eslint/no-explicit-any */\nexport function register(plugin: any) {}\n",
    { code: 'export declare function legacy(x: any): any;\n', path: 'types/legacy.d.ts' },
    { code: 'export function parse(input) {\n  return input;\n}\n', path: 'parse.js' },
    { code: 'const spy = jest.fn((x: any) => x);\n', path: 'src/parse.test.ts' },
    'const cache = new Map<string, any>();\n',
    'type IsAny<T> = T extends Promise<any> ? true : false;\n',
    'function isPromise(v: unknown): v is PromiseLike<any> {\n  return !!v;\n}\n',
    'export function source(o: Observable<any>): void {}\n',
    'type Keys = keyof any;\n',
    'function ErrorImpl(this: any, message: string) {\n  this.message = message;\n}\n',
    {
      code: 'export function concat(a: string): string;\nexport function concat(a: number): number;\nexport function concat(...args: any[]) {\n  return args[0];\n}\n',
      note: 'the implementation signature of an overloaded function',
    },
    'try {\n  run();\n} catch (_e: any) {}\n',
    'class Base<T> {}\nclass Impl extends Base<any> {}\n',
  ],
});
