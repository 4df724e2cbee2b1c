import detector from '../../../detectors/typescript/command-injection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "import { exec } from 'node:child_process';\nexport function checkout(branch: string) {\n  exec(`git checkout ${branch}`);\n}\n",
      line: 3,
      message: '`branch` is built into the shell command run by `exec`',
    },
    {
      code: "const cp = require('child_process');\napp.get('/ping', (req, res) => {\n  cp.execSync('ping -c 1 ' + req.query.host);\n});\n",
      line: 3,
      message: '`req.query.host`',
    },
    {
      code: "import { spawn } from 'child_process';\nexport function convert(file: string) {\n  return spawn('convert', [file, 'out.png'], { shell: true });\n}\n",
      line: 3,
      message: 'with `shell: true`',
    },
    {
      code: "import * as childProcess from 'child_process';\nexport function grep(pattern: string, dir: string) {\n  let cmd = 'grep -r ';\n  cmd += pattern + ' ' + dir;\n  return childProcess.execSync(cmd).toString();\n}\n",
      line: 5,
      message: '`cmd`, the shell command',
    },
    {
      code: "import { exec as run } from 'child_process';\nexport function open(url: string) {\n  run(`xdg-open \"${url}\"`);\n}\n",
      line: 3,
      note: 'double quotes do not stop $(...)',
    },
    {
      code: "import { promisify } from 'util';\nimport { exec } from 'child_process';\nconst execAsync = promisify(exec);\nexport async function tag(version: string) {\n  await execAsync(`git tag v${version}`);\n}\n",
      line: 5,
    },
    {
      code: "const { execSync } = require('child_process');\nmodule.exports = function install(name) {\n  const command = `npm install ${name}`;\n  return execSync(command);\n};\n",
      line: 4,
    },
    {
      code: "import { exec } from 'child_process';\nrouter.post('/run', (req, res) => {\n  const { script } = req.body;\n  exec(script, (err, out) => res.send(out));\n});\n",
      line: 4,
      message: '`script`',
      note: 'request data as the whole command',
    },
    {
      code: "import shell from 'shelljs';\nexport function archive(dir: string) {\n  shell.exec('tar czf backup.tgz ' + dir);\n}\n",
      line: 3,
      message: '`shelljs exec`',
    },
    {
      code: "import { spawnSync } from 'node:child_process';\nexport function lint(files: string[]) {\n  return spawnSync(`eslint ${files.join(' ')}`, { shell: '/bin/bash' });\n}\n",
      line: 3,
    },
    {
      code: "const exec = require('child_process').exec;\nconst ping = async (host) => exec(`ping -c 5 ${host}`);\napp.post('/ping', async (req, res) => res.send(await ping(req.body.host)));\n",
      line: 2,
      note: 'a helper whose caller passes request data, seen on real code',
    },
    {
      code: "import { execSync } from 'child_process';\nexport function commit(args: { message: string }) {\n  const msg = args.message.replace(/\"/g, '\\\\\"');\n  execSync(`git commit -m \"${msg}\"`);\n}\n",
      line: 4,
      message: '`msg`',
      note: 'escaping double quotes does not stop $(...)',
    },
    {
      code: "import { execSync } from 'child_process';\nexport function version(path: string) {\n  if (!path) path = '/usr/bin/chromium';\n  return execSync(path + ' --version');\n}\n",
      line: 4,
      note: 'a default only when empty: the value passed in still reaches the shell',
    },
  ],
  ignores: [
    { code: "import { execSync } from 'child_process';\nexport function tag(v: string) {\n  execSync(`git tag ${v}`);\n}\n", path: 'test/release.test.ts', note: 'test files' },
    { code: "import { execSync } from 'child_process';\nexport function show(cwd: string, f: string) {\n  execSync(`git checkout --theirs -- ${shellEscape(f)}`, { cwd });\n}\n", note: 'a shell-escaping helper, seen on real code' },
    "import { execFile } from 'node:child_process';\nexport function log(sha: string) {\n  execFile('git', ['log', sha]);\n}\n",
    "import { spawn } from 'child_process';\nexport function convert(file: string) {\n  return spawn('convert', [file, 'out.png']);\n}\n",
    "import { execSync } from 'node:child_process';\nconst BRANCH = 'main';\nexport const head = execSync(`git rev-parse ${BRANCH}`).toString();\n",
    { code: "import { exec } from 'node:child_process';\nexport function kill(pid: number) {\n  exec(`kill -9 ${pid}`);\n}\n", note: 'a number carries no shell syntax' },
    { code: "import { exec } from 'child_process';\nexport function run(command: string) {\n  return exec(command);\n}\n", note: 'a wrapper: its callers choose the command' },
    { code: "import { exec } from 'child_process';\nimport { quote } from 'shell-quote';\nexport function show(file: string) {\n  exec(`cat ${quote([file])}`);\n}\n", note: 'escaped' },
    { code: 'export function match(re: RegExp, text: string) {\n  return re.exec(`${text}\\n`);\n}\n', note: 'RegExp#exec' },
    { code: "export function find(db: Db, id: string) {\n  return db.exec(`SELECT * FROM t WHERE id = ${id}`);\n}\n", note: 'not a process; sql-injection decides' },
    { code: "import { exec } from 'child_process';\nimport { config } from './config';\nexec(`docker build -t ${config.image} .`);\n", note: 'configuration of unknown origin' },
    { code: "import { spawn } from 'child_process';\nexport function run(args: string[]) {\n  return spawn('git', args, { shell: process.platform === 'win32' });\n}\n", note: 'the argument array is not spliced into a string' },
    { code: "const mode = process.env.NODE_ENV === 'production' ? '--prod' : '--dev';\nimport { execSync } from 'child_process';\nexecSync(`npm run build ${mode}`);\n", note: 'each branch is a constant' },
    { code: "function exec(cmd: string) { return cmd; }\nexport function f(x: string) {\n  return exec(`echo ${x}`);\n}\n", note: 'a local function named exec' },
    {
      code: "import { execSync } from 'child_process';\nexport async function prepare(path: string) {\n  if (!path) {\n    path = '/usr/bin/chromium';\n    await new Promise((resolve) => {\n      child.on('exit', () => resolve(execSync(path + ' --version')));\n    });\n  }\n}\n",
      note: 'the parameter was just set to a constant (seen in uptime-kuma)',
    },
  ],
});
