import detector from '../../../detectors/python/hardcoded-secret.js';
import { describeDetector } from '../../helpers/detector-cases.js';

// Key-shaped literals are assembled from pieces so the repository itself holds no scannable credential.
const GITHUB = 'ghp_' + 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const AWS_ID = 'AKIA' + 'Z7Q3L5N2RXW4KJ6H';
const SLACK = 'xoxb-' + '2938475610-1928374650-abcdEFGHijklMNOPqrst';
const GOOGLE = 'AIza' + 'SyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI';

const PRIVATE_KEY = 'KEY = """-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----"""\n';

describeDetector(detector, {
  flags: [
    { code: 'DB_PASSWORD = "s3cr3t-Pr0d-2024"\n', line: 1, message: '`DB_PASSWORD` is assigned a hardcoded credential (a 16-character literal' },
    { code: 'SMTP_PASS = "n0tMyRealPa55!"\n', line: 1 },
    { code: `GITHUB_TOKEN = (\n    "${GITHUB.slice(0, 22)}"\n    "${GITHUB.slice(22)}"\n)\n`, line: 2, message: '`GITHUB_TOKEN` is assigned', note: 'one finding for an implicit concatenation' },
    { code: `client = Client(api_key="${STRIPE}")\n`, line: 1, message: '`api_key=` is passed' },
    { code: 'config = {"client_secret": "9f8e7d6c5b4a3210fedcba"}\n', line: 1, message: 'The `"client_secret"` entry holds' },
    { code: 'def connect(host, password="Tr0ub4dor&3x"):\n    pass\n', line: 1, message: 'Parameter `password` defaults to' },
    { code: 'class Settings:\n    def __init__(self):\n        self.auth_token = "a8f5f167f44f4964e6c998dee827110c"\n', line: 3 },
    { code: PRIVATE_KEY, line: 1, message: 'a private key' },
    { code: `headers = {"Authorization": "token " + "${GITHUB}"}\n`, line: 1, message: 'a GitHub token (`ghp_…`)' },
    { code: `AWS = dict(key="${AWS_ID}")\n`, line: 1, message: 'an AWS access key id (`AKIA…`)' },
    { code: `SLACK = "${SLACK}"\n`, line: 1, message: 'a Slack token' },
    { code: `maps_key: str = "${GOOGLE}"\n`, line: 1 },
    { code: 'settings["SECRET_KEY"] = "django-insecure-8x#n2q!v0$w@3k"\n', line: 1 },
    { code: `def test_login(client):\n    client.login(password="${GITHUB}")\n`, line: 2, path: 'tests/test_auth.py', note: 'a live-format token is reported even in tests' },
    { code: 'API_TOKEN = "550e8400-e29b-41d4-a716-446655440000"\n', line: 1, note: 'a UUID under a credential name is still a credential' },
    { code: 'token = "550e8400-e29b-41d4-a716-446655440000"\n', line: 1, note: 'a bare token holding a UUID stays reported' },
    { code: 'HEROKU_API_KEY = "550e8400-e29b-41d4-a716-446655440000"\n', line: 1 },
    { code: 'DB_PASSWORD = "^Tr0ub4dor&3x"\n', line: 1, note: 'one anchor does not make a regular expression' },
    { code: 'ADMIN_PASSWORD = "Xk9#mQ2$vL7!"\n', line: 1, path: 'app/mocking.py', note: 'not mock code by its path' },
    { code: `AWS = dict(key="${AWS_ID}")\n`, line: 1, path: 'moto/iam/models.py', note: 'a live-format key is reported even in mock code' },
  ],
  ignores: [
    'import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\nTOKEN = os.getenv("TOKEN")\n',
    'password = ""\nsecret = None\n',
    'API_KEY = "your-api-key"\nPASSWORD = "changeme"\nTOKEN = "<token>"\nSECRET = "***"\nKEY = "..."\napi_key = "xxxxxxxxxxxx"\n',
    'token_url = "https://auth.example.com/token"\n',
    'token_type = "Bearer"\nPASSWORD_FIELD = "password_confirmation"\nSECRET_KEY_NAME = "MY_SECRET"\n',
    'password = "hunter2"\n',
    'API_KEY = "API_KEY"\ntoken = "GITHUB_TOKEN"\n',
    { code: 'def test_login(client):\n    client.login(username="bob", password="test-password-123")\n', path: 'tests/test_login.py' },
    { code: PRIVATE_KEY, path: 'tests/test_tls.py', note: 'a throwaway key in a test fixture' },
    'error = "Invalid password, please try again"\n',
    'max_tokens = 4096\npad_token = "<|endoftext|>"\ntokenizer = "bert-base-uncased"\n',
    'AWS_EXAMPLE = "AKIAIOSFODNN7EXAMPLE"\n',
    'password = f"{prefix}-{suffix}"\n',
    'if line.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n    pass\n',
    'password_hash = "pbkdf2_sha256$260000$abc"\nsecret_path = "/etc/app/secret"\n',
    'token = "access_token"\nsecret = "client-secret"\n',
    { code: 'ACCESS_KEY = "AWSAccessKeyId"\nSECRET_KEY = "AWSSecretKey"\n', note: 'header names (botocore)' },
    { code: 'TYPES = {"AWS::IAM::AccessKey": "62d91b17309e76c8"}\n', note: 'a resource type name is not a secret-like key (cfn-lint)' },
    { code: 'MFA_SECRET = "asdfasdfasdf"\n', note: 'keyboard-mash placeholder (moto)' },
    { code: 'ACL_CREDENTIALS = "Access-Control-Allow-Credentials"\n', note: 'a header name (flask-cors)' },
    { code: "jsonnet_token = r'[^\\W\\d]\\w*'\n_token_end = r'(?=\\s|#|[)\\]]|$)'\n", note: 'regular expressions (pygments)' },
    { code: "FILTERS = {'pass': 'bandpass', 'stop': 'bandstop'}\n", note: 'a filter type (scipy)' },
    { code: 'class Firewall:\n    def __init__(self):\n        self.update_token = "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"\n', note: 'an optimistic-locking token of the emulated API (moto networkfirewall)' },
    { code: 'result = {"VerificationToken": "QTKknzFg2J4ygwa+XvHAxUl1hyHoY0gVfZdfjIedHZ0="}\n', note: 'the value SES publishes in DNS (moto ses)' },
    { code: 'params = {"NextToken": "eyJ2IjoxLCJvZmZzZXQiOjEwMH0xYWJj"}\n', note: 'a paging token' },
    { code: 'credentials = {"username": "admin", "password": "P@55w0rd!"}\n', path: 'moto/rds/models.py', note: 'the fixed fake password the RDS emulator returns' },
    { code: 'TCHAR: Final = r"[!#$%&\'*+\\-.^_`|~0-9A-Za-z]"\nTOKEN: Final = r"[!#$%&\'*+\\-.^_`|~0-9A-Za-z]{1,}"\n', note: 'regular expressions of the HTTP token grammar (waitress)' },
    { code: 'TOKEN_SPECIALS = r"!#$%&\'*+-.^_`|~"\n', note: 'a character set, not a password (gunicorn)' },
    { code: 'SECRET_RE = "^[A-Za-z0-9]{40}$"\nsecret_pattern_text = "^sk_[a-z]+$"\n', note: 'anchored regular expressions' },
    { code: 'payload = {"access": "abc", "secret": u"e7a7a2240136494986991a6598d9fb9f", "token": "QVdTNC1ITUFDLVNIQTI1NgoyMDE1MDgyNFQxMTIwNDFaCjIw"}\n', path: 'keystone/tests/unit/test_contrib_s3_core.py', note: 'signature test vectors in a test (keystone)' },
    { code: "op.create_index('ix_owner', 'pended', ['token_owner'])\nrow = {'token_owner': 'subscription'}\ncount = mlist.get_requests_count(token_owner='moderator')\n", note: 'the owner of a token is a role, not a credential (mailman, postorius)' },
    { code: 'AuthLoginPasswordChallenge = "Password\\x00"\n', note: 'the prompt of SMTP AUTH LOGIN (aiosmtpd)' },
    { code: '_ACCESS_TOKEN = "OS-OAUTH1:access_token"  # nosec\n', note: 'a key name, already judged for Bandit (keystone)' },
    { code: "kwargs['data']['password'] = '**SECRET**'\n", note: 'a mask written over the value before logging (designate)' },
    { code: 'RFC9110_TOKEN: Final = r"!#$%&\'*+-.^_`|~"\nPASSWORD: Final = "s3cr3t-Pr0d-2024"\n', path: 'stubs/gunicorn/http/message.pyi', note: 'stubs hold no run-time values' },
  ],
});
