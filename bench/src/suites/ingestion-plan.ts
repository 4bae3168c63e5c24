/**
 * What the ingestion suites send: `count` distinct chat messages in one incident room, and Slack's
 * redeliveries of a fraction of them (same event_id, `X-Slack-Retry-Num: 1`), each placed a little
 * after its original so that some race it while it is still in flight. Seeded, so every repetition
 * and both sides of a comparison get the same shapes.
 */
export interface PlannedMessage {
  readonly eventId: string;
  /** Slack `ts`, unique in the channel. */
  readonly ts: string;
  readonly userId: string;
  readonly text: string;
}

export interface Delivery {
  readonly message: PlannedMessage;
  readonly retry: boolean;
}

const PHRASES = [
  'checkout p99 is back above 2s on eu-west',
  'rolling back payments-api to the previous build now',
  'I see 502s from the edge, not from the origin',
  'can someone from the db team look at replica lag?',
  'status page updated, next update in 30 minutes',
  'error rate dropped to 0.4% after the flag flip',
  'paging the on-call for the card processor',
  'the dashboard link: https://grafana.example.internal/d/checkout',
];

export function planMessages(count: number, seed: number, speakerIds: readonly string[]): PlannedMessage[] {
  const random = seededRandom(seed);
  const baseSeconds = Math.floor(Date.now() / 1000) - 3_600;
  return Array.from({ length: count }, (_, i) => {
    const words = 1 + Math.floor(random() * 3);
    const text = Array.from({ length: words }, () => PHRASES[Math.floor(random() * PHRASES.length)]).join('; ');
    return {
      eventId: `Ev${seed.toString(36).toUpperCase()}X${i.toString(36).toUpperCase().padStart(5, '0')}`,
      ts: `${baseSeconds + Math.floor(i / 1_000)}.${String(i % 1_000).padStart(3, '0')}${String(seed % 1_000).padStart(3, '0')}`,
      userId: speakerIds[i % speakerIds.length],
      text,
    };
  });
}

/** Originals in order, with `fraction` of them delivered again up to `maxLag` deliveries later. */
export function planDeliveries(messages: readonly PlannedMessage[], fraction: number, seed: number, maxLag = 400): Delivery[] {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const keyed: { key: number; delivery: Delivery }[] = messages.map((message, i) => ({ key: i, delivery: { message, retry: false } }));
  messages.forEach((message, i) => {
    if (random() < fraction) keyed.push({ key: i + 0.5 + random() * maxLag, delivery: { message, retry: true } });
  });
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.delivery);
}

/** mulberry32: small, fast, good enough to shuffle benchmark inputs reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
