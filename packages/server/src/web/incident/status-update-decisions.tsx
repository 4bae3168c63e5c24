import { randomUUID } from 'node:crypto';
import { destinationLine, MAX_UPDATE_LENGTH, type StatusUpdate } from '@muster/core';
import type { IncidentPageContext } from './incident-section';
import { JsonDataBlock } from '../json-data-block';
import { updatePreviews } from './update-previews';

export const updatePath = (reference: string, updateId: string, verb: 'approve' | 'edit' | 'reject'): string =>
  `/incidents/${encodeURIComponent(reference)}/updates/${encodeURIComponent(updateId)}/${verb}`;

/**
 * How the update will look in a Teams and a Slack stakeholder channel. The server renders both with
 * the adapters' own renderers and hands them to card-preview.js in a JSON data block (not executable;
 * its text cannot close the block, see jsonForDataBlock). Without JavaScript each frame says so and the
 * update's text above stands for itself.
 */
export function UpdatePreviews({ update, page }: { update: StatusUpdate; page: IncidentPageContext }) {
  const dataId = `update-preview-${update.id}`;
  return (
    <div class="update-previews" data-preview-source={dataId}>
      <figure class="preview preview-teams">
        <figcaption>How it will look in Teams</figcaption>
        <div class="preview-surface" data-preview="teams">
          <p class="muted preview-fallback">The Teams preview needs JavaScript; the text above is what will be sent.</p>
        </div>
      </figure>
      <figure class="preview preview-slack">
        <figcaption>How it will look in Slack</figcaption>
        <div class="preview-surface" data-preview="slack">
          <p class="muted preview-fallback">The Slack preview needs JavaScript; the text above is what will be sent.</p>
        </div>
      </figure>
      {/* The one raw insertion on this page: JSON with every <, > and & written as \u escapes, never markup. */}
      <JsonDataBlock id={dataId} class="update-preview-data" value={updatePreviews(update, page.incident, page.deps.settings)} />
    </div>
  );
}

function Hidden({ page, update }: { page: IncidentPageContext; update: StatusUpdate }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={page.w.csrf} />
      {/* A fresh key per rendered form: a double submit runs once. */}
      <input type="hidden" name="_key" value={randomUUID()} />
      <input type="hidden" name="version" value={String(update.version)} />
      <input type="hidden" name="next" value={page.w.url.pathname} />
    </>
  );
}

/**
 * Approve, edit and reject, each a plain form (post/redirect/get). Each carries the version shown here:
 * core approves or saves only that version, so an edit made by someone else meanwhile is refused
 * clearly instead of being approved unseen. Core also decides who may; anyone who can see the
 * incident gets the forms and, if not permitted, core's refusal.
 */
export function UpdateDecisionForms({ update, page }: { update: StatusUpdate; page: IncidentPageContext }) {
  const ref = page.incident.reference;
  const bodyId = `update-body-${update.id}`;
  const reasonId = `update-reason-${update.id}`;
  return (
    <div class="update-decisions">
      <p class="muted">{destinationLine(update, page.deps.settings).replace('this room', 'the incident room')} Approval needs the Communications Lead or Incident Commander.</p>
      <form method="post" action={updatePath(ref, update.id, 'approve')} data-confirm={`Publish this ${update.audience} update?`}>
        <Hidden page={page} update={update} />
        <button type="submit">Approve &amp; publish version {update.version}</button>
      </form>
      <details class="update-edit">
        <summary>Edit the text</summary>
        <form method="post" action={updatePath(ref, update.id, 'edit')}>
          <Hidden page={page} update={update} />
          <label for={bodyId}>Text of the update</label>
          <textarea id={bodyId} name="body" required maxLength={MAX_UPDATE_LENGTH}>{update.body}</textarea>
          <button type="submit">Save the edit</button>
        </form>
      </details>
      <details class="update-reject">
        <summary>Reject</summary>
        <form method="post" action={updatePath(ref, update.id, 'reject')}>
          <Hidden page={page} update={update} />
          <label for={reasonId}>Reason (optional, recorded on the timeline)</label>
          <input id={reasonId} name="reason" maxLength={500} />
          <button type="submit" class="danger">Reject the draft</button>
        </form>
      </details>
    </div>
  );
}
