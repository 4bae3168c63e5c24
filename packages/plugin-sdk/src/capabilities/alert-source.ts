/**
 * `alert-source`: an outside monitor that declares, updates and resolves incidents through
 * `POST /webhooks/<plugin id>`. The host reads the request (size-limited), asks `verify`, then `parse`,
 * stores what the signals mean in one transaction, and only then answers the sender.
 */
export interface AlertSource {
  /**
   * Authenticates the request with this installation's secrets (a bearer token, basic auth, an HMAC
   * signature). Compare in constant time. A failure answers 401 and nothing is stored; `reason` is
   * logged for the operator, never sent back.
   */
  verify(request: WebhookRequest): Verification | Promise<Verification>;
  /**
   * Reads the documented payload into signals. Throw `PayloadError` with a reason for anything
   * malformed (answered 400); return `[]` for a well-formed payload that means nothing (a test ping).
   * Must not throw anything else for any input: property-based tests feed it arbitrary JSON.
   */
  parse(request: WebhookRequest): readonly AlertSignal[];
}

export interface WebhookRequest {
  /** Header names lower-cased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The exact bytes received, for signatures. */
  readonly rawBody: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly body: unknown;
  /** Query string parameters (first value of each). */
  readonly query: Readonly<Record<string, string>>;
  readonly receivedAt: Date;
}

export type Verification = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * One thing the source says about one alert group. The host keeps one open incident per
 * (installation, `groupKey`): `firing` declares it or, when it is open, notes the firing on its
 * timeline; `resolved` resolves it (or only notes it, per the installation's `onResolve`).
 *
 * Text is at most as long as said below, without edge whitespace or lone surrogates: the SDK's
 * `stableKey`/`sourceKey`, `oneLine`, `paragraphs`, `safeUrl`, `labelSet` and `isoInstant` make it
 * so, and the test kit's `assertWellFormedSignals` (run by `deliver`) checks it.
 */
export interface AlertSignal {
  readonly status: 'firing' | 'resolved';
  /** Names the alert group: the same problem firing again maps to the same key. At most 200 characters. */
  readonly groupKey: string;
  /**
   * Names this delivery: a redelivery of the same webhook carries the same id and changes nothing.
   * Use the source's own id (PagerDuty `X-Webhook-Id`, Opsgenie alert id + action) or, when it has
   * none, a digest of what identifies the notification (Alertmanager `groupKey` + fingerprints + status).
   * At most 200 characters.
   */
  readonly deliveryId: string;
  /** One line, at most 200 characters. */
  readonly title: string;
  /** At most 2000 characters; line breaks are kept. */
  readonly summary?: string;
  /** A severity id from `PluginContext.severities`; undefined lets the host use the default level. */
  readonly severity?: string;
  /** At most 100 characters each. */
  readonly services?: readonly string[];
  /** Link back to the alert at the source: http(s), no credentials, at most 2000 characters. */
  readonly url?: string;
  /** When the problem began at the source (ISO 8601 in UTC, as `Date.toISOString` writes it). */
  readonly startedAt?: string;
  /** At most 50, names up to 100 characters, values up to 500. */
  readonly labels?: Readonly<Record<string, string>>;
  /** The individual alerts the notification carries, for the timeline (ids up to 200 characters, one-line titles). */
  readonly alerts?: readonly { readonly id: string; readonly status: 'firing' | 'resolved'; readonly title?: string; readonly url?: string }[];
}
