/** Fitting rendered rows into a character budget, counting what was left out (never silently). */

export interface Fitted {
  shown: string[];
  omitted: number;
}

/** The leading rows of `rows` whose lengths (plus one separator each) fit in `budget`. */
export function fitRows(rows: readonly string[], budget: number): Fitted {
  let used = 0;
  let count = 0;
  for (const row of rows) {
    if (used + row.length + 1 > budget) break;
    used += row.length + 1;
    count++;
  }
  return { shown: rows.slice(0, count), omitted: rows.length - count };
}
