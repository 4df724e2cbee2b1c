/** Error handling that keeps the error's context: the good shape the summary points out. */
import type { PyNode as Node } from '../../define.js';

/**
 * `raise DomainError("...") from err` or `logger.exception(...)` directly in the handler: the error
 * goes on with its cause, or is logged with its traceback.
 */
export function reraisesWithContext(body: Node): boolean {
  return body.namedChildren.some((s) => {
    if (s?.type === 'raise_statement') return s.childForFieldName('cause') !== null;
    if (s?.type !== 'expression_statement') return false;
    const call = s.namedChild(0);
    const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'exception';
  });
}
