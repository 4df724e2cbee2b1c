/** The detector registry: every detector, sorted by id then language. Frozen. */
import type { Detector } from './define.js';

const detectors: Detector[] = [];

export const registry: readonly Detector[] = Object.freeze(
  [...detectors].sort((a, b) => a.meta.id.localeCompare(b.meta.id) || a.meta.language.localeCompare(b.meta.language)),
);
