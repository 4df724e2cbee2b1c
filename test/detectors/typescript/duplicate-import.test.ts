import detector from '../../../detectors/typescript/duplicate-import.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "import { readFile } from 'node:fs/promises';\nimport { writeFile } from 'node:fs/promises';\n",
      line: 2,
      message: "'node:fs/promises' is already imported on line 1",
      fix: "import { readFile, writeFile } from 'node:fs/promises';",
    },
    {
      code: 'import {a} from "./a.js"\nimport {b, c as d} from "./a.js"\n',
      line: 2,
      fix: 'import {a, b, c as d} from "./a.js"',
    },
    {
      code: "import { a } from './x';\nimport { a, b } from './x';\n",
      line: 2,
      fix: "import { a, b } from './x';",
      note: 'a name imported twice appears once in the merge',
    },
    {
      code: "import { useState } from 'react';\nimport { api } from './api';\nimport { useEffect } from 'react';\n",
      line: 3,
      note: 'not adjacent: no fix',
    },
    { code: "import React from 'react';\nimport { useState } from 'react';\n", line: 2, note: 'default + named: no mechanical fix here' },
    {
      code: "import {\n  a,\n  b,\n} from './x';\nimport { c } from './x';\n",
      line: 5,
      note: 'a multi-line import is not merged mechanically',
    },
    { code: "import { a } from './x';\nimport { b } from './x';\nimport { c } from './x';\n", line: [2, 3] },
    { code: "const path = require('path');\nconst { join } = require('path');\n", line: 2, message: 'already required on line 1' },
    { code: "import { type A, b } from './x';\nimport { c } from './x';\n", line: 2, note: 'an inline `type` next to a value is a value import' },
  ],
  ignores: [
    "import type { Config } from './config.js';\nimport { loadConfig } from './config.js';\n",
    "import { type Config } from './config.js';\nimport { loadConfig } from './config.js';\n",
    "import './polyfills.js';\nimport { ready } from './polyfills.js';\n",
    "import * as fs from 'node:fs';\nimport { readFileSync } from 'node:fs';\n",
    "import { a } from './a';\nimport { b } from './a.js';\n",
    "import { a } from './a';\nconst b = await import('./a');\n",
    "import { a } from './a';\nexport { b } from './a';\n",
    "const path = require('path');\nfunction f() {\n  const p = require('path');\n  return p;\n}\n",
    "import { a } from 'x';\ndeclare module 'y' {\n  import { b } from 'x';\n}\n",
    "import type { A } from './x';\nimport type { B } from './x';\n",
    "const a = require('./a');\nconst b = require('./b');\n",
    { code: "import x = require('lib');\nimport { y } from 'lib';\n", note: 'type tests import one module both ways; the forms cannot be merged' },
    {
      code: "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nconst db_1 = require(\"@n8n/db\");\nconst db_2 = require(\"@n8n/db\");\n",
      path: 'dist/credentials/service.js',
      note: 'compiled CommonJS: tsc emits one require per import (seen in n8n, medusa, ghost)',
    },
  ],
});
