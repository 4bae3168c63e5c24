import { StatusUpdates, type PersonRef, type PublishedTarget, type StatusUpdate } from '@muster/core';
import { assetUrl } from '../web-assets';
import type { IncidentPageContext, IncidentSection } from './incident-section';
import { UpdateDecisionForms, UpdatePreviews } from './status-update-decisions';

const STATE_LABEL: Record<StatusUpdate['state'], { text: string; tone: string }> = {
  draft: { text: 'Draft', tone: 'state-warn' },
  pending_approval: { text: 'Awaiting approval', tone: 'state-warn' },
  approved: { text: 'Approved, publishing', tone: 'state-ok' },
  published: { text: 'Published', tone: 'state-ok' },
  rejected: { text: 'Rejected', tone: 'state-bad' },
};

/** `?updated=<verb>` after a change: which of these fixed notices the section shows. */
export const UPDATED_PARAM = 'updated';
const UPDATED_NOTICES = {
  approve: 'Update approved; it is being published.',
  edit: 'Draft saved. Approving now approves this new version.',
  reject: 'Draft rejected; nothing was sent.',
} as const;
export type UpdateVerb = keyof typeof UPDATED_NOTICES;

export const awaitsDecision = (u: Pick<StatusUpdate, 'state'>): boolean => u.state === 'draft' || u.state === 'pending_approval';

const nameOf = (p: PersonRef): string => p.name ?? p.id;

/** Who wrote it, worded as on the draft's card in chat: a person, or the AI and who asked for it. */
export function authorLine(update: Pick<StatusUpdate, 'author'>): string {
  const a = update.author;
  if (a.kind === 'person') return nameOf(a.person);
  return a.model === 'extractive'
    ? `Muster from the timeline (no AI), asked by ${nameOf(a.requestedBy)}`
    : `AI (${a.model}), asked by ${nameOf(a.requestedBy)}`;
}

const Time = ({ at }: { at: Date }) => <time dateTime={at.toISOString()}>{`${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`}</time>;

/** A link only for web addresses: a target's url comes from a plugin and is never trusted as a scheme. */
function Target({ target }: { target: PublishedTarget }) {
  const safe = target.url && /^https?:\/\//i.test(target.url);
  return safe ? <a href={target.url} rel="noopener noreferrer">{target.name}</a> : <span>{target.name}</span>;
}

/** The approval history the record holds: drafted, last edited, decided, and where it was published. */
function History({ update }: { update: StatusUpdate }) {
  return (
    <ol class="update-history" aria-label="Approval history">
      <li>Drafted <Time at={update.createdAt} /> by {authorLine(update)}</li>
      {update.editedBy && <li>Last edited by {nameOf(update.editedBy)}</li>}
      {update.state === 'rejected' && (
        <li>
          Rejected{update.decidedBy && ` by ${nameOf(update.decidedBy)}`}{update.decidedAt && <> <Time at={update.decidedAt} /></>}
          {update.rejectionReason ? `: ${update.rejectionReason}` : ' (no reason given)'}
        </li>
      )}
      {(update.state === 'approved' || update.state === 'published') && (
        <li>Approved{update.decidedBy && ` by ${nameOf(update.decidedBy)}`}{update.decidedAt && <> <Time at={update.decidedAt} /></>}</li>
      )}
      {update.state === 'published' && (
        <li>
          Published{update.publishedAt && <> <Time at={update.publishedAt} /></>} to{' '}
          {update.publishedTo.length === 0 ? 'no channel' : update.publishedTo.map((t, i) => <>{i > 0 && ', '}<Target target={t} /></>)}
          {update.publishedTo.length > 0 && update.publishedTo.every((t) => t.kind.endsWith('-incident-room')) && ' (the incident room only: no stakeholder channel is configured)'}
        </li>
      )}
    </ol>
  );
}

function UpdateItem({ update, page }: { update: StatusUpdate; page: IncidentPageContext }) {
  const state = STATE_LABEL[update.state];
  return (
    <li class="panel incident-update" id={`update-${update.id}`} data-state={update.state}>
      <h3>
        {update.audience === 'external' ? 'External' : 'Internal'} update{' '}
        <span class={`badge ${state.tone}`} data-testid="update-state">{state.text}</span>{' '}
        <span class="muted">version {update.version}</span>
      </h3>
      <p class="muted">By {authorLine(update)}</p>
      <blockquote class="update-body">{update.body}</blockquote>
      <History update={update} />
      {awaitsDecision(update) && (
        <>
          <UpdatePreviews update={update} page={page} />
          <UpdateDecisionForms update={update} page={page} />
        </>
      )}
    </li>
  );
}

/**
 * The incident's stakeholder updates, internal and external, newest first, each with its approval
 * history; one awaiting approval also shows how it will look in Teams and Slack and the forms to
 * approve, edit or reject it. Read through core (StatusUpdates.list checks the viewer may see the
 * incident); whether the viewer may decide is core's answer when they try.
 */
export const statusUpdatesSection: IncidentSection = {
  id: 'status-updates',
  async render(page) {
    const { updates } = await page.deps.container.get(StatusUpdates).list(page.ctx, { id: page.incident.id });
    const newestFirst = [...updates].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const done = page.w.url.searchParams.get(UPDATED_PARAM);
    const notice = done && Object.hasOwn(UPDATED_NOTICES, done) ? UPDATED_NOTICES[done as UpdateVerb] : undefined;
    return (
      <section class="incident-updates" aria-labelledby="status-updates-heading">
        <h2 id="status-updates-heading">Status updates</h2>
        {notice && <p class="flash ok" role="status">{notice}</p>}
        {newestFirst.length === 0
          ? <p class="muted">No stakeholder updates yet. Ask for a draft in the incident room with <code>/incident update external</code> (or <code>internal</code>).</p>
          : <ol class="incident-update-list">{newestFirst.map((u) => <UpdateItem update={u} page={page} />)}</ol>}
        {/* Loaded here, not by the page, so the section works on whichever page includes it. */}
        {newestFirst.some(awaitsDecision) && <script src={assetUrl('card-preview.js')} defer />}
      </section>
    );
  },
};
