import { textFor, type RichText, type View } from './view';

/**
 * A one-line answer ("INC-42 is now mitigated"), optionally muted or marked as a warning. `prefix`
 * writes the commands in the plain fallback as the reader's platform types them.
 */
export function noticeView(text: RichText, tone: 'normal' | 'muted' | 'warning' | 'success' = 'normal', prefix?: string): View {
  return { fallback: textFor(text, prefix), blocks: [{ type: 'text', text, tone }] };
}
