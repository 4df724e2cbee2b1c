import detector from '../../../detectors/typescript/deep-nesting.js';
import { describeDetector } from '../../helpers/detector-cases.js';

const five = 'function f(a, b, c, d, e) {\n  if (a) {\n    for (const x of b) {\n      while (c) {\n        try {\n          if (d) e();\n        } catch {}\n      }\n    }\n  }\n}\n';

describeDetector(detector, {
  flags: [
    { code: five, line: 6, message: 'Blocks are nested 5 deep in `f` (limit 4).' },
    {
      code: 'function f(items, user) {\n  for (const item of items) {\n    if (item.active) {\n      if (user.admin) {\n        while (item.pending) {\n          if (item.retry) {\n            if (item.force) retry(item);\n          }\n        }\n      }\n    }\n  }\n}\n',
      line: 6,
      message: 'nested 6 deep',
      note: 'once per function, with the deepest level',
    },
    { code: five, line: 5, options: { maxDepth: 3 }, message: '(limit 3)' },
    {
      code: 'class A {\n  run(a, b, c, d) {\n    switch (a) {\n      case 1:\n        if (b) {\n          for (;;) {\n            do {\n              if (c) c();\n            } while (d);\n          }\n        }\n    }\n  }\n}\n',
      line: 8,
      message: 'in `A.run`',
    },
    {
      code: 'const handler = async (req) => {\n  if (req.a) {\n    if (req.b) {\n      if (req.c) {\n        if (req.d) {\n          if (req.e) go();\n        }\n      }\n    }\n  }\n};\n',
      line: 6,
      message: 'in `handler`',
    },
    {
      code: 'if (a) {\n  if (b) {\n    if (c) {\n      if (d) {\n        if (e) go();\n      }\n    }\n  }\n}\n',
      line: 5,
      message: 'at module level',
    },
    {
      code: 'function f(a) {\n  if (a) {\n    if (a.b) {\n      if (a.c) {\n        if (a.d) {\n          if (a.e) one();\n        }\n      }\n    }\n  }\n}\nfunction g(a) {\n  if (a) {\n    if (a.b) {\n      if (a.c) {\n        if (a.d) {\n          if (a.e) two();\n        }\n      }\n    }\n  }\n}\n',
      line: [6, 17],
    },
    {
      code: 'function f(a) {\n  if (a) {\n    if (a.b) {\n      if (a.c) {\n        if (a.d) {\n          go();\n        } else {\n          if (a.e) other();\n        }\n      }\n    }\n  }\n}\n',
      line: 8,
      note: 'an `if` inside an `else` block is nested',
    },
  ],
  ignores: [
    'function f(a, b, c) {\n  if (a) {\n    if (b) {\n      for (const x of c) {\n        if (x) use(x);\n      }\n    }\n  }\n}\n',
    'function f(x) {\n  if (x === 1) one();\n  else if (x === 2) two();\n  else if (x === 3) three();\n  else if (x === 4) four();\n  else if (x === 5) five();\n  else if (x === 6) six();\n}\n',
    {
      code: 'function f(a) {\n  if (a) {\n    if (a.b) {\n      a.items.forEach((x) => {\n        if (x) {\n          if (x.y) {\n            go();\n          }\n        }\n      });\n    }\n  }\n}\n',
      note: 'a callback starts again from zero',
    },
    { code: five, options: { maxDepth: 5 } },
    'function f(a) {\n  if (a) {\n    go();\n  }\n  if (a.b) {\n    go();\n  }\n  if (a.c) {\n    go();\n  }\n  if (a.d) {\n    go();\n  }\n  if (a.e) {\n    go();\n  }\n}\n',
    'function f(a) {\n  try {\n    if (a) {\n      for (;;) {\n        if (a.b) break;\n      }\n    }\n  } catch (e) {\n    if (e) throw e;\n  } finally {\n    done();\n  }\n}\n',
    'class A {\n  m(a) {\n    if (a) {\n      if (a.b) {\n        return () => {\n          if (a.c) {\n            if (a.d) go();\n          }\n        };\n      }\n    }\n  }\n}\n',
    'const x = a ? (b ? (c ? (d ? 1 : 2) : 3) : 4) : 5;\n',
    { code: "function f(a) {\n  if (a) {\n    for (const x of a) {\n      while (x) {\n        if (x.y) {\n          if (x.z) {\n            return 1;\n          }\n        }\n      }\n    }\n  }\n}\n", path: 'dist/demo.js', note: 'bundled output (seen in y-webrtc dist/demo.js and ghost core/built/)' },
  ],
});
