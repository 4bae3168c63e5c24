import type { z } from 'zod';
import { LOG_LEVELS, type FileServerSection } from './file-config';
import { flag, oneOf, settings, text, wholeNumber } from './schema-kit';

const HTTP_URL = { pattern: /^https?:\/\/[^\s]+$/, what: 'an http:// or https:// URL' };

/** `server:`: process settings that environment variables override. */
export const SERVER_SECTION: z.ZodType<FileServerSection> = settings({
  port: wholeNumber(0, 65535).optional(),
  publicUrl: text(HTTP_URL).optional(),
  logLevel: oneOf(LOG_LEVELS).optional(),
  autoMigrate: flag().optional(),
  console: flag().optional(),
});
