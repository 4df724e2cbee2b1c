import detector from '../../../detectors/typescript/high-complexity.js';
import { describeDetector } from '../../helpers/detector-cases.js';

/** A function named `name` with `n` plain `if` branches: complexity n + 1. */
function ifs(name: string, n: number, header = `function ${name}(x) {`): string {
  const body = Array.from({ length: n }, (_, i) => `  if (x.k${i}) return ${i};`).join('\n');
  return `${header}\n${body}\n}\n`;
}

describeDetector(detector, {
  flags: [
    { code: ifs('route', 15), line: 1, message: '`route` has a cyclomatic complexity of 16 (threshold 15).' },
    { code: ifs('route', 20), line: 1, message: 'complexity of 21' },
    { code: ifs('route', 10), line: 1, options: { threshold: 10 }, message: 'complexity of 11 (threshold 10)' },
    {
      code: 'function f(a) {\n  return (a.a && a.b) || (a.c && a.d) || (a.e ?? a.f) || (a.g && a.h) || (a.i && a.j) || (a.k && a.l) || (a.m && a.n) || (a.o && a.p);\n}\n',
      line: 1,
      message: 'complexity of 16',
      note: 'each &&, || and ?? is a branch',
    },
    {
      code: 'function f(k) {\n  switch (k) {\n' + Array.from({ length: 16 }, (_, i) => `    case ${i}: return ${i};`).join('\n') + '\n    default: return -1;\n  }\n}\n',
      line: 1,
      message: 'complexity of 17',
      note: 'every case but default counts',
    },
    { code: ifs('', 15, 'const handle = async (x) => {').replace(/}\n$/, '};\n'), line: 1, message: '`handle`' },
    { code: `class Router {\n  route(x) {\n${Array.from({ length: 15 }, (_, i) => `    for (const y of x.l${i}) use(y);`).join('\n')}\n  }\n}\n`, line: 2, message: '`Router.route`' },
    {
      code: `function outer(x) {\n${Array.from({ length: 15 }, (_, i) => `  while (x.w${i}) x.step();`).join('\n')}\n  return () => (x.a ? 1 : 2);\n}\n`,
      line: 1,
      message: 'complexity of 16',
      note: 'the nested arrow is counted on its own',
    },
    {
      code: `function f(x) {\n${Array.from({ length: 8 }, (_, i) => `  try { x.t${i}(); } catch { x.c = x.d ?? 0; }`).join('\n')}\n}\n`,
      line: 1,
      message: 'complexity of 17',
    },
  ],
  ignores: [
    ifs('route', 14),
    'function small(a, b) {\n  if (a && b) return 1;\n  for (const x of a) if (x) return 2;\n  return b ? 3 : 4;\n}\n',
    { code: ifs('route', 15), options: { threshold: 20 } },
    {
      code: `function outer(x) {\n${Array.from({ length: 8 }, (_, i) => `  if (x.a${i}) return ${i};`).join('\n')}\n  return () => {\n${Array.from({ length: 8 }, (_, i) => `    if (x.b${i}) return ${i};`).join('\n')}\n  };\n}\n`,
      note: 'eight branches in each of two functions',
    },
    { code: ifs('error', 20, 'export const error = (issue) => {').replace(/}\n$/, '};\n'), path: 'src/locales/fr.ts', note: 'translation tables' },
    `const table = {\n${Array.from({ length: 30 }, (_, i) => `  k${i}: ${i},`).join('\n')}\n};\n`,
    `function f(x) {\n${Array.from({ length: 20 }, (_, i) => `  x.a${i}?.b();`).join('\n')}\n}\n`,
    `function f(x) {\n${Array.from({ length: 20 }, (_, i) => `  x.v${i} = x.a | x.b;`).join('\n')}\n}\n`,
    { code: "function f(a) {\n  if (a === 0) return 0;\n  if (a === 1) return 1;\n  if (a === 2) return 2;\n  if (a === 3) return 3;\n  if (a === 4) return 4;\n  if (a === 5) return 5;\n  if (a === 6) return 6;\n  if (a === 7) return 7;\n  if (a === 8) return 8;\n  if (a === 9) return 9;\n  if (a === 10) return 10;\n  if (a === 11) return 11;\n  if (a === 12) return 12;\n  if (a === 13) return 13;\n  if (a === 14) return 14;\n  if (a === 15) return 15;\n  if (a === 16) return 16;\n  if (a === 17) return 17;\n  if (a === 18) return 18;\n  if (a === 19) return 19;\n  if (a === 20) return 20;\n  if (a === 21) return 21;\n  if (a === 22) return 22;\n  if (a === 23) return 23;\n  if (a === 24) return 24;\n  if (a === 25) return 25;\n  if (a === 26) return 26;\n  if (a === 27) return 27;\n  if (a === 28) return 28;\n  if (a === 29) return 29;\n}\n", path: 'dist/demo.js', note: 'bundled output (seen in y-webrtc dist/demo.js and ghost core/built/)' },
    { code: "function _interopRequireWildcard(e, r) {\n  if (e === 0) return r;\n  if (e === 1) return r;\n  if (e === 2) return r;\n  if (e === 3) return r;\n  if (e === 4) return r;\n  if (e === 5) return r;\n  if (e === 6) return r;\n  if (e === 7) return r;\n  if (e === 8) return r;\n  if (e === 9) return r;\n  if (e === 10) return r;\n  if (e === 11) return r;\n  if (e === 12) return r;\n  if (e === 13) return r;\n  if (e === 14) return r;\n  if (e === 15) return r;\n  if (e === 16) return r;\n  if (e === 17) return r;\n  if (e === 18) return r;\n  if (e === 19) return r;\n}\n", note: 'a helper Babel emits (seen in parse-server lib/)' },
  ],
});
