import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { isPythonTestDoublePath } from './shared/python-paths.js';
import { isCredentialValue, isSecretName, isTestPath, knownFormat, words } from './shared/secret-patterns.js';

/**
 * Regular expressions and character sets (`r"[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,}"`, `"^[a-f0-9]+$"`):
 * a character class with a range, a `{m,n}` quantifier, `^...$` anchors, or mostly punctuation.
 */
function isPatternText(text: string): boolean {
  if (/\[[^\]]*[A-Za-z0-9]-[A-Za-z0-9][^\]]*\]|[\])]\{\d*,?\d*\}|^\^.*\$$|^\\A|\\[Zz]$/.test(text)) return true;
  return (text.match(/[A-Za-z0-9]/g)?.length ?? 0) < text.length / 2;
}

/**
 * Tokens that name an identifier rather than a credential: the optimistic-locking, paging and
 * idempotency tokens of cloud APIs (`update_token`, `NextToken`, `ClientToken`) and the domain
 * `VerificationToken` SES publishes in DNS.
 */
const IDENTIFIER_TOKENS = new Set(['update', 'verification', 'pagination', 'page', 'next', 'continuation', 'sync', 'change', 'idempotency', 'client', 'cancel', 'resume', 'sequence', 'upload', 'lock', 'cursor', 'marker', 'request', 'correlation', 'trace', 'tracking']);

