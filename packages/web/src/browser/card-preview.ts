// Previews of a stakeholder update awaiting approval, as Teams and Slack will show it. The server puts
// the Adaptive Card and the Block Kit message (rendered by the adapters' own renderers) in a JSON data
// block beside each preview; this script draws them. Without it the page shows the update's text.
import { AdaptiveCard, GlobalSettings, type IMarkdownProcessingResult } from 'adaptivecards';
import { renderSlackMessage, type SlackMessageJson } from './_block-kit-preview';
import { safeCardMarkdown } from './_card-markdown';

interface PreviewData { readonly teams: object; readonly slack: SlackMessageJson }

// Markdown through our escaping processor only (the library would otherwise use a global markdown-it
// if one existed, or show raw text); no <mark> rewriting, which writes a style attribute.
GlobalSettings.allowMarkForTextHighlighting = false;
AdaptiveCard.onProcessMarkdown = (text: string, result: IMarkdownProcessingResult) => {
  result.outputHtml = safeCardMarkdown(text);
  result.didProcess = true;
};

/** A preview decides nothing: its buttons are disabled and out of the tab order, its links lead nowhere. */
function makeInert(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('button, [role="button"], a, input, select, textarea').forEach((node) => {
    if ('disabled' in node) (node as HTMLButtonElement).disabled = true;
    node.setAttribute('aria-disabled', 'true');
    node.tabIndex = -1;
    if (node instanceof HTMLAnchorElement) node.removeAttribute('href');
  });
}

function teamsCard(json: object): HTMLElement {
  const card = new AdaptiveCard();
  card.onExecuteAction = () => undefined;
  card.parse(json);
  const rendered = card.render();
  if (!rendered) throw new Error('The Adaptive Card renderer drew nothing.');
  makeInert(rendered);
  return rendered;
}

function draw(surface: HTMLElement | null, make: () => HTMLElement): void {
  if (!surface) return;
  try {
    surface.replaceChildren(make());
  } catch (error) {
    const note = document.createElement('p');
    note.className = 'muted';
    note.textContent = `This preview could not be drawn (${error instanceof Error ? error.message : 'unknown error'}); the text above is what will be sent.`;
    surface.replaceChildren(note);
  }
}

function drawAll(): void {
  document.querySelectorAll<HTMLElement>('[data-preview-source]').forEach((box) => {
    const source = document.getElementById(box.dataset.previewSource ?? '');
    if (!source?.textContent) return;
    let data: PreviewData;
    try {
      data = JSON.parse(source.textContent) as PreviewData;
    } catch {
      return;
    }
    draw(box.querySelector<HTMLElement>('[data-preview="teams"]'), () => teamsCard(data.teams));
    draw(box.querySelector<HTMLElement>('[data-preview="slack"]'), () => renderSlackMessage(data.slack));
    box.dataset.previewDrawn = 'true';
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll);
else drawAll();
