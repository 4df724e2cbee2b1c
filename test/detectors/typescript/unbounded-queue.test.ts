import detector from '../../../detectors/typescript/unbounded-queue.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: 'const jobs: Job[] = [];\nexport function enqueue(job: Job) {\n  jobs.push(job);\n}\nexport function next() {\n  return jobs.shift();\n}\n',
      line: 1,
      message: '`jobs` is a queue (`.push` in `enqueue`, `.shift` in `next`)',
    },
    {
      code: "const pending: Req[] = [];\napp.post('/work', (req, res) => {\n  pending.push(req.body);\n  res.sendStatus(202);\n});\nsetInterval(() => {\n  const item = pending.shift();\n  if (item) handle(item);\n}, 100);\n",
      line: 1,
      message: '`pending`',
    },
    {
      code: 'class Sender {\n  private queue: Buffer[] = [];\n  async send(data: Buffer) {\n    this.queue.push(data);\n    await this.flush();\n  }\n  async flush() {\n    while (this.queue.length > 0) await write(this.queue.shift());\n  }\n}\n',
      line: 2,
      message: '`this.queue`',
      note: 'an emptiness test is not a bound',
    },
    {
      code: "class Relay {\n  constructor(bus) {\n    this.backlog = [];\n    bus.on('message', (m) => this.backlog.push(m));\n  }\n  drain() {\n    let m;\n    while ((m = this.backlog.shift())) forward(m);\n  }\n}\n",
      line: 3,
      path: 'relay.js',
      message: '`this.backlog`',
      note: 'pushed from a per-event callback, even one registered in the constructor',
    },
    {
      code: 'const inbox = [];\nwss.on("connection", (ws) => {\n  ws.on("message", (data) => inbox.push(data));\n});\nexport function take() {\n  return inbox.shift();\n}\n',
      line: 1,
      path: 'inbox.mjs',
    },
    {
      code: 'let tasks: Task[] = [];\nexport const add = (t: Task) => {\n  tasks.push(t);\n};\nexport function run() {\n  const t = tasks.shift();\n  return t?.();\n}\n',
      line: 1,
      message: '`tasks`',
      note: 'an exported arrow function feeds it',
    },
    {
      code: 'const q: Msg[] = [];\nexport function publish(m: Msg) {\n  q.push(m);\n  if (q.length === 0) return;\n}\nexport function consume() {\n  return q.shift();\n}\n',
      line: 1,
      note: 'a comparison with 0 is not a bound',
    },
    {
      code: 'class Worker {\n  static queue: Job[] = [];\n  static async submit(j: Job) {\n    Worker.queue.push(j);\n  }\n  static next() {\n    return Worker.queue.shift();\n  }\n}\n',
      line: 2,
      message: '`Worker.queue`',
    },
  ],
  ignores: [
    {
      code: 'const jobs: Job[] = [];\nexport function enqueue(job: Job) {\n  if (jobs.length >= MAX_JOBS) throw new Error("queue full");\n  jobs.push(job);\n}\nexport function next() {\n  return jobs.shift();\n}\n',
      note: 'a length bound',
    },
    {
      code: 'export function bfs(root: Node) {\n  const queue = [root];\n  while (queue.length) {\n    const n = queue.shift();\n    queue.push(...n.children);\n  }\n}\n',
      note: 'local to a function',
    },
    {
      code: 'const stack: Frame[] = [];\nexport function enter(f: Frame) {\n  stack.push(f);\n}\nexport function leave() {\n  return stack.pop();\n}\n',
      note: 'a stack, not a queue',
    },
    {
      code: 'const jobs: Job[] = [];\nexport function enqueue(job: Job) {\n  jobs.push(job);\n  if (jobs.length > 100) jobs.splice(0, jobs.length - 100);\n}\nexport function next() {\n  return jobs.shift();\n}\n',
      note: 'truncated',
    },
    {
      code: 'class Sender {\n  private queue: Buffer[] = [];\n  send(data: Buffer) {\n    this.queue.push(data);\n  }\n  dequeue() {\n    return this.queue.shift();\n  }\n}\n',
      note: 'an internal buffer fed by its own synchronous methods (ws Sender): backpressure lives elsewhere',
    },
    {
      code: 'export const jobs: Job[] = [];\nexport function enqueue(job: Job) {\n  jobs.push(job);\n}\nexport function next() {\n  return jobs.shift();\n}\n',
      note: 'exported: the bound may be elsewhere',
    },
    {
      code: 'const jobs: Job[] = [];\nexport function enqueue(job: Job) {\n  jobs.push(job);\n}\nexport function all() {\n  return jobs;\n}\n',
      note: 'escapes and is never shifted',
    },
    {
      code: 'const jobs: Job[] = [];\nexport function enqueue(job: Job) {\n  jobs.push(job);\n}\nexport function next() {\n  return jobs.shift();\n}\n',
      path: 'test/queue.test.ts',
    },
    {
      code: 'const jobs: Job[] = [];\nfunction enqueue(job: Job) {\n  jobs.push(job);\n}\nfunction next() {\n  return jobs.shift();\n}\n',
      note: 'private synchronous producer: who calls it is unknown',
    },
    {
      code: "class Pool {\n  slots = [];\n  async acquire() {\n    return this.slots.shift();\n  }\n  async release(slot) {\n    if (this.slots.length + this.warming >= this.size) return;\n    this.slots.push(slot);\n  }\n}\n",
      note: 'a bound on the length plus the slots being created (seen in n8n)',
    },
  ],
});
