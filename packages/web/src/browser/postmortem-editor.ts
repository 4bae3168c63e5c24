// The postmortem editor's live preview: each section's textarea names its preview element
// (`data-preview`) and its character counter (`data-counter`). The Markdown is rendered by markdown-it
// configured as on the server (packages/server/src/web/postmortem/postmortem-markdown.ts): raw HTML
// off, so typed `<script>` or `<img onerror>` is shown as text, and javascript: links are not links.
// That output is the only HTML this script inserts. Without the script the page still saves; the
// preview then shows the saved text.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

function wire(textarea: HTMLTextAreaElement): void {
  const preview = document.getElementById(textarea.dataset.preview ?? '');
  const counter = document.getElementById(textarea.dataset.counter ?? '');
  const max = Number(textarea.dataset.max ?? '0');
  if (!preview) return;
  let pending = 0;
  const update = () => {
    pending = 0;
    const text = textarea.value;
    preview.innerHTML = markdown.render(text.trim() ? text : '_To be written._');
    if (counter) {
      const length = text.trim().length;
      counter.textContent = `${length} of ${max} characters${max && length > max ? ` (${length - max} too many: shorten it or link a longer document)` : ''}`;
      counter.classList.toggle('state-bad', max > 0 && length > max);
    }
  };
  // One render per frame however fast someone types.
  textarea.addEventListener('input', () => { if (!pending) pending = requestAnimationFrame(update); });
}

document.querySelectorAll<HTMLTextAreaElement>('textarea[data-preview]').forEach(wire);
