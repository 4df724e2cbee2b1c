import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { resolveBinding } from './shared/bindings.js';
import { unwrap } from './shared/constant-text.js';
import { referencesOf } from './shared/local-calls.js';
import { nameWords } from './shared/name-words.js';
import { type Destination, destinationOf, enclosingFunctionName } from './shared/random-destination.js';
import { isTestPath } from './shared/secret-patterns.js';
import { mayMention } from './shared/source-text.js';

/** Words that make a value a secret someone must not guess. */
const SECRET_WORDS = new Set([
  'token', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'salt', 'otp', 'csrf', 'xsrf', 'apikey',
  'credential', 'credentials', 'totp', 'hotp',
]);
// Not `session`/`sessionId` or `nonce`: on public code most were analytics, chat or scrape sessions and
// temp-file or message-signing nonces, where guessing gains nothing.
/** Words that make the next word a secret (`apiKey`, `verificationCode`, `resetId`). */
const SECRET_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'signing', 'encryption', 'auth', 'verification', 'verify', 'reset', 'invite', 'invitation', 'activation', 'confirmation', 'recovery', 'magic', 'one']);
const QUALIFIED_NOUNS = new Set(['key', 'code', 'id', 'link', 'pin', 'time']);
/** Words that say the value is not a secret even next to one (`tokenIndex`, `sessionTimeout`, `passwordLength`). */
const NOT_SECRET_WORDS = new Set([
  'jitter', 'delay', 'timeout', 'interval', 'backoff', 'retry', 'retries', 'wait', 'sleep', 'duration', 'ms', 'ttl', 'expiry',
  'index', 'idx', 'position', 'pos', 'offset', 'x', 'y', 'z', 'angle', 'color', 'colour', 'hue', 'opacity', 'alpha', 'width',
  'height', 'size', 'length', 'len', 'count', 'weight', 'probability', 'chance', 'rate', 'ratio', 'percent', 'sample',
  'shuffle', 'test', 'mock', 'fake', 'dummy', 'example', 'placeholder', 'seed', 'port', 'label', 'type', 'field', 'input', 'name',
]);
/** Verbs of functions that produce a value (`generateToken`, `createSessionId`, `randomPassword`). */
const MAKER_VERBS = /^(generate|gen|create|make|new|random|rand|build|issue|mint)$/;

/** Security relevance of a name: 'secret', 'not-secret' (a timing, index or size), or 'neutral'. */
function nameClass(name: string): 'secret' | 'not-secret' | 'neutral' {
  const words = nameWords(name);
  if (words.some((w) => NOT_SECRET_WORDS.has(w))) return 'not-secret';
  const secret = words.some((w, i) => SECRET_WORDS.has(w) || (i > 0 && QUALIFIED_NOUNS.has(w) && SECRET_QUALIFIERS.has(words[i - 1])));
  return secret ? 'secret' : 'neutral';
}

/** A function whose name says it makes a secret (`generateToken`, `createSessionId`). */
function makesSecret(name: string | undefined): boolean {
  if (name === undefined) return false;
  const [verb] = nameWords(name);
  return verb !== undefined && MAKER_VERBS.test(verb) && nameClass(name) === 'secret';
}

/** Calls that only print (`console.log`, `logger.info`, `log(...)`). */
const LOGGER_CALL = /^(console|logger|log|this\.logger)(\.\w+)?$|^log$/;

/** The callee text of the call `id` is an argument of ('' when it is used otherwise). */
function loggedBy(id: ts.Identifier): string {
  let e: ts.Node = id;
  while (ts.isTemplateSpan(e.parent) || ts.isTemplateExpression(e.parent) || (ts.isBinaryExpression(e.parent) && e.parent.operatorToken.kind === ts.SyntaxKind.PlusToken)) e = e.parent;
  const call = e.parent;
  return ts.isCallExpression(call) && call.arguments.includes(e as ts.Expression) ? call.expression.getText() : '';
}

/** True for `x` in `x = ...` / `x += ...`. */
function isAssignmentTarget(id: ts.Identifier): boolean {
  const p = id.parent;
  return ts.isBinaryExpression(p) && p.left === id && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/** True for the global `Math.random` (not a local `Math`). */
function isMathRandom(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'random') return false;
  const math = unwrap(callee.expression);
  return ts.isIdentifier(math) && math.text === 'Math' && resolveBinding(math) === undefined;
}

