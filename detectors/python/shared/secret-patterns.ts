/** What a secret looks like: secret-like names, credential-like values, and known key formats. */

/** Name tokens that by themselves mean a credential. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'secret', 'secrets', 'token', 'credential', 'credentials', 'apikey']);
/** Compound names that mean a key used as a credential. */
const SECRET_COMPOUNDS = /(api|access|private|secret|signing|encryption|master|auth|session|client)key|clientsecret|authtoken/;
/** Last words that make the name about a credential, not the credential itself. */
const NOT_SECRET_LAST = new Set([
  'url', 'uri', 'urls', 'endpoint', 'field', 'fields', 'name', 'names', 'header', 'headers', 'type', 'types', 'path', 'file',
  'filename', 'dir', 'env', 'var', 'variable', 'id', 'ids', 'prefix', 'suffix', 'length', 'len', 'size', 'regex', 're',
  'pattern', 'label', 'prompt', 'message', 'msg', 'hint', 'format', 'fmt', 'template', 'column', 'col', 'param', 'params',
  'attr', 'attribute', 'placeholder', 'mask', 'hash', 'hashed', 'validator', 'policy', 'expiry', 'expires', 'expiration',
  'ttl', 'timeout', 'count', 'max', 'min', 'storage', 'cache', 'class', 'reset', 'changed', 'required', 'enabled', 'error',
  'errors', 'input', 'widget', 'text', 'description', 'help', 'title', 'icon', 'mode', 'method', 'scheme', 'kind', 'style',
  'key_name', 'location', 'source', 'provider', 'backend', 'manager', 'service', 'store', 'algorithm', 'algo', 'version',
  'encoding', 'separator', 'sep', 'char', 'chars', 'index', 'position', 'pos', 'state', 'status', 'option', 'options',
  'arn', 'ref', 'region', 'bucket', 'scope', 'scopes', 'audience', 'issuer', 'host', 'port', 'user', 'username', 'email',
  'owner', 'challenge',
]);
/** First words that make the name a flag, a count or an action. */
const NOT_SECRET_FIRST = new Set(['is', 'has', 'use', 'enable', 'show', 'min', 'max', 'num', 'reset', 'forgot', 'get', 'set', 'check', 'validate', 'no', 'allow', 'require', 'verify']);

/** Splits `dbPassword`, `DB_PASSWORD`, `db-password` into lower-case words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a variable, key or parameter name says it holds a credential. */
export function isSecretName(name: string): boolean {
  // `"AWS::IAM::AccessKey"`, `"Secret Manager"`: labels and type names, not a variable or config key.
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return false;
  const w = words(name);
  if (w.length === 0) return false;
  const last = w[w.length - 1];
  if (NOT_SECRET_LAST.has(last) || NOT_SECRET_LAST.has(w.slice(-2).join('_')) || NOT_SECRET_FIRST.has(w[0])) return false;
  // `pass` is a credential only as the last of several words (`DB_PASS`), not `pass_through` or `"pass"`.
  return w.some((x) => SECRET_WORDS.has(x)) || (last === 'pass' && w.length > 1) || SECRET_COMPOUNDS.test(w.join(''));
}

const PLACEHOLDER = [
  /^(x+|\*+|\.+|-+|_+|#+|0+|\?+)$/i,
  /^<.*>$/,
  /^\{.*\}$/,
  /^\[.*\]$/,
  /\$\{|\{\{|%\(|%s\b|\{\}/,
  /your[-_ ]?|change[-_ ]?me|replace[-_ ]?me|placeholder|example|sample|dummy|redacted|insert[-_ ]|enter[-_ ]|fixme|todo|not[-_ ]?set|xxxx|\*\*\*|\.\.\./i,
  /^(test|testing|fake|mock|secret|password|passwd|token|none|null|undefined|default|admin|guest|user|changeit|foobar|notasecret)$/i,
  /^[^A-Za-z0-9\s]{2,}[A-Za-z]+[^A-Za-z0-9\s]{2,}$/, // `**SECRET**`: a mask shown in place of the value
];

/** Placeholder-ish values that tests use for secrets: words, fakes, obviously low-entropy strings. */
const TEST_PLACEHOLDER = /test|fake|mock|dummy|secret|pass|token|key|foo|bar|baz|abc|123|qwerty|letmein|hunter/i;

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/**
 * Whether `value`, bound to `name`, reads as a real credential: long enough, one token, not a
 * placeholder, a URL, a path, an environment variable name or a field name.
 */
export function isCredentialValue(value: string, name: string, inTests: boolean): boolean {
  if (value.length < 8 || /\s/.test(value)) return false;
  if (PLACEHOLDER.some((p) => p.test(value))) return false;
  if (words(value).join('') === words(name).join('')) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(value)) return false; // an environment variable's name
  // `access_token`, `Access-Control-Allow-Credentials`, `accessToken`: a key, header or field name.
  if (/^[A-Za-z]+(?:[_.:-][A-Za-z]+)+$/.test(value) || /^[a-z]+(?:[A-Z][a-z]+)+$/.test(value)) return false;
  if (/\\[wdsWDSbB]|\(\?|\[\^|[\])][*+?]|\.[*+]/.test(value)) return false; // a regular expression
  if (/^(.{1,4})\1+$/.test(value)) return false; // `aaaaaaaa`, `asdfasdfasdf`
  // `SECRET_KEY = "AWSSecretKey"`: a word that names the same thing is a field or header name.
  if (/^[A-Za-z]+$/.test(value) && words(name).some((x) => value.toLowerCase().includes(x))) return false;
  if (inTests) return value.length >= 16 && entropy(value) >= 3.5 && !TEST_PLACEHOLDER.test(value);
  return true;
}

/** Provider formats recognisable anywhere, and the prefix safe to show. */
const KNOWN_FORMATS: ReadonlyArray<{ label: string; pattern: RegExp }> = [
  { label: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { label: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/ },
  { label: 'a Slack token', pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/ },
  { label: 'a Stripe live key', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}\b/ },
  { label: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
];
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\\n"']*[A-Za-z0-9+/=]{40}/;
const FAKE = /example|fake|dummy|test|xxxx|0000000000|1234567890/i;

/** The known secret format in `text` (`a GitHub token (ghp_…)`), or null. */
export function knownFormat(text: string): { label: string; shown: string } | null {
  if (PRIVATE_KEY.test(text)) return { label: 'a private key', shown: '-----BEGIN … PRIVATE KEY-----' };
  for (const { label, pattern } of KNOWN_FORMATS) {
    const match = pattern.exec(text);
    if (match && !FAKE.test(match[0])) return { label, shown: `${match[0].slice(0, match[0].indexOf('_') > 0 && match[0].indexOf('_') < 12 ? match[0].indexOf('_') + 1 : 4)}…` };
  }
  return null;
}

/** `tests/`, `test_x.py`, `x_test.py`, `conftest.py`. */
export const isTestPath = (path: string): boolean => /(^|\/)(tests?|testing)\/|(^|\/)test_[^/]*\.py$|_test\.py$|(^|\/)conftest\.py$/.test(path);
