import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName, callArguments, importedName, stringLiteral, unparenthesized } from './shared/call-target.js';
import { scopesOf } from './shared/scopes.js';
import { isTestPath, words } from './shared/secret-patterns.js';

/** `random` functions that produce values a secret could be made of (not `shuffle`, `uniform`, `gauss`). */
const RANDOM_FUNCTIONS = new Set(['random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'getrandbits', 'randbytes']);
const PICKS = new Set(['choice', 'choices', 'sample']);

/** Words that by themselves name a secret. */
const SECRET_WORDS = new Set(['secret', 'password', 'passwd', 'passphrase', 'pwd', 'nonce', 'otp', 'totp', 'hotp', 'salt', 'csrf', 'xsrf', 'apikey', 'credential', 'credentials', 'pincode']);
/** Two-word names of secrets: `api_key`, `reset_code`, `verification_token`. */
const SECRET_PAIRS = /(^|_)(api|secret|private|signing|encryption|session|access|auth|authentication|reset|verification|verify|confirmation|confirm|activation|invite|invitation|refresh|bearer|login|mfa|2fa|one_time)_(key|keys|token|tokens|code|codes|pin|link)(_|$)/;
/** Identifiers that are secrets: a session id is a bearer credential; an `api_id` or `invitation_id` is a public name. */
const SECRET_IDS = /(^|_)session_ids?(_|$)|^sessionid$|^sid$/;
/** Last words that make the name about the secret's shape or use, not the secret. */
const NOT_SECRET_LAST = new Set(['count', 'len', 'length', 'size', 'index', 'idx', 'pos', 'position', 'offset', 'delay', 'timeout', 'ttl', 'jitter', 'prob', 'probability', 'weight', 'weights', 'rate', 'type', 'types', 'name', 'names', 'field', 'expiry', 'expires', 'min', 'max', 'num', 'rounds', 'attempts', 'retries', 'column', 'label', 'prefix', 'suffix']);

/**
 * What the name says about the value: a secret, or a weaker hint that needs a key-like value (a
 * bare `token`, which language models have too; an id such as `session_id`, which simulations have).
 */
function purposeOf(name: string): 'secret' | 'weak' | null {
  const w = words(name);
  const last = w[w.length - 1];
  if (!last || NOT_SECRET_LAST.has(last) || w[0] === 'num' || w[0] === 'max' || w[0] === 'min') return null;
  if (w.some((x) => SECRET_WORDS.has(x))) return 'secret';
  if (SECRET_PAIRS.test(w.join('_'))) return 'secret';
  return last === 'token' || SECRET_IDS.test(w.join('_')) ? 'weak' : null;
}

/** The text of `a.b`, `a`, a string key: how an assignment target or dictionary key is named. */
function targetName(node: Node | null): string | null {
  if (node?.type === 'identifier') return node.text;
  if (node?.type === 'attribute') return node.childForFieldName('attribute')?.text ?? null;
  if (node?.type === 'subscript') return stringLiteral(node.childForFieldName('subscript'));
  return stringLiteral(node);
}

/** Nodes a value flows through on its way to a name: `"".join(choice(c) for _ in range(8))`. */
const CARRIERS = new Set([
  'argument_list', 'call', 'generator_expression', 'list_comprehension', 'binary_operator', 'parenthesized_expression',
  'interpolation', 'string', 'concatenated_string', 'conditional_expression', 'list', 'tuple', 'unary_operator', 'attribute',
]);

/** A docstring or comment saying the value only has to be unique, or that security was considered. */
const NOT_FOR_SECURITY = /collision|not (meant |used |intended )?(for )?(security|crypto)|non-?cryptographic|nosec|noqa:?\s*S311/i;

/** Whether the enclosing function's docstring or the call's line says the value is not a secret. */
function declaredNotSecret(call: Node, lines: readonly string[]): boolean {
  if (NOT_FOR_SECURITY.test(lines[call.startPosition.row] ?? '')) return true;
  for (let a = call.parent; a; a = a.parent) {
    if (a.type !== 'function_definition') continue;
    const first = a.childForFieldName('body')?.firstNamedChild;
    const doc = first?.type === 'expression_statement' ? first.firstNamedChild : null;
    return doc?.type === 'string' && NOT_FOR_SECURITY.test(doc.text);
  }
  return false;
}

/** The name the random value ends up bound to or returned as, walking up a few carrier nodes. */
function boundName(call: Node): string | null {
  let child = call;
  for (let a = call.parent, depth = 0; a && depth < 10; child = a, a = a.parent, depth += 1) {
    if (a.type === 'assignment' || a.type === 'augmented_assignment') return a.childForFieldName('right')?.id === child.id ? targetName(a.childForFieldName('left')) : null;
    if (a.type === 'keyword_argument') return a.childForFieldName('name')?.text ?? null;
    if (a.type === 'pair') return a.childForFieldName('value')?.id === child.id ? targetName(a.childForFieldName('key')) : null;
    if (a.type === 'return_statement') {
      for (let f = a.parent; f; f = f.parent) if (f.type === 'function_definition') return f.childForFieldName('name')?.text ?? null;
      return null;
    }
    if (!CARRIERS.has(a.type)) return null;
  }
  return null;
}

/** Character pools: `string.ascii_letters + string.digits`, `"abc…"`, `ALPHABET`, `chars`. */
function isCharacterPool(node: Node | null): boolean {
  const n = unparenthesized(node);
  if (!n) return false;
  if (n.type === 'binary_operator') return isCharacterPool(n.childForFieldName('left')) && isCharacterPool(n.childForFieldName('right'));
  if (n.type === 'string' || n.type === 'concatenated_string') return true;
  const name = n.type === 'attribute' ? n.childForFieldName('attribute')?.text ?? '' : n.type === 'identifier' ? n.text : '';
  return /char|letter|digit|alphabet|alnum|ascii|symbol|hex|punctuation|pool/i.test(name);
}

/** An integer bound big enough for a code or key (`randint(100000, 999999)`, `randrange(10**6)`). */
function isLargeBound(node: Node | undefined): boolean {
  const n = unparenthesized(node ?? null);
  if (!n) return false;
  if (n.type === 'integer') return Number(n.text.replace(/_/g, '')) >= 1000;
  return n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '**';
}

/** Whether the call makes key-like material: characters from a pool, raw bits, or a large number. */
function keyShaped(fn: string, call: Node): boolean {
  const args = callArguments(call);
  if (fn === 'getrandbits' || fn === 'randbytes') return true;
  if (PICKS.has(fn)) return isCharacterPool(args.positional[0] ?? args.keywords.get('population') ?? args.keywords.get('seq') ?? null);
  if (fn === 'randint' || fn === 'randrange') return isLargeBound(args.positional[args.positional.length - 1]);
  return false;
}

/** `random` (the Mersenne Twister) used to make tokens, passwords, keys or codes. */
export default definePyDetector({
  meta: {
    id: 'insecure-randomness',
    severity: 'high',
    category: 'security',
    description: 'The `random` module generates a value bound to a token, password, key, nonce, salt or one-time code.',
    recommendation: 'Use the `secrets` module: `secrets.token_urlsafe(32)`, `secrets.token_hex(16)`, `secrets.choice(alphabet)`, `secrets.randbelow(n)`.',
    docs: {
      why: '`random` is a Mersenne Twister: 624 outputs reveal its whole state, and from then on every "random" token, password or reset code it produces can be computed by an attacker. The rule goes by the name the value is bound to, passed as or returned from; `random` used for jitter, sampling, shuffling, simulations or test data is not reported, nor are picks from a list that is not a character pool, nor test files. A bare `token` or an id (`session_id`) is reported only when the value is key-shaped (characters from a pool, raw bits, a number of 4+ digits): language-model tokens and simulated sessions use `random` too.',
      flagged: [
        'import random, string\n\ndef reset_token():\n    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(32))\n',
        'import random\n\notp_code = random.randint(100000, 999999)\n',
        'import random\n\ndef new_session(store):\n    store.create(session_id=random.getrandbits(128))\n',
      ],
      ignored: [
        'import random\n\ndelay = base * 2 ** attempt + random.uniform(0, 1)\n',
        'import secrets\n\ntoken = secrets.token_urlsafe(32)\n',
        'import random\n\ndef sample_tokens(vocab):\n    token = random.choice(vocab)\n    return token\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isTestPath(ctx.file.path)) return {};
    return {
      enter: {
        call(call) {
          const fn = call.childForFieldName('function');
          const name = calleeName(fn);
          if (!RANDOM_FUNCTIONS.has(name) || importedName(fn, scopesOf(ctx.file)) !== `random.${name}`) return;
          const bound = boundName(call);
          const purpose = bound ? purposeOf(bound) : null;
          if (!bound || !purpose) return;
          // Picks from a list of words or items are sampling, not key material.
          if ((purpose === 'weak' || PICKS.has(name)) && !keyShaped(name, call)) return;
          if (declaredNotSecret(call, ctx.file.lines)) return;
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `\`random.${name}()\` makes \`${bound}\`: the \`random\` module is predictable (624 outputs reveal its state), so this value can be guessed`,
          });
        },
      },
    };
  },
});
