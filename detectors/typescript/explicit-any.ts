import { ts } from 'ts-morph';
import { type TsFile, defineTsDetector } from '../define.js';
import { isDeclarationFile, isJavaScriptFile, isScriptOrCli, isTestFile } from './shared/file-role.js';
import { functionName, isFunctionBody, isOverloadImplementation } from './shared/function-name.js';

const ESLINT_DISABLE_ANY = /eslint-disable(-next-line|-line)?\b[^\n]*no-explicit-any/;
const FILE_DISABLE_ANY = /\/\*\s*eslint-disable\s[^*]*no-explicit-any/;

/** Built-in containers: `Record<string, any>` or `Promise<any>` is the usual hole, not a wildcard. */
const CONTAINERS = new Set([
  'Record', 'Map', 'Set', 'WeakMap', 'WeakSet', 'ReadonlyMap', 'ReadonlySet', 'Array', 'ReadonlyArray', 'Promise', 'PromiseLike',
  'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Iterable', 'AsyncIterable', 'Iterator', 'Generator', 'AsyncGenerator',
]);

/** `function F(this: any)`: an ES5-style constructor's receiver. */
function isThisParameter(p: ts.ParameterDeclaration): boolean {
  return ts.isIdentifier(p.name) && p.name.text === 'this';
}

/** `catch (_e: any) {}`: an unused catch variable, whose type says nothing. */
function isIgnoredCatch(declaration: ts.VariableDeclaration): boolean {
  const clause = declaration.parent as ts.CatchClause;
  return (ts.isIdentifier(declaration.name) && declaration.name.text.startsWith('_')) || clause.block.statements.length === 0;
}

/** Where an `any` sits: skipped (a cast, a generic constraint, an "any function" type) or in a named declaration. */
type Placement = { skip: true } | { skip: false; declaration: ts.Node };

/** True for `(...args: any[]) => any`: the idiomatic "any function" type, where `unknown` would not type-check. */
function isAnyFunctionPart(node: ts.Node, child: ts.Node): boolean {
  if (ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node)) return node.type === child;
  if (ts.isParameter(node) && node.dotDotDotToken && (ts.isFunctionTypeNode(node.parent) || ts.isConstructorTypeNode(node.parent))) return true;
  return false;
}

function nameOf(node: ts.Node): string | undefined {
  const name = (node as { name?: ts.Node }).name;
  return name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/** What to call the declaration the `any` belongs to, for the message. */
function describe(declaration: ts.Node): string {
  if (ts.isParameter(declaration)) {
    const fn = declaration.parent;
    const param = nameOf(declaration) ?? 'a destructured parameter';
    const owner = isFunctionBody(fn) ? functionName(fn) : ts.isMethodSignature(fn) ? nameOf(fn) : undefined;
    return owner ? `parameter \`${param}\` of \`${owner}\`` : `parameter \`${param}\` of a function type`;
  }
  if (isFunctionBody(declaration)) return `the return type of \`${functionName(declaration)}\``;
  if (ts.isCatchClause(declaration.parent) && ts.isVariableDeclaration(declaration)) return `the catch variable \`${nameOf(declaration) ?? 'error'}\``;
  if (ts.isTypeAliasDeclaration(declaration)) return `type \`${declaration.name.text}\``;
  if (ts.isInterfaceDeclaration(declaration)) return `interface \`${declaration.name.text}\``;
  if (ts.isIndexSignatureDeclaration(declaration)) return 'an index signature';
  const name = nameOf(declaration);
  return name ? `\`${name}\`` : 'a declaration';
}

/** Walks up from the `any` to the declaration it types, skipping casts, type arguments of calls and constraints. */
function placementOf(any: ts.Node): Placement {
  let child: ts.Node = any;
  for (let node = any.parent; node; child = node, node = node.parent) {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)) return { skip: true };
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isExpressionWithTypeArguments(node) || ts.isTaggedTemplateExpression(node)) return { skip: true };
    if (ts.isTypeParameterDeclaration(node) || ts.isTypePredicateNode(node)) return { skip: true };
    // `keyof any` is the idiom for "any property key".
    if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.KeyOfKeyword) return { skip: true };
    if (ts.isParameter(node) && (isThisParameter(node) || isOverloadImplementation(node.parent))) return { skip: true };
    // `Observable<any>`, `ZodObject<any, any>`: "some Foo", a wildcard over a library's generic; containers still count.
    if (ts.isTypeReferenceNode(node) && node.typeArguments?.includes(child as ts.TypeNode) && !CONTAINERS.has(node.typeName.getText())) return { skip: true };
    if (ts.isCatchClause(node.parent) && ts.isVariableDeclaration(node) && isIgnoredCatch(node)) return { skip: true };
    if (ts.isConditionalTypeNode(node) && (node.checkType === child || node.extendsType === child)) return { skip: true };
    if (isAnyFunctionPart(node, child)) return { skip: true };
    if (
      ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertySignature(node) ||
      ts.isTypeAliasDeclaration(node) || ts.isIndexSignatureDeclaration(node) || ts.isMethodSignature(node) || isFunctionBody(node)
    ) {
      return { skip: false, declaration: node };
    }
    if (ts.isStatement(node) || ts.isSourceFile(node)) return { skip: true };
  }
  return { skip: true };
}

