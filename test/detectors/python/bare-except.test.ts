import detector from '../../../detectors/python/bare-except.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'try:\n    x()\nexcept:\n    pass\n', line: 3, fix: 'except Exception:' },
    { code: 'try:\n    x()\nexcept :\n    log()\n', line: 3 },
    { code: 'def f():\n    try:\n        x()\n    except:\n        return None\n', line: 4, fix: '    except Exception:' },
    { code: 'try:\n    x()\nexcept ValueError:\n    pass\nexcept:\n    pass\n', line: 5 },
    { code: 'try:\n    x()\nexcept:\n    raise ValueError("bad")\n', line: 3, note: 'raising something else still hides the original type' },
    { code: 'try:\n    x()\nexcept:\n    raise\n    y()\n', line: 3, note: 'unreachable code after raise: the last statement decides' },
    { code: 'for i in r:\n    try:\n        x()\n    except:\n        continue\n', line: 4 },
    { code: 'try:\n    a()\nexcept:\n    pass\ntry:\n    b()\nexcept:\n    pass\n', line: [3, 7] },
  ],
  ignores: [
    'try:\n    x()\nexcept Exception:\n    pass\n',
    'try:\n    x()\nexcept (ValueError, KeyError) as e:\n    log(e)\n',
    'try:\n    x()\nexcept:\n    cleanup()\n    raise\n',
    'try:\n    x()\nexcept BaseException:\n    raise\n',
    'try:\n    x()\nfinally:\n    done()\n',
    'except_ = 1\n',
    '# except:\n',
    's = "try:\\n  x\\nexcept:\\n  pass"\n',
  ],
});
