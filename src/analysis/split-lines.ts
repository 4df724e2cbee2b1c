/** Splits text into lines on \n, \r\n or \r (the terminators both parsers accept). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
