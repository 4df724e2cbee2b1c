/** Splits identifiers into lower-case words: `resetPasswordToken` → reset, password, token; `API_KEY` → api, key. */

/** The words of a camelCase, PascalCase, snake_case, kebab-case or CONSTANT_CASE name. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}
