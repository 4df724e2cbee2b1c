import detector from '../../../detectors/typescript/sync-io-in-async.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "import fs from 'node:fs';\nexport async function getAvatar(id: string) {\n  return fs.readFileSync(`/data/avatars/${id}.png`);\n}\n",
      line: 3,
      message: '`fs.readFileSync(...)` blocks the event loop inside the async `getAvatar`',
      fix: '  return await fs.promises.readFile(`/data/avatars/${id}.png`);',
    },
    {
      code: "import { execSync } from 'node:child_process';\napp.post('/deploy', async (req, res) => {\n  const out = execSync('git pull');\n  res.send(out);\n});\n",
      line: 3,
      message: '`execSync(...)`',
    },
    {
      code: "const fs = require('fs');\nclass Store {\n  async put(key, value) {\n    fs.writeFileSync(this.path(key), JSON.stringify(value));\n  }\n}\n",
      line: 4,
      message: 'the async `Store.put`',
      fix: '    await fs.promises.writeFile(this.path(key), JSON.stringify(value));',
    },
    {
      code: "import * as zlib from 'zlib';\nexport const compress = async (body: Buffer) => {\n  const packed = zlib.gzipSync(body);\n  return packed;\n};\n",
      line: 3,
    },
    {
      code: "import { spawnSync } from 'child_process';\nexport async function convert(file: string) {\n  const result = spawnSync('ffmpeg', ['-i', file, 'out.mp4']);\n  return result.status;\n}\n",
      line: 3,
    },
    {
      code: "import crypto from 'node:crypto';\nexport async function hash(password: string, salt: Buffer) {\n  return crypto.pbkdf2Sync(password, salt, 310000, 32, 'sha256');\n}\n",
      line: 3,
    },
    {
      code: "import fs from 'fs';\nexport async function list(dir: string) {\n  const names = fs.readdirSync(dir);\n  return names.filter((n) => n.endsWith('.json'));\n}\n",
      line: 3,
      fix: '  const names = await fs.promises.readdir(dir);',
    },
    {
      code: "import fse from 'fs-extra';\nrouter.get('/report', async (ctx) => {\n  ctx.body = fse.readJsonSync(ctx.query.file);\n});\n",
      line: 3,
    },
    {
      code: "import fs from 'node:fs';\nexport async function size(path: string) {\n  return fs.statSync(path).size;\n}\n",
      line: 3,
      note: 'no fix: `await` would need parentheses here',
    },
    {
      code: "const fs = require('fs');\nexport async function initialsFor(name: string) {\n  return fs.readFileSync(name, 'utf8').slice(0, 2);\n}\n",
      line: 3,
      note: 'a word that only begins like a start-up verb',
    },
  ],
  ignores: [
    "import fs from 'node:fs';\nexport async function getAvatar(id: string) {\n  return fs.promises.readFile(`/data/avatars/${id}.png`);\n}\n",
    "import fs from 'node:fs';\nconst config = JSON.parse(fs.readFileSync('config.json', 'utf8'));\n",
    "import fs from 'node:fs';\nexport function loadTemplate(name: string) {\n  return fs.readFileSync(name, 'utf8');\n}\n",
    { code: "import fs from 'node:fs';\nasync function main() {\n  const cfg = fs.readFileSync('app.json', 'utf8');\n  await serve(JSON.parse(cfg));\n}\n", note: 'start-up function' },
    { code: "import fs from 'node:fs';\nexport async function run() {\n  fs.writeFileSync('out.txt', 'x');\n}\n", path: 'scripts/release.ts', note: 'a script' },
    { code: "#!/usr/bin/env node\nimport { execSync } from 'node:child_process';\nexport async function build() {\n  execSync('tsc');\n}\n", note: 'a CLI entry point' },
    { code: "import fs from 'node:fs';\nit('writes', async () => {\n  fs.writeFileSync(tmp, 'x');\n});\n", path: 'test/store.test.ts' },
    { code: "import fs from 'node:fs';\nexport async function load(paths: string[]) {\n  return Promise.all(paths.map((p) => new Promise((resolve) => resolve(fs.readFileSync(p)))));\n}\n", note: 'inside a nested non-async function' },
    { code: "import glob from 'fast-glob';\nexport async function files() {\n  return glob.sync('**/*.ts');\n}\n", note: 'not a Sync function of fs/child_process/zlib/crypto' },
    { code: 'export async function handle(store: Store) {\n  return store.readSync();\n}\n', note: 'an unknown object' },
    { code: "import { readFileSync } from './vfs';\nexport async function read(p: string) {\n  return readFileSync(p);\n}\n", note: 'a local module' },
    { code: "import fs from 'node:fs';\nexport async function ensure(dir: string) {\n  if (!fs.existsSync(dir)) await fs.promises.mkdir(dir);\n}\n", note: 'existsSync is a cheap check' },
    { code: "import fs from 'node:fs/promises';\nexport async function read(p: string) {\n  return fs.readFile(p, 'utf8');\n}\n" },
    {
      code: "const fs = require('fs');\nclass ParseServer {\n  static async startApp(options) {\n    return fs.readFileSync(options.key);\n  }\n}\nfunction start() { startEx(process.argv); }\nasync function startEx(argv) {\n  fs.writeFileSync(argv[2], '');\n}\n",
      note: 'start-up methods and an entry point given the command line (seen in parse-server and meshcentral)',
    },
    { code: "const fs = require('fs');\nasync function release() {\n  return fs.readFileSync('package.json');\n}\n", path: 'themes/casper/gulpfile.js', note: 'a task-runner file (seen in ghost themes)' },
  ],
});
