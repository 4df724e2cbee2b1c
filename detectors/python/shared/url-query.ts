/** Query strings in URL text: which key a value is put under, and whether that key is a credential. */
import { words } from './secret-patterns.js';

/**
 * Query keys that always carry a credential (compared without `_`, `-`, `.` and case). Not
 * `SessionToken`/`X-Amz-Security-Token`: AWS puts short-lived session tokens in presigned and
 * streaming URLs by design.
 */
const CREDENTIAL_KEYS = new Set([
  'accesstoken', 'authtoken', 'apikey', 'apitoken', 'idtoken', 'refreshtoken', 'jwt', 'password', 'passwd', 'clientsecret',
  'secret', 'privatetoken', 'bearertoken', 'authorization', 'xapikey', 'apisecret', 'secretkey', 'oauthtoken',
]);
/** Value names that say the value is an access credential (for a bare `token` key). */
const AUTH_WORDS = new Set(['access', 'auth', 'api', 'jwt', 'bearer', 'session', 'refresh', 'oauth', 'credential', 'credentials', 'secret', 'id']);

/** `credential` for `access_token`, `api_key`, `jwt`...; `token` for a bare `token`; null otherwise. */
export function credentialKey(key: string): 'credential' | 'token' | null {
  const flat = key.toLowerCase().replace(/[-_.]/g, '');
  if (CREDENTIAL_KEYS.has(flat)) return 'credential';
  return flat === 'token' ? 'token' : null;
}

/** Whether a value's name says it is an access credential: `access_token`, `jwt`, `api_token`, `self.auth_token`. */
export function isAuthValueName(name: string): boolean {
  const w = words(name);
  return w.includes('jwt') || (w.includes('token') && w.some((x) => AUTH_WORDS.has(x)));
}

/**
 * The query key that text ending here assigns (`https://x/y?a=1&access_token=` → `access_token`),
 * or null when the text does not end inside a query string (no `?` before the key).
 */
export function queryKeyBefore(text: string): string | null {
  const m = /[?&]([A-Za-z_][\w.-]*)=$/.exec(text);
  if (!m) return null;
  return text.lastIndexOf('?', m.index) >= 0 ? m[1] : null;
}
