import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { functionName, isDunder } from './shared/function-defs.js';
import { isPythonScriptPath, isPythonTestPath } from './shared/python-paths.js';

/** Unannotated parameter node types (`typed_parameter`/`typed_default_parameter` are annotated). */
const BARE_PARAMETER = new Set(['identifier', 'default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern']);

/** The receiver of a method: never annotated by convention. */
const RECEIVER = /^(self|cls|mcs|mcls|metacls|klass)$/;

/** `_impl.py`: a private module is not public API (`__init__.py` is). */
const PRIVATE_MODULE = /(^|\/)_(?!_init__\.pyi?$)[^/]*\.pyi?$/;

/** Decorators that change what the signature needs: no receiver, or no useful return type. */
const STATIC = /^@\s*(staticmethod|(\w+\.)*staticmethod)\b/m;
const NO_RETURN_NEEDED = /^@\s*[\w.]+\.(setter|deleter)\b/m;

/** What one public def lacks. */
interface Gap {
  def: Node;
  name: string;
  params: string[];
  returns: boolean;
}

/** Container of a def: a class (public or not) or a function (whose nested defs are private). */
interface Container {
  kind: 'class' | 'function';
  public: boolean;
}

const isPublicName = (name: string): boolean => !name.startsWith('_') || isDunder(name);

/** The display name of an unannotated parameter (`*args`, `**kw`, `x`). */
function parameterName(p: Node): string {
  if (p.type === 'identifier') return p.text;
  if (p.type === 'default_parameter') return p.childForFieldName('name')?.text ?? p.text;
  const id = p.namedChildren.find((c) => c?.type === 'identifier');
  return `${p.type === 'list_splat_pattern' ? '*' : '**'}${id?.text ?? ''}`;
}

/** The gaps of one def, or null when it is fully annotated. */
function gapsOf(def: Node, isMethod: boolean, decorators: string): Gap | null {
  const name = functionName(def);
  const params = (def.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => p !== null);
  const bare = params.filter((p) => BARE_PARAMETER.has(p.type)).map(parameterName);
  // `self`/`cls` is never annotated: in methods, and in functions a decorator turns into one (`@_SpecialForm`).
  const first = params[0];
  const receiver = first?.type === 'identifier' && (isMethod ? !STATIC.test(decorators) && RECEIVER.test(first.text) : /^(self|cls)$/.test(first.text));
  const missing = receiver ? bare.slice(1) : bare;
  // Protocol methods return what the protocol says (`__len__` an int); setters return nothing.
  const needsReturn = !isDunder(name) && !NO_RETURN_NEEDED.test(decorators);
  const returns = needsReturn && !def.childForFieldName('return_type');
  return missing.length || returns ? { def, name, params: missing, returns } : null;
}

function describe(gap: Gap): string {
  const parts: string[] = [];
  if (gap.params.length) parts.push(`${gap.params.length === 1 ? 'parameter' : 'parameters'} ${gap.params.map((p) => `\`${p}\``).join(', ')}`);
  if (gap.returns) parts.push('the return type');
  return `\`${gap.name}\` has no type hints for ${parts.join(' and ')}`;
}

/** Options of missing-type-hints. */
export interface Options extends Record<string, unknown> {
  /** Only report in modules where at least a third of the defs carry an annotation (the module uses type hints). */
  onlyInTypedModules: boolean;
}

/** Public functions and methods without parameter or return annotations. */
export default definePyDetector<Options>({
  meta: {
    id: 'missing-type-hints',
    severity: 'low',
    category: 'maintainability',
    description: 'A public function or method without type hints on its parameters or return value.',
    recommendation: 'Annotate the parameters and the return type so callers and type checkers know the contract.',
    docs: {
      why: 'Type hints are the checked part of a function\'s contract: without them mypy/pyright skip the body and callers guess. Checked: public module-level functions and methods of public classes (names without a leading underscore; dunder methods count for their parameters, never for their return type, which their protocol fixes). Not checked: `self`/`cls`, private names, nested functions, lambdas, private modules (`_impl.py`), tests, scripts. By default (`onlyInTypedModules: true`) a module is checked only when at least a third of its defs have an annotation: in code that does not use type hints every def would be flagged, which is a style choice, not a review comment, and a few annotated defs among a hundred (17 of 20 sampled findings on application code came from such modules) do not make the module typed.',
      flagged: [
        'def load(path: str, strict):\n    return open(path).read()\n',
        'class Store:\n    def get(self, key: str) -> bytes:\n        ...\n    def put(self, key, value) -> None:\n        ...\n',
      ],
      ignored: [
        'def load(path: str, strict: bool = False) -> str:\n    return open(path).read()\n',
        'def _helper(x) -> int:\n    return x\n',
        'class Point:\n    def __init__(self, x: int, y: int):\n        self.x = x\n    def __repr__(self):\n        return "Point"\n',
      ],
    },
  },
  defaultOptions: { onlyInTypedModules: true },
  create(ctx) {
    const path = ctx.file.path;
    const skip = isPythonTestPath(path) || isPythonScriptPath(path) || PRIVATE_MODULE.test(path);
    const containers: Container[] = [];
    const gaps: Gap[] = [];
    const decoratorsOf = new Map<number, string>();
    // Defs in the module, and those with at least one annotation: the module's convention.
    let defs = 0;
    let typedDefs = 0;
    return {
      enter: {
        decorated_definition(node) {
          const def = node.childForFieldName('definition');
          if (def) decoratorsOf.set(def.id, node.namedChildren.filter((c) => c?.type === 'decorator').map((c) => c?.text).join('\n'));
        },
        class_definition(def) {
          const outer = containers.at(-1);
          const name = def.childForFieldName('name')?.text ?? '_';
          containers.push({ kind: 'class', public: (outer ? outer.kind === 'class' && outer.public : true) && !name.startsWith('_') });
        },
        function_definition(def) {
          const outer = containers.at(-1);
          containers.push({ kind: 'function', public: false });
          defs += 1;
          const params = def.childForFieldName('parameters')?.namedChildren ?? [];
          if (def.childForFieldName('return_type') || params.some((p) => p?.type === 'typed_parameter' || p?.type === 'typed_default_parameter')) typedDefs += 1;
          if (skip || (outer && !(outer.kind === 'class' && outer.public))) return;
          if (!isPublicName(functionName(def))) return;
          const gap = gapsOf(def, outer?.kind === 'class', decoratorsOf.get(def.id) ?? '');
          if (gap) gaps.push(gap);
          else if (def.childForFieldName('return_type')) ctx.praise({ line: def.startPosition.row + 1, pattern: 'typed-signature' });
        },
      },
      exit: {
        class_definition() {
          containers.pop();
        },
        function_definition() {
          containers.pop();
        },
      },
      end() {
        // A module where fewer than a third of the defs carry a hint does not use type hints: a
        // handful of annotated defs among a hundred is not a convention a new def breaks.
        if (ctx.options.onlyInTypedModules && typedDefs * 3 < defs) return;
        for (const gap of gaps) {
          ctx.report({ line: gap.def.startPosition.row + 1, message: describe(gap) });
        }
      },
    };
  },
});
