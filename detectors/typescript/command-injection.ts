import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { enclosingFunction, noteLocalAssignment, resolveBinding } from './shared/bindings.js';
import { type ProcessFunction, processFunction } from './shared/child-process.js';
import { type StringPart, constantText, stringParts, unwrap } from './shared/constant-text.js';
import { booleanLiteral, propertyValue } from './shared/object-literal.js';
import { isRequestInput } from './shared/request-input.js';
import { isTestPath } from './shared/secret-patterns.js';
import { shortText } from './shared/source-text.js';
import { classifyValue } from './shared/value-class.js';

/** Functions whose command string always goes through a shell. */
const SHELL_ALWAYS: Readonly<Record<string, ReadonlySet<string>>> = {
  child_process: new Set(['exec', 'execSync']),
  shelljs: new Set(['exec']),
  execa: new Set(),
};
/** Functions that take a file and an argument array, and use a shell only with `shell: true`. */
const SHELL_OPTION: Readonly<Record<string, ReadonlySet<string>>> = {
  child_process: new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']),
  shelljs: new Set(),
  execa: new Set(['execa', 'execaSync', 'execaCommand', 'execaCommandSync']),
};
/** Callee names worth resolving (cheap filter during the traversal). */
const CANDIDATES = new Set([...Object.values(SHELL_ALWAYS), ...Object.values(SHELL_OPTION)].flatMap((s) => [...s]));

/** Local names an alias of a spawning function tends to have (`run`, `execAsync`, `sh`). */
const ALIAS_NAMES = /exec|spawn|run|shell|^sh$|cmd|command/i;

interface Candidate {
  call: ts.CallExpression;
  fn: ProcessFunction;
  /** The expressions whose text ends up in the shell command line. */
  inputs: ts.Expression[];
}

/** True when the options argument (an object literal) sets `shell: true` or a shell path. */
function usesShell(call: ts.CallExpression): boolean {
  const last = call.arguments.at(-1);
  if (!last || !ts.isObjectLiteralExpression(unwrap(last))) return false;
  const value = propertyValue(unwrap(last) as ts.ObjectLiteralExpression, 'shell');
  if (!value) return false;
  const text = constantText(value);
  return booleanLiteral(value) === true || (text !== undefined && text !== '');
}

/** What reaches the shell: the command, plus the argument array's elements when `shell` is on. */
function shellInputs(call: ts.CallExpression, fn: ProcessFunction): ts.Expression[] | undefined {
  const [command, args] = call.arguments;
  if (!command || ts.isSpreadElement(command)) return undefined;
  if (SHELL_ALWAYS[fn.module].has(fn.name)) return [command];
  if (!SHELL_OPTION[fn.module].has(fn.name) || !usesShell(call)) return undefined;
  const elements = args && ts.isArrayLiteralExpression(unwrap(args)) ? (unwrap(args) as ts.ArrayLiteralExpression).elements : [];
  return [command, ...elements.filter((e) => !ts.isSpreadElement(e))];
}

