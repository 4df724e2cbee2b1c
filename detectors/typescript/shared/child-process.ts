/**
 * Recognises calls of process-spawning functions: `child_process` (`exec`, `cp.spawn`, a destructured
 * or promisified `execSync`), `shelljs`'s `exec`, and `execa`'s command-string functions. Returns the
 * original function name, so `import { exec as run } from 'node:child_process'` is still `exec`.
 */
import { ts } from 'ts-morph';
import { type Binding, resolveBinding } from './bindings.js';
import { unwrap } from './constant-text.js';

export type ProcessModule = 'child_process' | 'shelljs' | 'execa';

/** A spawning function: which module and which of its functions. */
export interface ProcessFunction {
  module: ProcessModule;
  name: string;
}

const MODULES: Readonly<Record<string, ProcessModule>> = {
  child_process: 'child_process',
  'node:child_process': 'child_process',
  shelljs: 'shelljs',
  execa: 'execa',
};
/** Receiver names that mean `child_process` even when its binding is not visible. */
const CHILD_PROCESS_NAMES = new Set(['child_process', 'childProcess']);
const MAX_DEPTH = 4;

/** The imported name of `local` in an import declaration (`import { exec as run }` → exec). */
function importedName(declaration: ts.Node, local: string): string | undefined {
  if (!ts.isImportDeclaration(declaration)) return undefined;
  const bindings = declaration.importClause?.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings)) return undefined;
  const element = bindings.elements.find((e) => e.name.text === local);
  return element ? (element.propertyName ?? element.name).text : undefined;
}

/** The module a namespace-like binding is (`import cp from`, `import * as cp from`, `const cp = require`). */
function moduleOfNamespace(binding: Binding | undefined, name: string): ProcessModule | undefined {
  if (!binding) return CHILD_PROCESS_NAMES.has(name) ? 'child_process' : undefined;
  if (binding.moduleName === undefined || binding.destructured) return undefined;
  if (ts.isImportDeclaration(binding.declaration) && importedName(binding.declaration, name) !== undefined) return undefined;
  return MODULES[binding.moduleName];
}

function identify(callee: ts.Expression, depth: number): ProcessFunction | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(callee);
  if (ts.isPropertyAccessExpression(e)) {
    const receiver = unwrap(e.expression);
    if (ts.isIdentifier(receiver)) {
      const module = moduleOfNamespace(resolveBinding(receiver), receiver.text);
      return module ? { module, name: e.name.text } : undefined;
    }
    const required = ts.isCallExpression(receiver) && ts.isIdentifier(receiver.expression) && receiver.expression.text === 'require' ? receiver.arguments[0] : undefined;
    const module = required && ts.isStringLiteralLike(required) ? MODULES[required.text] : undefined;
    return module ? { module, name: e.name.text } : undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const binding = resolveBinding(e);
  if (!binding) return undefined;
  if (binding.moduleName !== undefined) {
    const module = MODULES[binding.moduleName];
    if (!module) return undefined;
    if (ts.isImportDeclaration(binding.declaration)) {
      const name = importedName(binding.declaration, e.text);
      return name ? { module, name } : module === 'execa' ? { module, name: 'execa' } : undefined;
    }
    // `const { exec } = require('child_process')` (or `{ exec: run }`).
    return binding.destructured ? { module, name: destructuredName(binding.declaration, e.text) ?? e.text } : undefined;
  }
  // `const run = promisify(exec)` / `util.promisify(cp.exec)` / `const exec = require('child_process').exec`.
  if (binding.kind === 'const' && binding.initializer && !binding.destructured) {
    const init = unwrap(binding.initializer);
    if (ts.isCallExpression(init) && init.arguments.length === 1 && /(^|\.)promisify$/.test(init.expression.getText())) {
      return identify(init.arguments[0], depth + 1);
    }
    if (ts.isPropertyAccessExpression(init)) return identify(init, depth + 1);
  }
  return undefined;
}

/** `const { exec: run } = require(...)`: the property name bound to `local`. */
function destructuredName(declaration: ts.Node, local: string): string | undefined {
  if (!ts.isVariableDeclaration(declaration) || !ts.isObjectBindingPattern(declaration.name)) return undefined;
  const element = declaration.name.elements.find((el) => ts.isIdentifier(el.name) && el.name.text === local);
  const property = element?.propertyName;
  return property && ts.isIdentifier(property) ? property.text : element ? local : undefined;
}

/** The process-spawning function `call` calls, or undefined. */
export function processFunction(call: ts.CallExpression): ProcessFunction | undefined {
  return identify(call.expression, 0);
}
