import { createHash, randomUUID } from 'node:crypto';
import { dialectOf, type Store } from '@muster/store';
import { HttpError } from '../http/http-error';
import type { HttpResponse } from '../http/response';
import type { RouteRequest } from '../http/router';
import type { ApiCaller } from './api-auth';
import { readIdempotencyKey } from './api-input';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface StoredRow { fingerprint: string; status: number | null; response: string | null }
interface StoredAnswer { json?: unknown; text?: string; headers?: Record<string, string> }

/**
 * `Idempotency-Key` for REST writes. A key is scoped by token id (hashed as a JSON pair, so no two
 * token/key pairs can collide), bound to the first request's fingerprint (method, route, path
 * parameters, body) and answered with that request's stored answer. The same key with a different
 * request is refused with 422, never answered with another request's result.
 */
export class ApiIdempotency {
  constructor(private readonly store: Store) {}

  async run(r: RouteRequest, caller: ApiCaller, body: unknown, work: (coreKey: string) => Promise<HttpResponse>): Promise<HttpResponse> {
    const key = readIdempotencyKey(r.req.headers['idempotency-key']);
    if (key === undefined) return work(`api:${randomUUID()}`);
    const scope = sha256(JSON.stringify([caller.tokenId, key]));
    const fingerprint = sha256(JSON.stringify([r.req.method, r.route, normalisedParams(r.params), body ?? null]));
    const { row, owned } = await this.claim(scope, caller.tokenId, fingerprint);
    if (row.fingerprint !== fingerprint) {
      throw new HttpError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request (another route, incident or body). Send a new key for a new request; reuse a key only to retry the very same request.');
    }
    if (row.status !== null && row.response !== null) {
      const stored = JSON.parse(row.response) as StoredAnswer;
      return { status: row.status, json: stored.json, text: stored.text, headers: { ...stored.headers, 'idempotent-replayed': 'true' } };
    }
    let answer: HttpResponse;
    try {
      // Core dedups on this key too, so a retry after a crash between commit and the update below is still applied once.
      answer = await work(`api:${scope}`);
    } catch (error) {
      // Nothing was changed (core's transaction rolled back): free the key so a corrected request may use
      // it. Only the request that claimed the key frees it; a concurrent twin must not undo its claim.
      if (owned) await this.store.dataSource.query('DELETE FROM api_idempotency WHERE scope_key = ? AND status IS NULL', [scope]);
      throw error;
    }
    if (answer.status < 300) {
      const stored: StoredAnswer = { json: answer.json, text: answer.text, headers: { ...answer.headers } };
      await this.store.dataSource.query('UPDATE api_idempotency SET status = ?, response = ? WHERE scope_key = ?', [answer.status, JSON.stringify(stored), scope]);
    }
    return answer;
  }

  /** The key's row; `owned` when this request created it. */
  private async claim(scope: string, tokenId: string, fingerprint: string): Promise<{ row: StoredRow; owned: boolean }> {
    const existing = await this.find(scope);
    if (existing) return { row: existing, owned: false };
    const now = dialectOf(this.store.dataSource) === 'mysql' ? new Date() : new Date().toISOString();
    try {
      await this.store.dataSource.query('INSERT INTO api_idempotency (scope_key, token_id, fingerprint, status, response, created_at) VALUES (?, ?, ?, NULL, NULL, ?)', [scope, tokenId, fingerprint, now]);
    } catch (error) {
      // Another request with the same key got there first; its row decides.
      const raced = await this.find(scope);
      if (raced) return { row: raced, owned: false };
      throw error;
    }
    return { row: { fingerprint, status: null, response: null }, owned: true };
  }

  private async find(scope: string): Promise<StoredRow | undefined> {
    const rows = (await this.store.dataSource.query('SELECT fingerprint, status, response FROM api_idempotency WHERE scope_key = ?', [scope])) as StoredRow[];
    const row = rows[0];
    return row && { fingerprint: row.fingerprint, status: row.status === null ? null : Number(row.status), response: row.response };
  }
}

/** `inc-7` and `INC-7` name the same incident, so they are the same request. */
function normalisedParams(params: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, name === 'ref' ? value.trim().toUpperCase() : value]));
}
