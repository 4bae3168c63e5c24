import type { Link } from '@muster/core';
import type { RemoteRef } from '@muster/plugin-sdk';

/**
 * What a plugin answers is checked before it is stored or shown: a RemoteRef needs a short id, a link
 * must be http(s) without credentials, texts are bounded. A plugin that answers something else failed.
 */
export function checkedRef(value: unknown, what: string): RemoteRef {
  const ref = value as Partial<RemoteRef> | undefined;
  if (!ref || typeof ref !== 'object' || typeof ref.id !== 'string' || !ref.id.trim()) throw new TypeError(`${what} answered no remote id`);
  const url = safeUrl(ref.url);
  return { id: ref.id.slice(0, 200), ...(url && { url }), ...(typeof ref.title === 'string' && ref.title.trim() && { title: ref.title.slice(0, 200) }) };
}

/** An http(s) URL without user or password, at most 2000 characters; undefined otherwise. */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  try {
    const url = new URL(value);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}

/** The card's link for a remote object, when it has a usable URL. */
export function linkOf(ref: RemoteRef, fallbackTitle: string): Link | undefined {
  return ref.url ? { url: ref.url, title: ref.title ?? fallbackTitle } : undefined;
}

/** The RemoteRef a status recorded (id and link), for the calls that follow it. */
export function refOfStatus(status: { remoteId?: string; link?: Link }): RemoteRef | undefined {
  if (!status.remoteId) return undefined;
  return { id: status.remoteId, ...(status.link && { url: status.link.url, title: status.link.title }) };
}
