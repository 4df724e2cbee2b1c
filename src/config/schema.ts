/** JSON schema of `.github/pr-reviewer.yml`. */
const severity = { enum: ['critical', 'high', 'medium', 'low'] };

const ruleSetting = {
  oneOf: [
    { enum: ['off', 'on', 'critical', 'high', 'medium', 'low'] },
    { type: 'boolean' },
    {
      type: 'object',
      properties: { enabled: { type: 'boolean' }, severity },
      // Any other key is an option of the detector (e.g. `threshold`).
      additionalProperties: true,
    },
  ],
};

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    failOn: { enum: ['critical', 'high', 'medium', 'low', 'none'] },
    minSeverity: severity,
    maxInlineComments: { type: 'integer', minimum: 0, maximum: 200 },
    reviewDrafts: { type: 'boolean' },
    // Capped so the watchdog (src/github/watchdog.ts) can tell a stuck review from a slow one.
    timeoutSeconds: { type: 'integer', minimum: 10, maximum: 600 },
    paths: {
      type: 'object',
      additionalProperties: false,
      properties: { ignore: { type: 'array', items: { type: 'string', minLength: 1 } } },
    },
    rules: { type: 'object', additionalProperties: ruleSetting },
  },
} as const;
