/**
 * What a hardcoded credential looks like: provider key formats, secret-like names and
 * credential-like values. Language independent (plain strings), so the Python variant can share it.
 */

interface KnownFormat {
  label: string;
  pattern: RegExp;
  /** The part that must look random (group 1), so `ghp_xxxx...` placeholders are not reported. */
  random: boolean;
}

const KNOWN_FORMATS: readonly KnownFormat[] = [
  { label: 'a private key block', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\s*([A-Za-z0-9+/=:,\s-]{40,})/, random: false },
  { label: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)([0-9A-Z]{16})\b/, random: true },
  { label: 'a GitHub token', pattern: /\b(?:gh[pousr]_([A-Za-z0-9]{36,})|github_pat_([A-Za-z0-9_]{22,}))\b/, random: true },
  { label: 'a Slack token', pattern: /\bxox[baprs]-([A-Za-z0-9-]{10,})/, random: true },
  { label: 'a Stripe live secret key', pattern: /\b[sr]k_live_([A-Za-z0-9]{16,})/, random: true },
  { label: 'a Google API key', pattern: /\bAIza([0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/, random: true },
  { label: 'an OpenAI-style secret key', pattern: /\bsk-(?:proj-|ant-(?:api\d+-)?)?([A-Za-z0-9_-]{32,})/, random: true },
];

/** Documentation keys, test keys and filler: `AKIAIOSFODNN7EXAMPLE`, `ghp_xxxxxxxx...`. */
const FILLER = /example|sample|dummy|fake|placeholder|xxxx|0000|1234|abcd|(.)\1{4,}/i;

/** Filler in a key block body (base64 of real keys has runs such as `AAAAA`, so only words count). */
const BLOCK_FILLER = /example|dummy|placeholder|xxxx|\.\.\./i;

/** Random-looking: mixes letters and digits, repeats little, is not filler. */
function looksRandom(text: string): boolean {
  return /[0-9]/.test(text) && /[A-Za-z]/.test(text) && new Set(text).size >= Math.min(10, text.length / 2) && !FILLER.test(text);
}

/** The shortest text any of the formats matches (a Slack token: `xoxb-` and 10 characters). */
const SHORTEST_FORMAT = 15;

/** The kind of provider credential `text` contains, or undefined. */
export function knownSecretFormat(text: string): string | undefined {
  if (text.length < SHORTEST_FORMAT) return undefined;
  for (const format of KNOWN_FORMATS) {
    const match = format.pattern.exec(text);
    if (!match) continue;
    const random = match.slice(1).find((g) => g !== undefined) ?? '';
    if (format.random ? looksRandom(random) : !BLOCK_FILLER.test(random)) return format.label;
  }
  return undefined;
}

/** Words of an identifier: `clientSecret`, `CLIENT_SECRET`, `x-api-key`, `APIKey` → lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '' && !/^[0-9]+$/.test(w))
    .map((w) => w.toLowerCase());
}

const SECRET_NOUNS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'auth', 'authorization', 'credential']);
/** `<word> key` is a secret for these words (`apiKey`, `PRIVATE_KEY`), not for `cacheKey`. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'auth', 'client', 'license', 'consumer', 'hmac', 'jwt']);
/** `pageToken`, `nextToken`, `csrfToken`: opaque cursors and per-request values, not credentials. */
const NOT_CREDENTIAL_TOKENS = new Set(['page', 'cursor', 'next', 'continuation', 'sync', 'csrf', 'xsrf', 'cancel', 'cancellation', 'lexer', 'parser', 'design', 'color', 'theme']);
/** Names that announce a fake value. */
const FAKE_WORDS = new Set(['example', 'sample', 'dummy', 'fake', 'mock', 'test', 'placeholder', 'invalid', 'wrong', 'bad', 'expired']);
/** Names of a part of a credential's format, not the credential: `PREFIX_LEGACY_API_KEY = 'n8n_api_'`. */
const FORMAT_WORDS = new Set(['prefix', 'suffix']);

/** True when a binding named `name` holds a credential (`apiKey`, `DB_PASSWORD`, `clientSecret`; not `tokenUrl`). */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  const before = words.at(-2);
  if (!last || words.some((w) => FAKE_WORDS.has(w) || FORMAT_WORDS.has(w))) return false;
  if (last === 'key') return before !== undefined && KEY_QUALIFIERS.has(before);
  if (last === 'token' && before !== undefined && NOT_CREDENTIAL_TOKENS.has(before)) return false;
  return SECRET_NOUNS.has(last);
}

