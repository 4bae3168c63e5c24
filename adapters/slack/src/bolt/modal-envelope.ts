import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A modal's `private_metadata` carries core's own metadata (an incident or update id) plus where the
 * modal was opened from, so the answer to its submission lands in that channel. Being in an incident's
 * channel is what lets someone see a private incident, so the channel must not be forgeable: the
 * envelope is sealed with an HMAC under a key only this server knows and bound to the user it was opened
 * for. A submission whose envelope does not verify keeps core's metadata (which core checks against the
 * actor anyway) but loses its channel, so its answer goes to the person alone.
 */
export interface ModalOrigin {
  /** Core's metadata, handed back to `handleForm` as it was. */
  readonly metadata?: string;
  readonly channelId?: string;
  readonly responseUrl?: string;
}

const VERSION = 2;

export class ModalEnvelope {
  private readonly key: Buffer;

  /** `secret`: the signing secret or app token; only a digest of it is used, under a label of its own. */
  constructor(secret: string) {
    this.key = createHmac('sha256', 'muster-modal-envelope').update(secret).digest();
  }

  wrap(origin: ModalOrigin, userId: string): string {
    const body = { v: VERSION, ...(origin.metadata ? { m: origin.metadata } : {}), ...(origin.channelId ? { c: origin.channelId } : {}), ...(origin.responseUrl ? { r: origin.responseUrl } : {}) };
    const payload = JSON.stringify(body);
    return JSON.stringify({ ...body, s: this.sign(payload, userId) });
  }

  /** Anything that is not a sealed envelope for this user is taken as core's metadata alone, with no channel. */
  unwrap(raw: string | undefined, userId: string): ModalOrigin {
    if (!raw) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { metadata: raw };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { metadata: raw };
    const { v, m, c, r, s } = parsed as Record<string, unknown>;
    const metadata = typeof m === 'string' ? m : undefined;
    if (v !== VERSION) return { metadata: metadata ?? raw };
    const body = { v, ...(metadata ? { m: metadata } : {}), ...(typeof c === 'string' ? { c } : {}), ...(typeof r === 'string' ? { r } : {}) };
    if (typeof s !== 'string' || !this.verify(JSON.stringify(body), userId, s)) return metadata ? { metadata } : {};
    return { ...(metadata ? { metadata } : {}), ...(typeof c === 'string' ? { channelId: c } : {}), ...(typeof r === 'string' ? { responseUrl: r } : {}) };
  }

  private sign(payload: string, userId: string): string {
    return createHmac('sha256', this.key).update(`${userId}\n${payload}`).digest('base64url');
  }

  private verify(payload: string, userId: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload, userId));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
