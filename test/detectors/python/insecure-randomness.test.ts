import detector from '../../../detectors/python/insecure-randomness.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'import random, string\n\ndef reset_token():\n    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(32))\n', line: 4, message: '`random.choice()` makes `reset_token`' },
    { code: 'import random\n\notp_code = random.randint(100000, 999999)\n', line: 3, message: '`otp_code`' },
    { code: 'import random\n\ndef new_session(store):\n    store.create(session_id=random.getrandbits(128))\n', line: 4, message: '`session_id`' },
    { code: 'from random import choices\nimport string\n\ndef make_password(n=12):\n    return "".join(choices(string.ascii_letters, k=n))\n', line: 5, message: '`make_password`' },
    { code: 'import random\n\nclass User:\n    def reset(self):\n        self.api_key = "%032x" % random.getrandbits(128)\n', line: 5, message: '`api_key`' },
    { code: 'import random\n\ndef invite():\n    return {"invite_code": str(random.randrange(10**8))}\n', line: 4, message: '`invite_code`' },
    { code: 'import random\n\nsalt = random.randbytes(16)\n', line: 3 },
    { code: 'import random\n\ndef confirm(user):\n    user.confirmation_code = f"code:{random.randint(100_000, 999_999)}"\n', line: 4, note: 'moto cognito' },
    { code: 'import random\n\nCHARS = "abcdef0123456789"\ntoken = "".join(random.sample(CHARS, 16))\n', line: 4, message: '`token`' },
    { code: 'import random\n\ndef verify(user):\n    nonce = f"{random.random()}"\n    return nonce\n', line: 4, message: '`nonce`' },
    { code: 'import random as rnd\n\ndef issue():\n    csrf = rnd.getrandbits(64)\n    return csrf\n', line: 4 },
  ],
  ignores: [
    { code: 'import random, string\n\ndef _Nonce():\n    \"\"\"Return a random string with unlikely collision to use as a nonce.\"\"\"\n    return "".join(random.choice(string.ascii_lowercase) for _ in range(10))\n', note: 'gcloud run: a revision-name nonce, declared as only unique' },
    'import random\n\nsalt = random.randbytes(16)  # nosec: test vector generator\n',
    { code: 'import random, string\n\nclass Api:\n    def __init__(self):\n        self.api_id = "".join(random.choice(string.ascii_lowercase) for _ in range(8))\n', note: 'moto: a public resource id' },
    { code: 'import random, string\n\ndef get_invitation_id():\n    return "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(26))\n', note: 'moto: an id, not an invite code' },
    { code: 'import random\n\ndef simulate(users):\n    for u in users:\n        u.visit(session_id=random.randint(1, 50))\n', note: 'a simulated session number, not key-shaped' },
    'import random\n\ndelay = base * 2 ** attempt + random.uniform(0, 1)\n',
    'import secrets\n\ntoken = secrets.token_urlsafe(32)\n',
    { code: 'import random\n\ndef sample_tokens(vocab):\n    token = random.choice(vocab)\n    return token\n', note: 'a language-model token' },
    { code: 'import random\n\ndef next_token(vocab_size):\n    token = random.randint(0, vocab_size - 1)\n    return token\n', note: 'a token id, not key-shaped' },
    'import random\n\npassword_length = random.randint(12, 20)\n',
    'import random\n\ndef shuffle(items):\n    random.shuffle(items)\n    return items\n',
    { code: 'import random\n\ndef pick_password(passwords):\n    password = random.choice(passwords)\n    return password\n', note: 'a pick from a list, not generated key material' },
    { code: 'import random\n\ndef test_login():\n    password = "".join(random.choice("abc") for _ in range(8))\n', path: 'tests/test_login.py' },
    'import random\n\nuser_id = random.randint(1, 1000)\nsample = random.sample(users, 10)\n',
    { code: 'import numpy as np\n\nsecret = np.random.randint(0, 10)\n', note: 'numpy: not judged' },
    { code: 'import random\n\nrng = random.Random(42)\ntoken = "".join(rng.choice("abc") for _ in range(8))\n', note: 'a seeded generator: a simulation or a fixture' },
    'import random\n\ndef jitter():\n    return random.random() * 0.1\n',
    { code: 'import random\n\nif random.random() < 0.5:\n    token = make_token()\n', note: 'the random value decides a branch, it is not the token' },
  ],
});
