/**
 * A modal's `private_metadata` carries core's own metadata (an incident or update id) plus where the
 * modal was opened from, so the answer to its submission lands in that channel. Slack returns the
 * string unchanged with the (signed) submission; it is never shown to the user.
 */
export interface ModalOrigin {
  /** Core's metadata, handed back to `handleForm` as it was. */
  readonly metadata?: string;
  readonly channelId?: string;
  readonly responseUrl?: string;
}

const VERSION = 1;

export function wrapModalMetadata(origin: ModalOrigin): string {
  return JSON.stringify({ v: VERSION, ...(origin.metadata ? { m: origin.metadata } : {}), ...(origin.channelId ? { c: origin.channelId } : {}), ...(origin.responseUrl ? { r: origin.responseUrl } : {}) });
}

/** Anything that is not our envelope (a modal opened by an older release) is taken as core's metadata alone. */
export function unwrapModalMetadata(raw: string | undefined): ModalOrigin {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && (parsed as { v?: unknown }).v === VERSION) {
      const { m, c, r } = parsed as { m?: unknown; c?: unknown; r?: unknown };
      return {
        ...(typeof m === 'string' ? { metadata: m } : {}),
        ...(typeof c === 'string' ? { channelId: c } : {}),
        ...(typeof r === 'string' ? { responseUrl: r } : {}),
      };
    }
  } catch {
    // Not JSON: fall through.
  }
  return { metadata: raw };
}
