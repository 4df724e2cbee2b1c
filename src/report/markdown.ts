/** Escaping for GitHub-flavoured markdown: finding text into prose, table cells, code spans and fences. */

interface Segment {
  code: boolean;
  text: string;
}

/** Length of the run of backticks starting at `i`. */
function backtickRun(text: string, i: number): number {
  let n = 0;
  while (text[i + n] === '`') n++;
  return n;
}

/** Splits `text` into plain text and code spans (a backtick run closed by one of equal length). */
function splitCodeSpans(text: string): Segment[] {
  const segments: Segment[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    const open = backtickRun(text, i);
    let j = i + open;
    let close = -1;
    while (j < text.length) {
      if (text[j] !== '`') {
        j++;
        continue;
      }
      const run = backtickRun(text, j);
      if (run === open) {
        close = j;
        break;
      }
      j += run;
    }
    if (close < 0) {
      i += open;
      continue;
    }
    if (i > plainStart) segments.push({ code: false, text: text.slice(plainStart, i) });
    segments.push({ code: true, text: text.slice(i, close + open) });
    i = close + open;
    plainStart = i;
  }
  if (plainStart < text.length) segments.push({ code: false, text: text.slice(plainStart) });
  return segments;
}

/**
 * Finding text as markdown: `<` outside code spans becomes `&lt;` (GitHub would otherwise drop
 * `Array<any>` as an HTML tag, and a `<!--` could hide the rest of the comment). Code spans and
 * other markdown the detectors write (backticks, emphasis) are kept.
 */
export function escapeText(text: string): string {
  return splitCodeSpans(text)
    .map((s) => (s.code ? s.text : s.text.replace(/</g, '&lt;')))
    .join('');
}

/** Markdown for one line: line breaks become spaces (list items, headings). */
export function singleLine(markdown: string): string {
  return markdown.replace(/\s*\r?\n\s*/g, ' ');
}

/**
 * Markdown for a table cell: `|` is escaped (GFM unescapes it inside code spans too), and line
 * breaks become `<br>` in text or a space inside a code span, where `<br>` would show literally.
 */
export function tableCell(markdown: string): string {
  return splitCodeSpans(markdown)
    .map((s) => (s.code ? s.text.replace(/\r?\n/g, ' ') : s.text.replace(/\r?\n/g, '<br>')))
    .join('')
    .replace(/\|/g, '\\|');
}

/** `value` as a code span, with a longer fence when it contains backticks. */
export function codeSpan(value: string): string {
  const oneLine = value.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...Array.from(oneLine.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside `body`. */
export function fencedBlock(info: string, body: string): string {
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return body === '' ? `${fence}${info}\n${fence}` : `${fence}${info}\n${body}\n${fence}`;
}
