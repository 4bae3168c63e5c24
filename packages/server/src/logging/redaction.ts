import { maskCredentials } from '@muster/core';

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

/**
 * Credentials inside free text (an error message quoting a header or a URL) are masked too, with the
 * censor pino uses for fields; what counts as a credential is core's one definition.
 */
export const maskTokens = (text: string): string => maskCredentials(text, '[Redacted]');
