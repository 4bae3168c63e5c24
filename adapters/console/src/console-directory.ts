import type { ChatPlatform, DirectoryPort, PersonRef } from '@muster/core';

/** What a console handle may be: lowercase letters, digits, `-`, `_`, `.`, as chat handles usually are. */
const HANDLE = /^[a-z0-9._-]{1,64}$/;

/** `@sre-lead` or `sre-lead` → `sre-lead`; anything else → undefined. */
export function consoleHandle(typed: string): string | undefined {
  const name = typed.trim().replace(/^@/, '');
  return HANDLE.test(name) ? name : undefined;
}

export const consolePerson = (handle: string): PersonRef => ({ platform: 'console', id: handle, name: handle });

/**
 * On the console anyone may be anyone: a valid handle is a person. An invalid one resolves to
 * nobody, and core tells the user whom it could not find.
 */
export class ConsoleDirectory implements DirectoryPort {
  async resolve(platform: ChatPlatform, _workspaceId: string, handle: string): Promise<PersonRef | undefined> {
    if (platform !== 'console') return undefined;
    const name = consoleHandle(handle);
    return name ? consolePerson(name) : undefined;
  }
}
