import detector from '../../../detectors/typescript/floating-promise.js';
import { describeDetector } from '../../helpers/detector-cases.js';

const SAVE = 'async function saveAudit(entry: Entry) {\n  await db.insert(entry);\n}\n';

describeDetector(detector, {
  flags: [
    {
      code: `${SAVE}export async function handle(req: Request) {\n  saveAudit({ path: req.url });\n  return new Response("ok");\n}\n`,
      line: 5,
      message: 'async `saveAudit(...)`',
      fix: '  await saveAudit({ path: req.url });',
    },
    {
      code: 'class Cache {\n  async refresh() {\n    this.data = await load();\n  }\n  start() {\n    setInterval(() => {\n      this.refresh();\n    }, 60_000);\n  }\n}\n',
      line: 7,
      message: '`this.refresh(...)`',
    },
    {
      code: "const sendWelcome = async (user: User) => {\n  await mailer.send(user.email, 'welcome');\n};\napp.post('/signup', (req, res) => {\n  sendWelcome(req.body);\n  res.sendStatus(201);\n});\n",
      line: 5,
    },
    {
      code: 'function loadAll(ids: string[]): Promise<Item[]> {\n  return Promise.all(ids.map(load));\n}\nexport function warm(ids: string[]) {\n  loadAll(ids);\n}\n',
      line: 5,
      note: 'annotated Promise return type',
    },
    {
      code: 'export class Worker {\n  private flush = async () => {\n    await this.queue.drain();\n  };\n  stop() {\n    this.flush();\n  }\n}\n',
      line: 6,
    },
    {
      code: `${SAVE}export function log(enabled: boolean, e: Entry) {\n  enabled && saveAudit(e);\n}\n`,
      line: 5,
    },
    {
      code: `${SAVE}export async function many(entries: Entry[]) {\n  for (const e of entries) {\n    saveAudit(e);\n  }\n}\n`,
      line: 6,
      fix: '    await saveAudit(e);',
    },
    {
      code: "async function cleanup() {\n  try {\n    await fs.rm(tmp);\n  } catch (error) {\n    throw new CleanupError('rm failed', { cause: error });\n  }\n}\nprocess.on('exit', () => {\n  cleanup();\n});\n",
      line: 9,
      note: 'the catch rethrows, so the promise can reject',
    },
    {
      code: `${SAVE}export const route = (e: Entry) => {\n  saveAudit(e);\n};\n`,
      line: 5,
    },
  ],
  ignores: [
    `${SAVE}export async function handle(req: Request) {\n  void saveAudit({ path: req.url });\n  await saveAudit({ path: "/done" });\n}\n`,
    { code: 'async function main() {\n  await run();\n}\nmain();\n', note: "a script's main at module level" },
    {
      code: 'async function notify(user: User) {\n  try {\n    await mailer.send(user);\n  } catch (error) {\n    log.warn({ error }, "mail failed");\n  }\n}\nexport function signup(user: User) {\n  notify(user);\n}\n',
      note: 'never rejects',
    },
    {
      code: "async function fill(task: Task) {\n  try {\n    await page.fill(task);\n  } catch (e) {\n    broadcast({ type: 'ERROR' });\n  }\n}\nasync function processQueue() {\n  while (queue.length > 0) await fill(queue.shift());\n  await fill(last);\n}\napp.post('/send', (req, res) => {\n  queue.push(...req.body.items);\n  processQueue();\n  res.sendStatus(202);\n});\n",
      note: 'awaits only a same-file function that catches its own errors',
    },
    `${SAVE}export function handle(e: Entry) {\n  return saveAudit(e);\n}\n`,
    `${SAVE}export function handle(e: Entry) {\n  saveAudit(e).catch((error) => log.error(error));\n}\n`,
    `${SAVE}export function handle(e: Entry) {\n  const pending = saveAudit(e);\n  queue.push(pending);\n}\n`,
    `${SAVE}export function handle(entries: Entry[]) {\n  return Promise.all(entries.map((e) => saveAudit(e)));\n}\n`,
    `${SAVE}export const handle = (e: Entry) => saveAudit(e);\n`,
    { code: 'function saveAudit(entry: Entry) {\n  db.insertSync(entry);\n}\nexport function handle(e: Entry) {\n  saveAudit(e);\n}\n', note: 'not async' },
    { code: "import { saveAudit } from './audit';\nexport function handle(e: Entry) {\n  saveAudit(e);\n}\n", note: 'imported: its type is not known without a checker' },
    { code: 'function* ids(): Generator<number> {\n  yield 1;\n}\nexport function f() {\n  ids();\n}\n', note: 'a generator' },
    {
      code: `${SAVE}export function handle(e: Entry) {\n  const saveAudit = (x: Entry) => x;\n  saveAudit(e);\n}\n`,
      note: 'shadowed by a synchronous local',
    },
    {
      code: 'class A {\n  async load() {}\n  run() {\n    const self = this;\n    return function () {\n      this.load();\n    };\n  }\n}\n',
      note: '`this` inside a plain function is another object',
    },
    { code: `${SAVE}export function handle(e: Entry) {\n  saveAudit(e).then(done, fail);\n}\n` },
  ],
});
