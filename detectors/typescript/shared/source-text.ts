/** Short source excerpts for messages. */
import type { ts } from 'ts-morph';

/** Short, single-line source text of a node (`req.query.id`, `db.query`), cut at `max` characters. */
export function shortText(node: ts.Node, max = 40): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
