// The public status page keeps itself current: every 30 seconds it fetches its own page again and
// swaps in the new content. It asks for the server-rendered HTML rather than status.json so there is
// one renderer (and one escaping) of what is public; the page works without this script (reload it).
// Nothing is swapped while focus is inside the content (a reader using the keyboard keeps their place).
const REFRESH_MS = 30_000;

function start(): void {
  const root = document.getElementById('status-root');
  const url = root?.dataset.refresh;
  if (!root || !url || !url.startsWith('/')) return;
  window.setInterval(() => void refresh(root, url), REFRESH_MS);
}

async function refresh(root: HTMLElement, url: string): Promise<void> {
  if (document.hidden || root.contains(document.activeElement)) return;
  try {
    const response = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'omit', cache: 'no-store' });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('status-root');
    if (fresh) root.replaceChildren(...Array.from(fresh.childNodes).map((n) => document.importNode(n, true)));
  } catch {
    // Offline for a moment: the next round tries again; what is shown stays.
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
