// Keyboard use of the incident list (progressive enhancement: without this script every row is a
// link reachable by Tab). `j`/`k` (or the arrow keys while in the list) move through the rows by
// focusing each row's link, so Enter opens it as any link; `/` jumps to the search field. Keys are
// left alone while a person types in a field, and when Ctrl, Alt or Meta is held (browser shortcuts).

const rows = (): HTMLTableRowElement[] => Array.from(document.querySelectorAll<HTMLTableRowElement>('tr[data-incident-row]'));
const linkOf = (row: HTMLTableRowElement): HTMLAnchorElement | null => row.querySelector<HTMLAnchorElement>('a.incident-link');

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The current row carries aria-current, so it is styled and announced as the one in hand. */
function mark(current: HTMLTableRowElement): void {
  for (const row of rows()) {
    if (row === current) row.setAttribute('aria-current', 'true');
    else row.removeAttribute('aria-current');
  }
}

function select(next: HTMLTableRowElement): void {
  mark(next);
  linkOf(next)?.focus();
}

function move(step: 1 | -1): void {
  const all = rows();
  if (all.length === 0) return;
  const current = all.findIndex((r) => r.contains(document.activeElement));
  const index = current === -1 ? (step === 1 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, current + step));
  select(all[index]!);
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
  const inList = rows().some((r) => r.contains(document.activeElement));
  if (event.key === '/') {
    const search = document.querySelector<HTMLInputElement>('[data-search-filter]');
    if (!search) return;
    event.preventDefault();
    search.focus();
    search.select();
  } else if (event.key === 'j' || (event.key === 'ArrowDown' && inList)) {
    event.preventDefault();
    move(1);
  } else if (event.key === 'k' || (event.key === 'ArrowUp' && inList)) {
    event.preventDefault();
    move(-1);
  }
});

// A row gets its mark when its link is focused by Tab as well, so the two ways agree.
document.addEventListener('focusin', (event) => {
  const row = event.target instanceof Element ? event.target.closest<HTMLTableRowElement>('tr[data-incident-row]') : null;
  if (row) mark(row);
});
