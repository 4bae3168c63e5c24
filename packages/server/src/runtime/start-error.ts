import { isMusterError } from '@muster/core';

/**
 * One readable line for a failed start or command: our own messages as they are, known system errors
 * explained, anything else by its message. The stack only when asked for (MUSTER_LOG_LEVEL=debug).
 */
export function describeStartError(error: unknown, debug: boolean): string {
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (isMusterError(error)) return `muster: ${oneLine(error.message)}${stack}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return `muster: permission denied: ${oneLine((error as Error).message)}${stack}`;
  if (code === 'ENOSPC') return `muster: the disk is full: ${oneLine((error as Error).message)}${stack}`;
  const message = error instanceof Error ? error.message : String(error);
  return `muster: could not start: ${oneLine(message)}${stack}`;
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
