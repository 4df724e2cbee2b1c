/** Handler keys from `ts.SyntaxKind` values, for detectors that subscribe to lists of kinds. */
import { ts } from 'ts-morph';
import type { TsHandlers, TsKindName } from '../../define.js';

/** The name of a node kind, as a handler key (an alias such as `FirstStatement` where the compiler has one). */
function kindName(kind: ts.SyntaxKind): TsKindName {
  return ts.SyntaxKind[kind] as TsKindName;
}

/** `handler` for each of `kinds`, added to `into` (`{ IfStatement: f, ForStatement: f }`). */
export function handlersFor(kinds: Iterable<ts.SyntaxKind>, handler: (node: ts.Node) => void, into: TsHandlers = {}): TsHandlers {
  for (const kind of kinds) into[kindName(kind)] = handler;
  return into;
}
