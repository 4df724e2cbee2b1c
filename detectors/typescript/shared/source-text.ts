/** Short source excerpts for messages. */
import type { ts } from 'ts-morph';

/** Short, single-line source text of a node (`req.query.id`, `db.query`), cut at `max` characters. */
export function shortText(node: ts.Node, max = 40): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * False when no keyword, identifier or property name of the source can be `word`: the text holds
 * neither the word nor a `\u` escape (which could spell it, `\u0065val`). A rule that only acts on
 * such a name skips the file's traversal on this one substring search.
 */
export function mayMention(text: string, word: string): boolean {
  return text.includes(word) || text.includes('\\u');
}
