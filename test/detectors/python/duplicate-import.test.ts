import detector from '../../../detectors/python/duplicate-import.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'import os\nimport sys\nimport os\n', line: 3, message: '`os` is imported again; already imported on line 1', fix: '' },
    { code: 'from typing import Any, Dict\nfrom typing import Any\n', line: 2, message: '`Any`', fix: '' },
    { code: 'from typing import Any\nfrom typing import Any, Dict\n', line: 2, fix: 'from typing import Dict' },
    { code: 'import numpy as np\nimport numpy as np\n', line: 2, message: '`np`' },
    { code: 'import os.path\nimport os.path\n', line: 2, message: '`os.path`' },
    { code: 'def f():\n    import json\n    import json\n    return json\n', line: 3, fix: '' },
    { code: 'from . import models\nfrom . import models  # again\n', line: 2, fix: '' },
    { code: 'import os, os\n', line: 1, message: '`os`', fix: 'import os' },
    { code: 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a import A\n    from a import A\n', line: 4, note: 'a duplicate within one block is still a duplicate' },
    { code: 'from m import (\n    a,\n    b,\n)\nfrom m import b\n', line: 5, message: 'line 3' },
    { code: 'from __future__ import annotations, annotations\n', line: 1, fix: 'from __future__ import annotations' },
  ],
  ignores: [
    'from typing import Any\nfrom typing import Dict\n',
    'import os\nimport os.path\n',
    'import a.b\nimport a.c\n',
    'try:\n    import simplejson as json\nexcept ImportError:\n    import json\n',
    'import json\n\ndef f():\n    import json\n    return json\n',
    'def f():\n    import json\n\ndef g():\n    import json\n',
    'from typing import TYPE_CHECKING\nfrom app import models\nif TYPE_CHECKING:\n    from app import models\n',
    'import numpy as np\nimport numpy\n',
    'from m import a\nfrom m import a as b\n',
    'from .m import a\nfrom ..m import a\n',
    'import os\nfrom os import path\n',
    'if sys.platform == "win32":\n    from a import impl\nelse:\n    from b import impl\n',
    'class A:\n    import os\nclass B:\n    import os\n',
    '# import os\nimport os\n',
    { code: 'import mod\ndel mod\nimport mod\n', note: 're-import after del' },
    'import json\njson = None\nimport json\n',
  ],
});
