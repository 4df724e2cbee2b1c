/**
 * Byte-for-byte golden comparison against test/fixtures/report/<name>.
 * To (re)write the files: `UPDATE_GOLDEN=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/report`,
 * then read the diff by eye before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/report/', import.meta.url));

/** Compares `actual` with the golden file `name`, or writes it when UPDATE_GOLDEN=1. */
export function expectGolden(name: string, actual: string): void {
  const path = `${FIXTURES}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}: run the tests once with UPDATE_GOLDEN=1`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