/** A shell command built from non-constant strings: `exec`, `execSync`, `spawn(..., { shell: true })`. */
export default defineTsDetector({
  meta: {
    id: 'command-injection',
    severity: 'critical',
    category: 'security',
    description: 'A shell command line is built from non-constant values (`exec`, `execSync`, `spawn` with `shell: true`).',
    recommendation:
      'Run the program without a shell and pass values as separate arguments (`execFile(\'git\', [\'log\', sha])`, `spawn(cmd, args)`); allow-list values that select a command.',
    docs: {
      why: '`exec`, `execSync` and any spawn with `shell: true` hand the whole string to `/bin/sh`: a value containing `;`, `|`, `&&`, a backtick or `$(...)` runs commands of its author\'s choosing with the rights of the server. Quoting inside the template does not help (`"$(rm -rf ~)"` still runs). The rule reports commands built by interpolation or concatenation of a value that comes from a parameter, a request or a local variable of the same function, and request data passed as the whole command. `execFile`/`spawn` with an argument array and no shell are left alone, as are test files, constant commands, numbers, escaped values and a helper\'s parameter passed through unchanged as the whole command (its callers decide).',
      flagged: [
        "import { exec } from 'node:child_process';\nexport function checkout(branch: string) {\n  exec(`git checkout ${branch}`);\n}\n",
        "const cp = require('child_process');\napp.get('/ping', (req, res) => {\n  cp.execSync('ping -c 1 ' + req.query.host);\n});\n",
        "import { spawn } from 'child_process';\nexport function convert(file: string) {\n  return spawn('convert', [file, 'out.png'], { shell: true });\n}\n",
      ],
      ignored: [
        "import { execFile } from 'node:child_process';\nexport function log(sha: string) {\n  execFile('git', ['log', sha]);\n}\n",
        "import { execSync } from 'node:child_process';\nconst BRANCH = 'main';\nexport const head = execSync(`git rev-parse ${BRANCH}`).toString();\n",
        "import { exec } from 'node:child_process';\nexport function kill(pid: number) {\n  exec(`kill -9 ${pid}`);\n}\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Test suites drive CLIs with fixture values; a finding there protects nothing.
    if (isTestPath(ctx.file.path)) return {};
    const candidates: Candidate[] = [];
    /** Later `cmd += ...` / `cmd = ...` assignments of a local, by its declaration. */
    const assigned = new Map<ts.Node, ts.Expression[]>();

    /** Binary expressions in document order: their assignments are resolved in `end`, and only when there is a candidate. */
    const binaries: ts.BinaryExpression[] = [];

    const isDynamic = (e: ts.Expression): boolean => isRequestInput(e) || classifyValue(ctx.file, e) === 'dynamic';

    /** Pieces of a built string; a constant becomes text. */
    function piecesOf(expr: ts.Expression): StringPart[] {
      const parts = stringParts(expr);
      if (parts) return parts;
      const text = constantText(expr);
      return text === undefined ? [{ kind: 'value', expr }] : [{ kind: 'text', text }];
    }

    /**
     * The dynamic value inside `input` and the local it went through, if any. A bare value counts only
     * when it is request data (`bare`: a helper's parameter passed through whole is its callers' call).
     */
    function dynamicValue(call: ts.CallExpression, input: ts.Expression, bare: boolean): { expr: ts.Expression; via?: string } | undefined {
      const e = unwrap(input);
      let parts = stringParts(e);
      let via: string | undefined;
      if (!parts && ts.isIdentifier(e)) {
        const binding = resolveBinding(e);
        const local = binding && ['const', 'let', 'var'].includes(binding.kind) && !binding.destructured;
        if (local && enclosingFunction(binding.declaration) === enclosingFunction(call)) {
          const built = [...(binding.initializer ? [binding.initializer] : []), ...(assigned.get(binding.declaration) ?? [])];
          const all = built.flatMap(piecesOf);
          // `cmd = cmd + ' --flag'` refers to the command built so far.
          parts = all.filter((p) => !(p.kind === 'value' && unwrap(p.expr).getText() === e.text));
          if (!built.some((b) => stringParts(b))) parts = undefined;
          via = e.text;
        }
      }
      if (parts) {
        const hit = parts.find((p): p is Extract<StringPart, { kind: 'value' }> => p.kind === 'value' && isDynamic(p.expr));
        return hit ? { expr: hit.expr, via } : undefined;
      }
      if (bare ? isDynamic(e) : isRequestInput(e)) return { expr: e };
      return undefined;
    }

    function check(c: Candidate): void {
      const [command, ...args] = c.inputs;
      const inCommand = dynamicValue(c.call, command, false);
      const hit = inCommand ?? args.map((a) => dynamicValue(c.call, a, true)).find((x) => x !== undefined);
      if (!hit) return;
      const sink = c.fn.module === 'child_process' ? c.fn.name : `${c.fn.module} ${c.fn.name}`;
      const how = inCommand ? 'is built into' : 'is passed, with `shell: true`, into';
      const target = hit.via ? `\`${hit.via}\`, the shell command run by \`${sink}\`` : `the shell command run by \`${sink}\``;
      ctx.report({
        line: ctx.file.lineOf(c.call.getStart()),
        message: `\`${shortText(hit.expr)}\` ${how} ${target}; a value containing \`;\`, \`|\` or \`$(...)\` runs other commands.`,
      });
    }

    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = unwrap(call.expression);
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
          // Identifiers may be aliases (`exec as run`, `promisify(exec)`): resolve only plausible names.
          if (!CANDIDATES.has(name) && !(ts.isIdentifier(callee) && ALIAS_NAMES.test(name))) return;
          const fn = processFunction(call);
          const inputs = fn ? shellInputs(call, fn) : undefined;
          if (fn && inputs) candidates.push({ call, fn, inputs });
        },
        BinaryExpression(node) {
          binaries.push(node as ts.BinaryExpression);
        },
      },
      end() {
        if (candidates.length === 0) return;
        for (const node of binaries) noteLocalAssignment(assigned, node);
        for (const c of candidates) check(c);
      },
    };
  },
});
