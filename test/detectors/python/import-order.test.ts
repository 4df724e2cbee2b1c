import detector from '../../../detectors/python/import-order.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'import requests\nimport os\n', line: 2, message: '`os` (standard library) is imported after `requests` (third party)', fix: 'import os\n\nimport requests' },
    { code: 'from .models import User\nimport json\n', line: 2, fix: 'import json\n\nfrom .models import User' },
    { code: 'import os\nfrom __future__ import annotations\n', line: 2, message: '`__future__`' },
    { code: '"""Doc."""\nimport sys\nimport numpy as np\nimport collections.abc\nfrom . import utils\n', line: 4, fix: 'import sys\nimport collections.abc\n\nimport numpy as np\n\nfrom . import utils' },
    { code: 'import flask\n\nfrom .app import create\n\nimport typing\n', line: 5, message: '`typing`', note: 'blank lines do not split a run' },
    { code: 'import os\nimport django\n# local\nfrom .x import y\nimport re\n', line: 5, note: 'a comment inside: no fix' },
    { code: 'import yaml, os\nimport json\n', line: 2 },
    { code: 'from django.db import models\nfrom os import path\n\nx = 1\n\nimport b\nimport a\n', line: 2, note: 'once per file' },
    { code: 'import attr\nimport _thread\n', line: 2, note: 'private stdlib modules' },
    { code: 'import requests\nimport __main__\nimport _private_ext\nimport json\n', line: 4, note: 'unknown private modules do not take part' },
  ],
  ignores: [
    'from __future__ import annotations\n\nimport os\nimport sys\n\nimport requests\n\nfrom .models import User\n',
    'import requests\n\ntry:\n    import ujson as json\nexcept ImportError:\n    import json\n',
    'import requests\n\nVALUE = 1\n\nimport os\n',
    { code: 'import zlib\nimport abc\n', note: 'order inside a group is not judged' },
    { code: 'import os\n\ndef f():\n    import requests\n    import json\n', note: 'function-level imports are left alone' },
    { code: 'import mypkg\nimport requests\n', note: 'first party counts as third party' },
    'from . import a\nfrom .b import c\nfrom ..d import e\n',
    { code: 'import os\nif TYPE_CHECKING:\n    from .models import User\nimport requests\n', note: 'an if ends the run' },
    'import os.path\nimport xml.etree.ElementTree as ET\nimport numpy\n',
  ],
});