const PLACEHOLDER = /^\[.*\]$|filtered|redacted|masked|hidden|removed|omitted|changeme|change[-_ ]?me|change[-_ ]?this|^your|[-_ ]your[-_ ]|example|placeholder|dummy|sample|replace|todo|fixme|^insert|^enter[-_ ]|xxx|<[^>]*>|\{\{|\$\{|%s|%\(|^\$[A-Za-z_]+$|^:[a-z_]+$|^%[a-z_]+%$|^process\.env/i;
/** Words, labels and key names without digits, in any script: `access_token`, `Bearer`, `auth.error.expired`, `Contraseña:`. */
const WORD_LIKE = /^\p{L}+(?:[_.:/-]\p{L}+)*[:.!?…]?$/u;
/** Constant-style names and error codes: `ERR_TOKEN_401`. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** CSS selectors (`#password`, `input[name=password]`) and publishable keys (Stripe `pk_live_`), public by design. */
const NOT_SECRET = /^[#.[]|\]$|^pk_(live|test)_/;
const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|~\/)|\.(?:pem|key|crt|cer|p12|pfx|json|txt|ya?ml|env)$/i;
/** Password hashes (bcrypt, argon2, crypt) are not the password itself. */
const PASSWORD_HASH = /^\$(?:2[aby]?|argon2(?:id|i|d)|[156y])\$/;
const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Bot|Digest)\s+/i;
/** Call expressions written as text, such as tool hints for a model: `list_credentials()`, `credentials(action="list")`. */
const CALL_TEXT = /^[A-Za-z_$][\w$.]*\([^()]*\)$/;

/** True when `value`, bound to `name`, reads as a real credential rather than a placeholder, label or key name. */
export function isCredentialValue(value: string, name: string): boolean {
  const v = value.trim().replace(AUTH_SCHEME, '');
  if (v.length < 8 || /\s/.test(v)) return false;
  if (/^[*.#_x-]+$/i.test(v) || PLACEHOLDER.test(v) || WORD_LIKE.test(v) || CONSTANT_NAME.test(v)) return false;
  if (NOT_SECRET.test(v) || URL_OR_PATH.test(v) || PASSWORD_HASH.test(v) || CALL_TEXT.test(v)) return false;
  const normalize = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return normalize(v) !== normalize(name) && new Set(v).size >= 4;
}

/** A password embedded in a URL (`postgres://app:S3cr3tPass@db/app`), when it reads as a real credential. */
export function urlPassword(text: string): boolean {
  if (!text.includes('://')) return false;
  const match = /\b[a-z][a-z0-9+.-]*:\/\/([^\s/:@]+):([^\s/@]+)@/i.exec(text);
  return match !== null && isCredentialValue(decodeSafe(match[2]), match[1]);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray `%` is still a password character
  }
}

/** Test, benchmark and example code: fixtures and fake credentials are expected there. */
export function isTestPath(path: string): boolean {
  return (
    /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|spec|specs|fixtures?|e2e|mocks?|bench(mark)?s?|examples?|demos?|samples?)\//i.test(path) ||
    /\.(test|spec|e2e|bench)\.[cm]?[jt]sx?$/i.test(path) ||
    /(^|\/)(demos?|examples?)\.[cm]?[jt]sx?$/i.test(path)
  );
}
