import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { isDeclarationFile, isJavaScriptFile, isTestFile } from './shared/file-role.js';
import { isOverloadImplementation } from './shared/function-name.js';

/** True when a statement carries `export`. */
function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names listed in `export { a, b as c }` (the local names). */
function exportListNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of sourceFile.statements) {
    if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) names.add((e.propertyName ?? e.name).text);
    } else if (ts.isExportAssignment(s) && ts.isIdentifier(s.expression)) {
      names.add(s.expression.text);
    }
  }
  return names;
}

/** An exported function of the module with its name. */
interface ExportedFunction {
  name: string;
  fn: ts.FunctionLikeDeclaration;
}

/** Top-level exported functions: declarations and `const f = (...) => ...` without a type on the variable. */
function exportedFunctions(sourceFile: ts.SourceFile): ExportedFunction[] {
  const listed = exportListNames(sourceFile);
  const found: ExportedFunction[] = [];
  for (const s of sourceFile.statements) {
    if (ts.isFunctionDeclaration(s) && s.body) {
      const name = s.name?.text ?? 'default';
      if (isExported(s) || listed.has(name)) found.push({ name, fn: s });
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        // A typed variable (`const h: Handler = (req) => ...`) types its function's parameters.
        if (!ts.isIdentifier(d.name) || d.type || !init || !(ts.isArrowFunction(init) || ts.isFunctionExpression(init))) continue;
        if (isExported(s) || listed.has(d.name.text)) found.push({ name: d.name.text, fn: init });
      }
    } else if (ts.isExportAssignment(s) && (ts.isArrowFunction(s.expression) || ts.isFunctionExpression(s.expression))) {
      found.push({ name: 'default', fn: s.expression });
    }
  }
  return found;
}

/** Parameters with neither a type nor a default value: implicitly `any`. */
function untypedParameters(fn: ts.FunctionLikeDeclaration): ts.ParameterDeclaration[] {
  return fn.parameters.filter((p) => !p.type && !p.initializer && !(ts.isIdentifier(p.name) && p.name.text === 'this'));
}

/** Exported TypeScript functions whose parameters have no types. */
export default defineTsDetector({
  meta: {
    id: 'missing-type-hints',
    severity: 'low',
    category: 'maintainability',
    description: 'An exported TypeScript function has parameters without types (implicitly `any`).',
    recommendation: 'Annotate the parameters of exported functions; they are the module\'s contract.',
    docs: {
      why: 'An exported function is the module\'s contract: an untyped parameter is implicitly `any`, so every caller passes anything unchecked and the body reads it unchecked. Reported for exported functions (declarations, `export const f = (...) => ...`, `export { f }`, `export default`) in `.ts`/`.tsx` files only (never JavaScript, declaration files or tests), naming the untyped parameters. A parameter with a default value is typed by it; a variable with a type annotation (`const h: Handler = (req) => ...`) types its function; the implementation of an overloaded function is typed by its overloads. Missing return types are not reported: TypeScript infers them from the body, and requiring them is a style choice, not a hole.',
      flagged: ['export function handle(req, res) {\n  res.send(req.body);\n}\n', 'export const total = (items, tax: number) => items.length * tax;\n'],
      ignored: [
        'export function handle(req: Request, res: Response) {\n  res.send(req.body);\n}\n',
        'export const handler: Handler = (event) => event.body;\n',
        'function internal(a, b) {\n  return a + b;\n}\n',
        'export function retry(times = 3) {\n  return times;\n}\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const { path } = ctx.file;
    if (isJavaScriptFile(path) || isDeclarationFile(path) || isTestFile(path)) return {};
    return {
      end() {
        for (const { name, fn } of exportedFunctions(ctx.file.sourceFile)) {
          // Callers of an overloaded function see the typed overloads, not the implementation.
          if (isOverloadImplementation(fn)) continue;
          const untyped = untypedParameters(fn);
          if (untyped.length === 0) {
            // Parameters and return type written out: the exported contract is explicit.
            if (fn.parameters.length > 0 && fn.type) ctx.praise({ line: ctx.file.lineOf(fn.getStart()), pattern: 'typed-signature' });
            continue;
          }
          const names = untyped.map((p) => `\`${ts.isIdentifier(p.name) ? p.name.text : p.name.getText().replace(/\s+/g, ' ')}\``);
          const plural = names.length > 1;
          ctx.report({
            line: ctx.file.lineOf(untyped[0].getStart()),
            message: `Exported function \`${name}\` has untyped parameter${plural ? 's' : ''} ${names.join(', ')} (implicitly \`any\`).`,
          });
        }
      },
    };
  },
});
