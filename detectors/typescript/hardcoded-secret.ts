import { ts } from 'ts-morph';
import { defineTsDetector } from '../define.js';
import { isCredentialValue, isSecretName, isTestPath, knownSecretFormat, urlPassword } from './shared/secret-patterns.js';

// Docs examples are assembled so that this file holds no key-shaped literal itself.
const GITHUB_TOKEN_EXAMPLE = 'ghp_' + 'R2d7Kq9Lm4Vx8Tz1Pw6Yb3Nc5Hj0Fs2Ga9Ue';

/** Text of a property or binding name (`apiKey`, `'x-api-key'`). */
function nameText(name: ts.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  if (ts.isJsxNamespacedName(name)) return name.name.text;
  return undefined;
}

/** The name a literal is bound to: variable, property, parameter default, assignment target, JSX attribute. */
function boundName(literal: ts.Node): string | undefined {
  let node = literal;
  while (
    ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent) ||
    ts.isTypeAssertionExpression(node.parent) || ts.isJsxExpression(node.parent)
  ) {
    node = node.parent;
  }
  const p = node.parent;
  if (
    (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isParameter(p) ||
      ts.isBindingElement(p) || ts.isEnumMember(p) || ts.isJsxAttribute(p)) &&
    p.initializer === node
  ) {
    return nameText(p.name);
  }
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === node) {
    const target = p.left;
    if (ts.isIdentifier(target)) return target.text;
    if (ts.isPropertyAccessExpression(target)) return target.name.text;
    if (ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression)) return target.argumentExpression.text;
  }
  return undefined;
}

/** Keys of a Firebase web config, whose `apiKey` is public by design. */
const FIREBASE_SIBLINGS = new Set(['authDomain', 'projectId', 'messagingSenderId', 'storageBucket', 'appId']);

/** True for a Google key inside a Firebase web config object (`{ apiKey, authDomain, projectId }`). */
function inFirebaseConfig(literal: ts.Node): boolean {
  const property = literal.parent;
  if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some((p) => p.name !== undefined && FIREBASE_SIBLINGS.has(nameText(p.name) ?? ''));
}

/** Credential-like literals bound to secret-like names, and provider key formats anywhere. */
export default defineTsDetector({
  meta: {
    id: 'hardcoded-secret',
    severity: 'critical',
    category: 'security',
    description: 'A credential (password, token, API key, private key) is written into the source.',
    recommendation:
      'Read the secret from the environment or a secret manager (`process.env.API_KEY`) and rotate this one: it stays in the git history.',
    docs: {
      why: 'A secret committed to the repository is readable by everyone with access to the code, its forks, CI logs and backups, and stays in the git history after it is deleted. The rule reports string literals bound to secret-like names (`password`, `apiKey`, `clientSecret`, ...) that look like real credentials, and provider key formats (private key blocks, AWS, GitHub, Slack, Stripe, Google, OpenAI) anywhere; placeholders, environment lookups, labels and key names are left alone, and so are test, example and benchmark files, whose credentials are fixtures. The message never repeats the value.',
      flagged: [
        "const dbPassword = 'Tr0ub4dor&3x!';\n",
        "export const config = {\n  clientSecret: 'd41d8cd98f00b204e9800998ecf8427e',\n};\n",
        `const client = new Octokit({ auth: '${GITHUB_TOKEN_EXAMPLE}' });\n`,
      ],
      ignored: [
        'const dbPassword = process.env.DB_PASSWORD;\n',
        "const config = { apiKey: 'your-api-key', tokenUrl: 'https://auth.example.com/token' };\n",
        "const headers = { tokenType: 'Bearer', passwordField: 'password' };\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Test code holds fake passwords, generated keys and random-looking fake tokens by design (seen in this repository's own tests).
    if (isTestPath(ctx.file.path)) return {};
    /** `isSecretName` by name: the same few names recur throughout a file. */
    const secretNames = new Map<string, boolean>();
    const secretName = (name: string): boolean => {
      let secret = secretNames.get(name);
      if (secret === undefined) {
        secret = isSecretName(name);
        secretNames.set(name, secret);
      }
      return secret;
    };

    function check(literal: ts.Node, text: string, bindable: boolean): void {
      const format = knownSecretFormat(text);
      const inUrl = format === undefined && urlPassword(text);
      // A credential value has at least 8 characters (`isCredentialValue`): a shorter literal is only
      // judged by its format, and its name is not looked up (most literals of a file are short).
      if (format === undefined && !inUrl && (!bindable || text.length < 8)) return;
      const name = bindable ? boundName(literal) : undefined;
      const line = (): number => ctx.file.lineOf(literal.getStart());
      const subject = name === undefined ? 'This string literal' : `\`${name}\``;
      if (format) {
        if (format === 'a Google API key' && inFirebaseConfig(literal)) return;
        ctx.report({ line: line(), message: `${subject} holds what looks like ${format} (value masked).` });
        return;
      }
      if (inUrl) {
        ctx.report({ line: line(), message: `${subject} holds a URL with an embedded password (value masked).` });
        return;
      }
      if (name !== undefined && secretName(name) && isCredentialValue(text, name)) {
        ctx.report({ line: line(), message: `\`${name}\` is set to a hardcoded credential (a ${text.trim().length}-character literal, masked).` });
      }
    }

    const literal = (node: ts.Node): void => check(node, (node as ts.StringLiteral).text, true);
    const templatePart = (node: ts.Node): void => check(node, (node as ts.TemplateLiteralLikeNode).text, false);
    return {
      enter: {
        StringLiteral: literal,
        NoSubstitutionTemplateLiteral: literal,
        TemplateHead: templatePart,
        TemplateMiddle: templatePart,
        TemplateTail: templatePart,
      },
    };
  },
});
