import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import type { Tri } from './shared/constant.js';
import { calleeName, callArguments, importedName, isBoolLiteral, shorten, stringLiteral } from './shared/call-target.js';
import { inputOrigin } from './shared/input-origin.js';
import { reachingValues } from './shared/local-values.js';
import { isTestPath } from './shared/secret-patterns.js';
import { type ScopeModel, scopesOf } from './shared/scopes.js';
import { BUILD_WORDS, type StringBuild, stringBuild } from './shared/string-build.js';

/** Calls that always hand their command to a shell. */
const SHELL_CALLS = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell']);
/** Calls that use a shell only with `shell=True`. */
const SHELL_OPTION_CALLS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);
const LAST_NAMES = new Set([...SHELL_CALLS, ...SHELL_OPTION_CALLS].map((n) => n.slice(n.lastIndexOf('.') + 1)));
const COMMAND_KEYWORDS = ['args', 'cmd', 'command'];

/** `shlex.quote(x)`, `pipes.quote(x)`, `shlex.join(argv)`, `escape_arg(x)`: quoted for the shell. */
const QUOTING = /quote|escape|^join$/i;
/**
 * Names that say the value is quoted, or is itself a command or shell text (a helper that runs the
 * command it is given is a wrapper: the caller decides what it runs).
 */
const NOT_DATA_NAME = /quoted|escaped|^q_|_q$|cmd|command|shell|script|exe$|executable|program|pager|editor|compiler/i;

function lastName(node: Node): string {
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text ?? '';
  return node.type === 'identifier' ? node.text : '';
}

/** Quoted values are safe; commands and shell text passed along are the caller's business. */
function judgeQuoting(value: Node): Tri | undefined {
  if (value.type === 'call') {
    const fn = value.childForFieldName('function');
    // `shlex.quote(x)`, and `x.replace("'", ...)`: quoting done by hand.
    if (QUOTING.test(calleeName(fn))) return 'no';
    if (calleeName(fn) === 'replace' && /['"]/.test(stringLiteral(value.childForFieldName('arguments')?.namedChild(0) ?? null) ?? '')) return 'no';
  }
  if (NOT_DATA_NAME.test(lastName(value))) return 'unknown';
  return undefined;
}

/** The shell-running function a call resolves to (`os.system`), or null. */
function shellSink(call: Node, model: ScopeModel): string | null {
  const target = importedName(call.childForFieldName('function'), model);
  if (!target) return null;
  if (SHELL_CALLS.has(target)) return target;
  if (!SHELL_OPTION_CALLS.has(target)) return null;
  return isBoolLiteral(callArguments(call).keywords.get('shell') ?? null, true) ? target : null;
}

function commandArgument(call: Node): Node | null {
  const args = callArguments(call);
  return args.positional[0] ?? COMMAND_KEYWORDS.map((k) => args.keywords.get(k)).find((v) => v) ?? null;
}

interface Built {
  build: StringBuild;
  varying: Node[];
  /** The variable's assignment when the command was built there, not in the call. */
  via: Node | null;
}

function varyingBuild(expression: Node, model: ScopeModel): { build: StringBuild; varying: Node[] } | null {
  const build = stringBuild(expression);
  if (!build) return null;
  const varying = build.values.filter((v) => inputOrigin(v, model, { judge: judgeQuoting }) === 'yes');
  return varying.length ? { build, varying } : null;
}

/** The command text built from run-time values, in the call or in the variable it passes. */
function builtCommand(arg: Node, call: Node, model: ScopeModel): Built | null {
  const direct = varyingBuild(arg, model);
  if (direct) return { ...direct, via: null };
  for (const reaching of reachingValues(arg, call, model)) {
    const found = varyingBuild(reaching.value, model);
    if (found) return { ...found, via: reaching.node };
  }
  return null;
}

const names = (values: Node[]): string => [...new Set(values.map((v) => `\`${shorten(v.text, 30)}\``))].join(', ');

/** Shell commands built by formatting run-time values into text. */
export default definePyDetector({
  meta: {
    id: 'command-injection',
    severity: 'critical',
    category: 'security',
    description: 'A shell command built by formatting run-time values into text is run by os.system, os.popen or subprocess with shell=True.',
    recommendation: 'Pass an argument list without `shell=True` (`subprocess.run(["ping", "-c", "1", host])`), or quote each value with `shlex.quote()`.',
    docs: {
      why: 'The shell reads the whole string as a program: a value holding `;`, `|`, `&&` or `$(...)` ends the intended command and runs its own with the process\'s rights. An argument list is passed to the program as is, with no shell in between. Only values that clearly come from outside are reported: parameters of the function, data read from them (`request.args["f"]`, `args.path`), `input()`; values quoted with `shlex.quote()`, numbers, globals and call results are not, nor are parameters named as commands (`cmd`, `command`: a wrapper runs what its caller gives it), nor test files.',
      flagged: [
        'import os\n\ndef ping(host):\n    os.system(f"ping -c 1 {host}")\n',
        'import subprocess\n\ndef archive(name):\n    cmd = "tar czf /tmp/out.tgz " + name\n    subprocess.run(cmd, shell=True, check=True)\n',
      ],
      ignored: [
        'import subprocess\n\ndef ping(host):\n    subprocess.run(["ping", "-c", "1", host], check=True)\n',
        'import shlex, subprocess\n\ndef ping(host):\n    subprocess.run(f"ping -c 1 {shlex.quote(host)}", shell=True)\n',
        'import os\n\nos.system("clear")\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Test code runs fixed commands on fixture paths: not an attack surface.
    if (isTestPath(ctx.file.path)) return {};
    return {
      enter: {
        call(call) {
          // Cheap name test first: the scope model is built only for files with such calls.
          if (!LAST_NAMES.has(calleeName(call.childForFieldName('function')))) return;
          const model = scopesOf(ctx.file);
          const sink = shellSink(call, model);
          const arg = sink ? commandArgument(call) : null;
          const found = sink && arg ? builtCommand(arg, call, model) : null;
          if (!sink || !found) return;
          const shell = SHELL_OPTION_CALLS.has(sink) ? ' with `shell=True`' : '';
          const where = found.via ? `\`${arg?.text}\`, a command built on line ${found.via.startPosition.row + 1} with ${BUILD_WORDS[found.build.kind]}` : `a command built with ${BUILD_WORDS[found.build.kind]}`;
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `\`${sink}()\`${shell} runs ${where} from ${names(found.varying)}: a \`;\` or \`$(...)\` in it runs another command`,
          });
        },
      },
    };
  },
});
