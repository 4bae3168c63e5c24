import { randomUUID } from 'node:crypto';
import type { ComponentChildren } from 'preact';

/**
 * A form that changes an incident: POST with the session's CSRF token and a fresh `_key`, so a double
 * submit (two clicks, a resent form) is one change: core's idempotency claim sees the same key twice.
 */
export function ChangeForm({ action, csrf, confirm, class: className, label, children }: {
  action: string; csrf: string; confirm?: string; class?: string; label?: string; children: ComponentChildren;
}) {
  return (
    <form method="post" action={action} class={className} data-confirm={confirm} aria-label={label}>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="_key" value={randomUUID()} />
      {children}
    </form>
  );
}

/** A link href only for web addresses: a stored `javascript:` or `data:` URL is shown as text, never followed. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link when the address is a web address, else the title as text with the address beside it. */
export function ExternalLink({ url, children }: { url: string | undefined; children: ComponentChildren }) {
  const href = safeHref(url);
  return href ? <a href={href} rel="noopener noreferrer" target="_blank">{children}</a> : <span>{children}</span>;
}

export const incidentPath = (reference: string): string => `/incidents/${encodeURIComponent(reference)}`;
