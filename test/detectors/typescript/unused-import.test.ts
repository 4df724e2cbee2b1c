import detector from '../../../detectors/typescript/unused-import.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "import path from 'node:path';\nexport const x = 1;\n",
      line: 1,
      message: "`path` is imported from 'node:path' but never used",
      fix: '',
    },
    {
      code: "import { readFile, writeFile } from 'node:fs/promises';\nexport const load = (p: string) => readFile(p, 'utf8');\n",
      line: 1,
      message: '`writeFile`',
      fix: "import { readFile } from 'node:fs/promises';",
    },
    {
      code: 'import {a, b, c} from "./abc.js"\nexport default [b];\n',
      line: 1,
      message: '`a`, `c` are imported',
      fix: 'import {b} from "./abc.js"',
    },
    {
      code: "import React, { useState } from 'react';\nexport const useFlag = () => useState(false);\n",
      line: 1,
      path: 'hooks.ts',
      fix: "import { useState } from 'react';",
      note: 'no JSX in a .ts file: React itself is unused',
    },
    {
      code: "import Default, { used } from './m';\nused();\n",
      line: 1,
      fix: "import { used } from './m';",
    },
    {
      code: "import type { A, B } from './types';\nexport type C = A;\n",
      line: 1,
      fix: "import type { A } from './types';",
    },
    {
      code: "import {\n  alpha,\n  beta,\n} from './greek';\nalpha();\n",
      line: 3,
      message: '`beta`',
      note: 'reported on the unused name; multi-line imports get no fix',
    },
    {
      code: "import * as utils from './helpers';\nimport { format } from 'node:util';\nconst o = { utils: 1, format: 2 };\no.utils;\nclass K { format() {} }\n",
      line: [1, 2],
      note: 'property keys, member names and property accesses with the same text are not uses',
    },
    { code: "import fs = require('fs');\nexport {};\n", line: 1, fix: '' },
    {
      code: "  import { a, b } from './x' with { type: 'json' };\nconsole.log(a);\n",
      line: 1,
      fix: "  import { a } from './x' with { type: 'json' };",
    },
  ],
  ignores: [
    "import './polyfills.js';\n",
    "import type { Config } from './config.js';\nexport function load(): Config {\n  return {} as Config;\n}\n",
    "import * as fs from 'node:fs';\nexport const read = (p: string) => fs.readFileSync(p);\n",
    { code: "import React from 'react';\nexport const App = () => <div />;\n", path: 'app.tsx' },
    { code: "import React from 'react';\nexport default function Empty() {\n  return null;\n}\n", path: 'empty.jsx', note: 'classic runtime convention in JSX files' },
    { code: "import { Button } from './button';\nexport const App = () => <Button label=\"ok\" />;\n", path: 'app.tsx' },
    { code: "import { ui } from './ui';\nexport const App = () => <ui.Panel />;\n", path: 'app.jsx' },
    "import { a, b as c } from './m';\nexport { a, c };\n",
    "export * from './all';\nexport { x } from './x';\n",
    "import { value } from './v';\nfunction f(value: number) {\n  return value;\n}\nexport const g = () => value;\n",
    { code: "import { Options } from './options';\n/** @param {Options} o */\nexport function f(o) {\n  return o;\n}\n", path: 'f.js' },
    "import { Injectable } from '@angular/core';\n@Injectable()\nexport class S {}\n",
    "import { Model } from './model';\nexport const m = { model: Model, short: { Model } };\n",
    "import { x } from './x';\nexport const y = typeof x;\ntype T = typeof x;\n",
    "import { A } from './a';\nexport class B implements A {}\n",
    {
      code: "import Handlebars = require('handlebars');\ndeclare module 'handlebars/runtime' {}\n",
      path: 'runtime.d.ts',
      note: 'the lone import makes the declaration an augmentation (seen in handlebars/runtime.d.ts)',
    },
    {
      code: "import { SchemaComposer, toInputObjectType } from 'graphql-compose';\nexport const t = toInputObjectType;\n",
      path: 'dist/services/graphql/resolvers/system.js',
      note: 'built output keeps imports the source used only as types (seen in directus)',
    },
  ],
});
