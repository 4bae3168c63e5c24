/**
 * JSON to place inside `<script type="application/json">` (data for the page's scripts, never run: the
 * CSP runs no inline script). HTML does not decode entities there, so nothing in it may close the
 * element: every `<`, `>` and `&` (and the line separators U+2028/2029) is written as a \u escape. The
 * output holds no markup whatever the text (a service named `</script><script>…`), and JSON.parse
 * gives back the exact strings.
 */
export function jsonForDataBlock(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A data block; the one place besides rendered Markdown where the pages write raw text, made safe above. */
export function JsonDataBlock({ id, value, class: className }: { id: string; value: unknown; class?: string }) {
  return <script type="application/json" id={id} class={className} dangerouslySetInnerHTML={{ __html: jsonForDataBlock(value) }} />;
}
