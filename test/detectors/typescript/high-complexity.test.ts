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
  ],
});
