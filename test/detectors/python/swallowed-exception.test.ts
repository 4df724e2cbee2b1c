import detector from '../../../detectors/python/swallowed-exception.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'try:\n    save(record)\nexcept Exception:\n    pass\n', line: 3, message: 'catches `Exception` and only passes' },
    { code: 'for item in items:\n    try:\n        process(item)\n    except ValueError:\n        continue\n', line: 4, message: 'only continues' },
    { code: 'try:\n    x()\nexcept:\n    pass\n', line: 3, message: 'catches every exception' },
    { code: 'try:\n    x()\nexcept (ValueError, TypeError) as e:\n    ...\n', line: 3, message: '`(ValueError, TypeError)`' },
    { code: 'try:\n    x()\nexcept OSError:\n    # the file may be gone already\n    pass\n', line: 3 },
    { code: 'try:\n    x()\nexcept StopIteration:\n    pass\n', line: 3 },
    { code: 'def f():\n    try:\n        x()\n    except Exception:\n        """Nothing to do."""\n', line: 4 },
    { code: 'try:\n    import json\n    json.loads(s)\nexcept Exception:\n    pass\n', line: 4, note: 'the try body does more than import' },
    { code: 'try:\n    x()\nexcept ValueError:\n    log()\nexcept TypeError:\n    pass\n', line: 5 },
    { code: 'try:\n    x()\nexcept* ValueError:\n    pass\n', line: 3 },
    { code: 'try:\n    a = d["k"]\n    b = compute(a)\nexcept KeyError:\n    pass\n', line: 4, note: 'absence errors are expected only around one statement' },
  ],
  ignores: [
    'try:\n    save(record)\nexcept Exception:\n    log.exception("save failed")\n',
    'try:\n    import ujson as json\nexcept ImportError:\n    pass\n',
    'try:\n    from a import b\n    from c import d\nexcept (ImportError, AttributeError):\n    pass\n',
    'try:\n    main()\nexcept KeyboardInterrupt:\n    pass\n',
    'task.cancel()\ntry:\n    await task\nexcept asyncio.CancelledError:\n    pass\n',
    'try:\n    value = int(text)\nexcept ValueError:\n    value = 0\n',
    'try:\n    x()\nexcept ValueError:\n    raise\n',
    'try:\n    x()\nexcept ValueError:\n    return None\n',
    'try:\n    x()\nexcept ValueError as e:\n    errors.append(e)\n',
    'try:\n    x()\nfinally:\n    pass\n',
    'try:\n    x()\nexcept ValueError:\n    pass\n    cleanup()\n',
    'try:\n    x()\nexcept ValueError:\n    raise RuntimeError("wrapped")\n',
    { code: 'try:\n    os.remove(path)\nexcept FileNotFoundError:\n    pass\n', note: 'remove-if-exists idiom' },
    'try:\n    del cache[key]\nexcept KeyError:\n    pass\n',
    'try:\n    os.kill(pid, 0)\nexcept ProcessLookupError:\n    pass\n',
  ],
});