/** `Math.random()` whose result becomes a token, password, API key, salt, one-time code or OAuth state. */
export default defineTsDetector({
  meta: {
    id: 'insecure-randomness',
    severity: 'high',
    category: 'security',
    description: '`Math.random()` produces a value that must be unguessable (a token, password, API key, salt or one-time code).',
    recommendation:
      'Use the platform\'s cryptographic generator: `crypto.randomBytes(32).toString(\'base64url\')`, `crypto.randomUUID()`, `crypto.randomInt(n)` (Node) or `crypto.getRandomValues()` (browser).',
    docs: {
      why: '`Math.random()` is a fast pseudo-random generator, not a cryptographic one: V8\'s xorshift128+ state can be recovered from a few outputs, after which every past and future value is known, so a reset token, API key or generated password made with it can be predicted. The rule follows the value through arithmetic, `toString(36)`, indexing into an alphabet and string building to the name it is stored under, returned from or pushed into, and reports it when that name (or, for a local, the name of the generating function, such as `generatePassword`) is a secret. Random numbers for jitter, delays, shuffling, sampling, colours, positions and indices are left alone, as are plain ids and React keys, session ids and nonces (on public code mostly analytics sessions and temp-file or message-signing nonces), raw floats, values that are only logged, and test files.',
      flagged: [
        'export function createResetToken() {\n  return Math.random().toString(36).slice(2);\n}\n',
        "export function generatePassword(length = 12) {\n  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';\n  let result = '';\n  for (let i = 0; i < length; i++) result += chars.charAt(Math.floor(Math.random() * chars.length));\n  return result;\n}\n",
        'const session = { userId, sessionToken: Math.random().toString(36).substring(2) };\n',
      ],
      ignored: [
        'const delay = base * 2 ** attempt + Math.random() * 100;\n',
        'const shuffled = items.sort(() => Math.random() - 0.5);\n',
        'const id = `item-${Math.random().toString(36).slice(2)}`;\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Tests make throwaway tokens and passwords; their predictability does not matter.
    if (isTestPath(ctx.file.path)) return {};
    // Only `Math.random()` is looked at.
    if (!mayMention(ctx.file.text, 'random')) return {};
    const found: Array<{ call: ts.CallExpression; destination: Destination; what: string }> = [];

    /** True when a local is never read, or read only to be logged: it is not used as a credential. */
    function unusedOrLogged(destination: Destination): boolean {
      const declaration = destination.declaration;
      if (destination.kind !== 'local' || !declaration) return false;
      const uses = referencesOf(ctx.file, destination.name).filter(
        (id) => id.parent !== declaration && resolveBinding(id)?.declaration === declaration && !isAssignmentTarget(id),
      );
      return uses.every((id) => LOGGER_CALL.test(loggedBy(id)));
    }

    function describe(call: ts.CallExpression, destination: Destination): string | undefined {
      const cls = nameClass(destination.name);
      if (cls === 'not-secret') return undefined;
      if (destination.kind === 'oauth-state') return 'the OAuth `state` (the callback\'s CSRF protection)';
      if (cls === 'secret') return destination.kind === 'return' ? `the value returned by \`${destination.name}\`` : `\`${destination.name}\``;
      const fn = destination.kind === 'local' ? enclosingFunctionName(call) : undefined;
      return makesSecret(fn) ? `\`${destination.name}\` in \`${fn}\`` : undefined;
    }

    return {
      enter: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          if (!isMathRandom(call)) return;
          const destination = destinationOf(call);
          // A raw float (`this.randomToken = Math.random() * 1000`) is a weight or a cache buster, never a secret's text.
          if (!destination || !destination.converted) return;
          const what = describe(call, destination);
          if (what) found.push({ call, destination, what });
        },
      },
      end() {
        const lines = new Set<number>();
        for (const { call, destination, what } of found) {
          const line = ctx.file.lineOf(call.getStart());
          if (lines.has(line) || unusedOrLogged(destination)) continue;
          lines.add(line);
          ctx.report({
            line,
            message: `\`Math.random()\` makes ${what}, which must be unguessable; its output can be predicted from a few earlier values.`,
          });
        }
      },
    };
  },
});