/** True when an eslint directive on the line or the one above allows `any` here: the team already decided. */
function allowedByDirective(file: TsFile, line: number): boolean {
  return [file.lines[line - 1], file.lines[line - 2]].some((text) => text !== undefined && ESLINT_DISABLE_ANY.test(text));
}

/** `any` written in a declaration of TypeScript code. */
export default defineTsDetector({
  meta: {
    id: 'explicit-any',
    severity: 'medium',
    category: 'maintainability',
    description: 'A declaration is typed `any`, which switches type checking off for everything that touches it.',
    recommendation: 'Use the real type, a generic, or `unknown` (and narrow it where it is used).',
    docs: {
      why: '`any` spreads: every value read from it is unchecked too, so one `any` parameter silently disables checking along a whole call chain. Reported once per declaration and line (parameter, variable, property, return type, type alias) in `.ts`/`.tsx` code. Left alone: `unknown`; casts (`as any`: a visible, local escape hatch), type arguments of calls (`new Map<string, any>()`) and of a library\'s own generic types (`Observable<any>`, `ZodObject<any>`: a wildcard, "some Foo"; built-in containers such as `Record<string, any>` or `Promise<any>` still count), type predicates, `keyof any`, `this: any` receivers, implementation signatures of overloaded functions (callers see only the overloads), unused catch variables (`catch (_e: any) {}`), generic constraints and conditional-type tests (`T extends (...args: any[]) => any`), the "any function" type itself, where `unknown` would not type-check; declaration files (`.d.ts` often describe untyped JavaScript), JavaScript, tests, scripts, and lines under an `eslint-disable` for `no-explicit-any` (a justified, reviewed exception).',
      flagged: [
        'export function parse(input: any) {\n  return input.value;\n}\n',
        'interface Props {\n  data: Record<string, any>;\n}\n',
      ],
      ignored: [
        'export function parse(input: unknown) {\n  return input;\n}\n',
        'const x = JSON.parse(s) as any;\n',
        'type Fn<T extends (...args: any[]) => any> = ReturnType<T>;\n',
        '// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the plugin API is untyped\nexport function register(plugin: any) {}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const { path, text } = ctx.file;
    if (isDeclarationFile(path) || isJavaScriptFile(path) || isTestFile(path) || isScriptOrCli(ctx.file) || (text.includes('no-explicit-any') && FILE_DISABLE_ANY.test(text))) return {};
    const reported = new Set<ts.Node>();
    const lines = new Set<number>();
    return {
      enter: {
        AnyKeyword(node) {
          const placement = placementOf(node);
          if (placement.skip || reported.has(placement.declaration)) return;
          const line = ctx.file.lineOf(node.getStart());
          if (lines.has(line) || allowedByDirective(ctx.file, line)) return;
          reported.add(placement.declaration);
          lines.add(line);
          const what = describe(placement.declaration);
          ctx.report({ line, message: `${what[0].toUpperCase()}${what.slice(1)} is typed with \`any\`.` });
        },
      },
    };
  },
});
