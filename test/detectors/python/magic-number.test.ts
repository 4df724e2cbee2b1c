import detector from '../../../detectors/python/magic-number.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'if retries > 5:\n    give_up()\n', line: 1, message: 'Magic number `5` in `retries > 5`' },
    { code: 'import time\ntime.sleep(30)\n', line: 2, message: '`30`' },
    { code: 'def valid(name):\n    return len(name) <= 253\n', line: 2, message: '`253`' },
    { code: 'while elapsed < 4.5:\n    poll()\n', line: 1, message: '`4.5`' },
    { code: 'if delta < -30:\n    pass\n', line: 1, message: '`-30`' },
    { code: 'if not 3 < n:\n    pass\n', line: 1, message: '`3`' },
    { code: 'if size > 5_000_000:\n    reject()\n', line: 1, message: '`5_000_000`' },
    { code: 'sock.settimeout(15)\n', line: 1 },
    { code: 'ok = (score >= 75)\n', line: 1, note: 'a threshold in an expression' },
    { code: 'if kind == 42:\n    pass\n', line: 1, note: 'equality with a large integer is a code that needs a name' },
    { code: 'if a > 3 and b < 9:\n    pass\n', line: [1, 1] },
    { code: 'if resp.status == 404 or count > 404:\n    pass\n', line: 1, note: 'the status exemption needs a status on the other side' },
  ],
  ignores: [
    'MAX_RETRIES = 5\nif retries > MAX_RETRIES:\n    give_up()\n',
    'requests.get(url, timeout=30)\n',
    'if response.status_code == 404:\n    return None\n',
    'if sys.version_info >= (3, 11):\n    import tomllib\n',
    'last = items[-1]\nhead = items[:3]\n',
    'def fetch(url, retries=3):\n    pass\n',
    'if flags & 0x80:\n    pass\nif mode == 0o644:\n    pass\n',
    'for i in range(10):\n    pass\n',
    'if n > 0 and m != -1 and k >= 2 and r < 1 and h > 0.5:\n    pass\n',
    { code: 'if len(parts) == 3:\n    a, b, c = parts\n', note: 'a shape check' },
    { code: 'if len(h) >= 4 and h[:4] == b"RIFF":\n    pass\n', note: 'a small length bound guards the slice' },
    { code: 'if 0 <= digit <= 9:\n    pass\n', note: 'an interval between two literals' },
    { code: 'if seconds > 3600 or hours >= 24 or b < 256:\n    pass\n', note: 'well-known units and limits' },
    { code: 'assert abs(us) < 3.1e6\n', note: 'assert bounds document themselves' },
    { code: 'if retries > 5:\n    pass\n', path: 'tests/test_retry.py' },
    { code: 'if self.debug >= 3:\n    pass\nif ord(c) < 32:\n    pass\n' },
    { code: 'x = 42\ny = x * 3600 + 17\n', note: 'assignments and arithmetic are not checked' },
  ],
});
