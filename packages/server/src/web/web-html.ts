import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { HttpResponse } from '../http/response';
import { PAGE_HEADERS } from './security-headers';

/**
 * A page as an HTTP answer. Preact renders on the server and escapes every interpolated value, so
 * user text (titles, notes, names) can only ever be text. Raw HTML is written in two places only:
 * Markdown rendered by markdown-it with raw HTML switched off (postmortem/postmortem-markdown.ts) and
 * JSON data blocks for scripts (json-data-block.tsx).
 */
export function htmlPage(status: number, page: VNode, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    text: `<!doctype html>${renderToString(page)}`,
    headers: { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8', ...headers },
  };
}

/** After a change: back to a page with GET (post/redirect/get), so reloading never submits twice. */
export const redirect = (location: string, headers: Record<string, string> = {}): HttpResponse =>
  ({ status: 303, headers: { location, ...headers }, text: '' });

/** Only our own paths: `next=https://evil.example` or `//evil.example` become `/`. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f]/.test(next)) return '/';
  return next.slice(0, 2000);
}
