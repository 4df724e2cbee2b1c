/**
 * The mechanical fix that adds one `name: value` option to a call's options argument: into the
 * object literal when it is there, or as a new `{ ... }` argument when the call has none.
 */
import { ts } from 'ts-morph';
import type { TsFile } from '../../define.js';
import type { Fix } from '../../../src/types.js';
import { unwrap } from './constant-text.js';

/** Rewrites the line holding `pos` with `insert` put at `pos`. */
function insertAt(file: TsFile, pos: number, insert: string): Fix {
  const line = file.lineOf(pos);
  const start = file.sourceFile.getPositionOfLineAndCharacter(line - 1, 0);
  const text = file.lines[line - 1];
  const at = pos - start;
  return { line, endLine: line, replacement: text.slice(0, at) + insert + text.slice(at) };
}

/**
 * Adds `property` (`limit: '100kb'`) to argument `index` of `call` (a call or `new`): appended to
 * its object literal, or written as `{ property }` when the argument is missing. Undefined when not
 * mechanical (trailing commas, a non-literal argument, an empty multi-line object).
 */
export function addOptionFix(file: TsFile, call: ts.CallExpression | ts.NewExpression, index: number, property: string): Fix | undefined {
  const args = call.arguments;
  if (args?.hasTrailingComma) return undefined;
  const options = args?.[index];
  if (options === undefined) {
    if ((args?.length ?? 0) !== index || file.text[call.end - 1] !== ')') return undefined;
    return insertAt(file, call.end - 1, `${index === 0 ? '' : ', '}{ ${property} }`);
  }
  const obj = unwrap(options);
  if (!ts.isObjectLiteralExpression(obj) || obj.properties.hasTrailingComma) return undefined;
  const last = obj.properties.at(-1);
  if (!last) return file.lineOf(obj.getStart()) === file.lineOf(obj.end) ? insertAt(file, obj.end - 1, ` ${property} `) : undefined;
  return insertAt(file, last.end, `, ${property}`);
}