/** Qualifiers that make a token a credential (`access_token`, `GITHUB_TOKEN`, `bot_token`). */
const CREDENTIAL_TOKENS = new Set([
  'access', 'auth', 'api', 'refresh', 'bearer', 'session', 'oauth', 'jwt', 'id', 'bot', 'personal', 'app', 'admin', 'master',
  'private', 'secret', 'security', 'service', 'user', 'csrf', 'xsrf', 'deploy', 'registry', 'webhook', 'github', 'gitlab', 'slack',
  'npm', 'pypi', 'hub', 'sas', 'sts',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `update_token = "1a2b3c4d-..."`, `"VerificationToken": "..."`: an identifier, not a secret. A
 * UUID counts as one under any `<qualifier>_token` name whose qualifier is not a credential's;
 * a bare `token`, `api_token` or `password` holding a UUID stays reported.
 */
function isIdentifierToken(name: string, text: string): boolean {
  const w = words(name);
  const qualifier = w.at(-2) ?? '';
  if (w.at(-1) !== 'token' || !qualifier) return false;
  return IDENTIFIER_TOKENS.has(qualifier) || (UUID.test(text) && !CREDENTIAL_TOKENS.has(qualifier) && !w.some((x) => /^(pass|pwd|secret|key|credential)/.test(x)));
}

/** The text of a plain string literal (no interpolation), or null. */
function literal(node: Node | null): string | null {
  if (!node) return null;
  const type = node.type;
  if (type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => literal(c));
    return parts.every((p) => p !== null) ? parts.join('') : null;
  }
  if (type !== 'string') return null;
  const children = node.namedChildren;
  const types = children.map((c) => c?.type);
  if (types.includes('interpolation')) return null;
  return children.filter((_, i) => types[i] === 'string_content' || types[i] === 'escape_sequence').map((c) => c?.text ?? '').join('');
}

/** `("a" "b")` → the concatenation inside. */
function unparenthesized(node: Node | null): Node | null {
  let n = node;
  while (n?.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0);
  return n;
}

/** The name a value is bound to: `x = `, `self.x = `, `cfg["x"] = `. */
function targetName(left: Node | null): string | null {
  if (left?.type === 'identifier') return left.text;
  if (left?.type === 'attribute') return left.childForFieldName('attribute')?.text ?? null;
  if (left?.type === 'subscript') return literal(left.childForFieldName('subscript'));
  return null;
}

const RECOMMENDATION = 'Load it at run time from the environment or a secret manager (for example `os.environ["NAME"]`), and rotate it: it is already in the repository history.';

/** Credentials written into the source: by name (`password = "..."`) or by a provider's key format. */
export default definePyDetector({
  meta: {
    id: 'hardcoded-secret',
    severity: 'critical',
    category: 'security',
    description: 'A credential-like literal is bound to a secret-like name, or a known key format appears in the code.',
    recommendation: RECOMMENDATION,
    docs: {
      why: 'A secret in source code is readable by everyone with access to the repository, its forks, CI logs and backups, forever: removing it later does not remove it from history. It has to be rotated. Values that are not credentials are left alone: regular expressions and character sets, identifier tokens of cloud APIs (`update_token`, `NextToken`, `VerificationToken`, or a UUID under such a name), `.pyi` stubs, names about a credential rather than the credential (`token_owner`, `PasswordChallenge`), lines marked `# nosec` (a Bandit finding already judged; a known provider format is still reported), masks (`"**SECRET**"`), and the fixed fakes of test, mock and emulator code, where only a live provider key is reported.',
      flagged: [
        'DB_PASSWORD = "s3cr3t-Pr0d-2024"\n',
        'client = Client(api_key="9c1f0e7b2d4a6c8e0f1a3b5d")\n',
        'config = {"client_secret": "9f8e7d6c5b4a3210fedcba"}\n',
      ],
      ignored: [
        'DB_PASSWORD = os.environ["DB_PASSWORD"]\n',
        'password = ""\n',
        'API_KEY = "your-api-key"\n',
        'token_url = "https://auth.example.com/token"\n',
        'token_type = "Bearer"\n',
        'PASSWORD_FIELD = "password_confirmation"\n',
        'self.update_token = "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"\n',
        'TOKEN = r"[!#$%&\'*+\\-.^_`|~0-9A-Za-z]{1,}"\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Stubs hold no run-time values (their constants are types or regular expressions of a grammar).
    if (ctx.file.path.endsWith('.pyi')) return {};
    const inTests = isTestPath(ctx.file.path) || isPythonTestDoublePath(ctx.file.path);
    const reported = new Set<number>();

    const named = (name: string | null, bound: Node | null, describe: (name: string) => string): void => {
      const value = unparenthesized(bound);
      const text = literal(value);
      if (!name || !value || text === null || !isSecretName(name)) return;
      // `# nosec` (Bandit's B105/B106 silenced): the author already judged this literal.
      if (/#\s*nosec\b/.test(ctx.file.lines[value.startPosition.row] ?? '')) return;
      const known = knownFormat(text);
      if (known === null && (isPatternText(text) || isIdentifierToken(name, text))) return;
      const knownCounts = known !== null && !(inTests && known.label === 'a private key');
      // Test fixtures (signatures, fake keys, recorded tokens) are reported only in a live provider's format.
      if (inTests && !knownCounts) return;
      if (!isCredentialValue(text, name, inTests) && !knownCounts) return;
      reported.add(value.id);
      ctx.report({
        line: value.startPosition.row + 1,
        message: `${describe(name)} a hardcoded credential (a ${text.length}-character literal, not shown here)`,
      });
    };

    // Parts of an implicit concatenation are judged as a whole. (Ids are collected on entering the
    // concatenation because `node.parent` costs a walk from the root in tree-sitter.)
    const parts = new Set<number>();
    const formatted = (node: Node): void => {
      if (node.type === 'concatenated_string') for (const c of node.namedChildren) if (c) parts.add(c.id);
      if (reported.has(node.id) || parts.has(node.id)) return;
      const text = literal(node);
      const found = text === null ? null : knownFormat(text);
      // Test fixtures carry throwaway keys; a live provider token is still reported there.
      if (!found || (inTests && found.label === 'a private key')) return;
      reported.add(node.id);
      ctx.report({ line: node.startPosition.row + 1, message: `The code contains ${found.label} (\`${found.shown}\`) in a string literal` });
    };

    return {
      enter: {
        assignment(node) {
          named(targetName(node.childForFieldName('left')), node.childForFieldName('right'), (n) => `\`${n}\` is assigned`);
        },
        keyword_argument(node) {
          named(node.childForFieldName('name')?.text ?? null, node.childForFieldName('value'), (n) => `\`${n}=\` is passed`);
        },
        pair(node) {
          named(literal(node.childForFieldName('key')), node.childForFieldName('value'), (n) => `The \`"${n}"\` entry holds`);
        },
        default_parameter(node) {
          named(node.childForFieldName('name')?.text ?? null, node.childForFieldName('value'), (n) => `Parameter \`${n}\` defaults to`);
        },
        typed_default_parameter(node) {
          named(node.childForFieldName('name')?.text ?? null, node.childForFieldName('value'), (n) => `Parameter \`${n}\` defaults to`);
        },
        string: formatted,
        concatenated_string: formatted,
      },
    };
  },
});
