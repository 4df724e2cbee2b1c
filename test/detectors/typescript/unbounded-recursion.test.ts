import detector from '../../../detectors/typescript/unbounded-recursion.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'async function connect(url: string): Promise<Socket> {\n  try {\n    return await open(url);\n  } catch {\n    await sleep(1000);\n    return connect(url);\n  }\n}\n',
      line: 6,
      message: '`connect` calls itself with the arguments it received',
    },
    { code: 'class User {\n  get name(): string {\n    return this.name;\n  }\n}\n', line: 3, message: 'The getter `name` uses `this.name`' },
    { code: 'class User {\n  set email(value: string) {\n    this.email = value.trim();\n  }\n}\n', line: 3, message: 'setter `email`' },
    {
      code: 'class Repo extends Base {\n  async save(entity: Entity) {\n    this.validate(entity);\n    return this.save(entity);\n  }\n}\n',
      line: 4,
      message: '`this.save` calls itself',
      note: 'an override that meant super.save',
    },
    { code: 'export async function poll() {\n  await check();\n  await sleep(5000);\n  await poll();\n}\n', line: 4 },
    { code: 'const retry = async (job: Job) => {\n  try {\n    await run(job);\n  } catch (error) {\n    log(error);\n    return retry(job);\n  }\n};\n', line: 6 },
    { code: 'function tick(...args: unknown[]) {\n  work(args);\n  tick(...args);\n}\n', line: 3 },
    { code: 'export default function handler(req: Req, res: Res) {\n  res.setHeader("x-trace", trace(req));\n  return handler(req, res);\n}\n', line: 3 },
    { code: 'const loop = () => loop();\n', line: 1 },
  ],
  ignores: [
    'async function connect(url: string, attempt = 0): Promise<Socket> {\n  try {\n    return await open(url);\n  } catch (error) {\n    if (attempt >= 5) throw error;\n    return connect(url, attempt + 1);\n  }\n}\n',
    'function depth(node: TreeNode): number {\n  if (!node) return 0;\n  return 1 + Math.max(depth(node.left), depth(node.right));\n}\n',
    'class User {\n  #name = "";\n  get name(): string {\n    return this.#name;\n  }\n}\n',
    { code: 'function walk(node: Node) {\n  visit(node);\n  for (const child of node.children) walk(child);\n}\n', note: 'a walk over children' },
    { code: 'function fact(n: number): number {\n  return n <= 1 ? 1 : n * fact(n - 1);\n}\n' },
    { code: 'export function poll() {\n  check();\n  setTimeout(() => poll(), 1000);\n}\n', note: 'a timer: a fresh stack each time' },
    { code: 'export function poll() {\n  check();\n  setTimeout(poll, 1000);\n}\n' },
    { code: 'class Repo extends Base {\n  save(entity: Entity) {\n    this.validate(entity);\n    return super.save(entity);\n  }\n}\n' },
    { code: 'function flatten(list: unknown[]): unknown[] {\n  return list.flatMap((x) => (Array.isArray(x) ? flatten(x) : [x]));\n}\n' },
    { code: 'function drain(queue: Queue) {\n  const item = queue.shift();\n  if (!item) return;\n  handle(item);\n  drain(queue);\n}\n', note: 'an earlier return is a base case' },
    { code: 'function countdown(n: number) {\n  print(n);\n  if (n === 0) return;\n  countdown(n);\n}\n', note: 'an earlier condition and return' },
    { code: 'function next(n: number) {\n  n -= 1;\n  return next(n);\n}\n', note: 'rebound parameter: the value passed on changed (data-bounded or not, ambiguous)' },
    { code: 'export function parse(input: string | Buffer): Doc {\n  if (typeof input !== "string") return parse(input.toString());\n  return build(input);\n}\n', note: 'normalising overload' },
    { code: 'function outer(x: number) {\n  function outer2() {\n    return outer(x);\n  }\n  return outer2;\n}\n', note: 'a self reference in a nested function runs later' },
    { code: 'function define(obj: object, key: string) {\n  define = function (o: object, k: string) {\n    Object.defineProperty(o, k, {});\n  };\n  define(obj, key);\n}\n', note: 'a lazy definition replacing itself (seen in @babel/helpers)' },
    { code: 'const visit = (node: Node, depth: number): void => {\n  if (depth > 10) return;\n  visit(node, depth);\n};\n' },
  ],
});
