/**
 * Field paths pino censors wherever they appear in a log line: credentials must not reach a log even
 * when a caller passes a whole request, error or options object by mistake.
 */
export const REDACTED_PATHS = [
  'authorization', '*.authorization', '*.*.authorization',
  'headers.authorization', '*.headers.authorization', 'req.headers.authorization', 'headers.cookie', '*.headers.cookie',
  'token', '*.token', '*.*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'accessToken', '*.accessToken',
  'password', '*.password', '*.*.password', 'appPassword', '*.appPassword',
  'secret', '*.secret', 'secretKey', '*.secretKey', 'signingSecret', '*.signingSecret', 'clientSecret', '*.clientSecret',
  'apiKey', '*.apiKey', '*.*.apiKey', 'databaseUrl', '*.databaseUrl',
];

/** Bearer and Slack tokens inside free text (an error message quoting a header) are masked too. */
const TOKEN_PATTERNS = [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, /\bxox[abposr]-[A-Za-z0-9-]{8,}/g, /\bmst_[A-Za-z0-9_-]{8,}/g, /\bsk-[A-Za-z0-9_-]{16,}/g];

export function maskTokens(text: string): string {
  return TOKEN_PATTERNS.reduce((out, pattern) => out.replace(pattern, (_m, prefix?: string) => `${typeof prefix === 'string' ? prefix : ''}[Redacted]`), text);
}
