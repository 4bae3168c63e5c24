import { AssertionError } from 'node:assert';
import fc from 'fast-check';
import type { AlertSignal, AlertSource } from '../../capabilities/alert-source';
import { PayloadError } from '../../errors';
import { parseOrPayloadError } from '../parse-outcome';
import type { SignalCheckContext } from '../well-formed-signals';
import type { WebhookRequestInit } from '../webhook-request';
import { mutationsOf } from './mutations';

/*
 * The properties every alert source's `parse` must have, whatever it reads: for any input, a
 * PayloadError or well-formed signals (`parseOrPayloadError` with the installation), never anything
 * else; and a redelivered body read the same way. Each runs fast-check's `assert`.
 */

export interface ParsePropertyOptions {
  /** The installation the signals must fit: `{ severities: TEST_SEVERITIES }`, or the activated plugin's `ctx`. */
  readonly ctx: SignalCheckContext;
  /** Default 1000. */
  readonly numRuns?: number;
  /**
   * The requests to send a body in, when the source reads more than the body (a delivery header, a
   * content type): `(body) => webhookId.map((id) => ({ body, headers: { 'x-webhook-id': id } }))`.
   */
  readonly requests?: (body: unknown) => fc.Arbitrary<WebhookRequestInit>;
}

const bodyAlone = (body: unknown) => fc.constant<WebhookRequestInit>({ body });
const runs = (options: ParsePropertyOptions) => ({ numRuns: options.numRuns ?? 1000 });

/** Any JSON value as the body (default `fc.jsonValue()`): a PayloadError or well-formed signals. */
export function assertParsesAnyJson(source: Pick<AlertSource, 'parse'>, options: ParsePropertyOptions & { readonly json?: fc.Arbitrary<unknown> }): void {
  const requests = options.requests ?? bodyAlone;
  fc.assert(fc.property((options.json ?? fc.jsonValue()).chain(requests), (request) => {
    parseOrPayloadError(source, request, options.ctx);
  }), runs(options));
}

/** Any bytes as the body (default up to 300 of any value), JSON or not: a PayloadError or well-formed signals. */
export function assertParsesAnyBytes(source: Pick<AlertSource, 'parse'>, options: ParsePropertyOptions & { readonly bytes?: fc.Arbitrary<Buffer> }): void {
  const bytes = options.bytes ?? fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array));
  const requests = options.requests ?? ((rawBody: unknown) => fc.constant<WebhookRequestInit>({ rawBody: rawBody as Buffer }));
  fc.assert(fc.property(bytes.chain((rawBody) => requests(rawBody)), (request) => {
    parseOrPayloadError(source, request, options.ctx);
  }), runs(options));
}

/**
 * The documented payloads with fields changed anywhere (`mutationsOf`, with `values`): a PayloadError
 * or well-formed signals, and the same group keys, delivery ids and statuses when the same body is
 * delivered again. `requests` gets the mutated body (for `assertParsesAnyBytes`, the bytes). Returns
 * how many signals were read, so a spec can show that most changes still reach the end of `parse`.
 */
export function assertParsesMutations(source: Pick<AlertSource, 'parse'>, documented: readonly unknown[], options: ParsePropertyOptions & { readonly values?: fc.Arbitrary<unknown> }): number {
  const requests = options.requests ?? bodyAlone;
  const bodies = fc.oneof(...documented.map((document) => mutationsOf(document, options.values)));
  let read = 0;
  fc.assert(fc.property(bodies.chain(requests), (request) => {
    const first = parseOrPayloadError(source, request, options.ctx);
    if (first instanceof PayloadError) return;
    read += first.length;
    const again = parseOrPayloadError(source, structuredClone(request), options.ctx);
    const said = (signals: readonly AlertSignal[] | PayloadError) => (signals instanceof PayloadError ? signals.reason : signals.map((s) => [s.groupKey, s.deliveryId, s.status]));
    if (JSON.stringify(said(again)) !== JSON.stringify(said(first))) {
      throw new AssertionError({ message: 'the same body delivered again was read differently', actual: said(again), expected: said(first), operator: 'deepStrictEqual' });
    }
  }), runs(options));
  return read;
}
