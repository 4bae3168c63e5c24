import { ActionItems, type ActionItem } from '@muster/core';
import { absoluteTime } from '../when';
import { ChangeForm, ExternalLink, incidentPath } from './change-form';
import type { IncidentSection } from './incident-section';
import { knownPeople, PersonChoice, personLabel } from './people-choice';

/** Follow-ups: owner, due date, ticket; complete, reassign, add (ActionItems, as `/incident action`). */
export const actionItemsSection: IncidentSection = {
  id: 'action-items',
  async render({ incident, w, ctx, deps }) {
    const { items } = await deps.container.get(ActionItems).list(ctx, { id: incident.id });
    const path = incidentPath(incident.reference);
    const people = knownPeople(incident, w.session.person);
    return (
      <section class="panel" aria-labelledby="actions-h" id="action-items">
        <h2 id="actions-h">Action items</h2>
        {items.length === 0 && <p class="muted">No action items yet.</p>}
        <ul class="action-items">
          {items.map((item, index) => <Item item={item} number={index + 1} path={path} csrf={w.csrf} people={people} />)}
        </ul>
        <ChangeForm action={`${path}/action-items`} csrf={w.csrf} label="Add an action item">
          <h3>Add an action item</h3>
          <label for="ai-text">What needs doing</label>
          <input id="ai-text" name="text" required maxLength={500} />
          <PersonChoice idPrefix="ai-new" people={people} optional legend="Owner" />
          <label for="ai-due">Due (a date, UTC; optional)</label>
          <input id="ai-due" name="due" type="date" />
          <button type="submit">Add action item</button>
        </ChangeForm>
      </section>
    );
  },
};

function Item({ item, number, path, csrf, people }: { item: ActionItem; number: number; path: string; csrf: string; people: ReturnType<typeof knownPeople> }) {
  const itemPath = `${path}/action-items/${encodeURIComponent(item.id)}`;
  return (
    <li class={`action-item state-${item.state}`} data-item={item.id}>
      <p>
        <strong>{number}. {item.text}</strong> <span class="badge">{item.state}</span>
        <br />
        <span class="muted">Owner: {item.owner ? personLabel(item.owner) : 'nobody'}{item.dueAt && ` · due ${absoluteTime(item.dueAt)}`}</span>
        {item.ticket && <> · Ticket: <ExternalLink url={item.ticket.url}>{item.ticket.title}</ExternalLink></>}
      </p>
      {item.state === 'open' && (
        <div class="button-row">
          <ChangeForm action={`${itemPath}/complete`} csrf={csrf} class="inline" label={`Complete action item ${number}`}>
            <button type="submit" class="secondary">Mark done</button>
          </ChangeForm>
          <details>
            <summary>Change owner</summary>
            <ChangeForm action={`${itemPath}/owner`} csrf={csrf} label={`Change the owner of action item ${number}`}>
              <PersonChoice idPrefix={`ai-${number}`} people={people} optional legend="New owner" />
              <button type="submit" class="secondary">Save owner</button>
            </ChangeForm>
          </details>
        </div>
      )}
    </li>
  );
}
