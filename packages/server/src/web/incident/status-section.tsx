import { movesFrom, type TransitionCommand } from '@muster/core';
import { ChangeForm, incidentPath } from './change-form';
import type { IncidentSection } from './incident-section';

/** The moves these buttons make; into postmortem belongs to the postmortem section. */
export type PageMove = Exclude<TransitionCommand, 'postmortem'>;
export const MOVE_LABELS: Record<PageMove, string> = {
  ack: 'Acknowledge', mitigate: 'Mark mitigated', resolve: 'Resolve', reopen: 'Reopen', decline: 'Decline (false alarm)', close: 'Close',
};
const CONFIRM: Partial<Record<PageMove, string>> = {
  decline: 'Decline this incident as a false alarm? It cannot be reopened.', close: 'Close this incident? Nothing more can change its status.',
};

/**
 * Lifecycle buttons for the moves core's table allows from the current status (the same words as
 * chat), and the severity change. Core still decides who may press them: a refusal comes back as its message.
 */
export const statusSection: IncidentSection = {
  id: 'status',
  async render({ incident, w, deps }) {
    const moves = movesFrom(incident.status).filter((m): m is PageMove => Object.hasOwn(MOVE_LABELS, m));
    const path = incidentPath(incident.reference);
    return (
      <section class="panel" aria-labelledby="status-h">
        <h2 id="status-h">Status and severity</h2>
        {moves.length === 0 && <p class="muted">This incident is finished; its status cannot change any more.</p>}
        <div class="button-row">
          {moves.map((move) => (
            <ChangeForm action={`${path}/transition`} csrf={w.csrf} confirm={CONFIRM[move]} class="inline">
              <input type="hidden" name="command" value={move} />
              <button type="submit" class={move === 'decline' ? 'danger' : undefined}>{MOVE_LABELS[move]}</button>
            </ChangeForm>
          ))}
        </div>
        <ChangeForm action={`${path}/severity`} csrf={w.csrf} class="inline-fields" label="Change severity">
          <label for="sev-level">Severity</label>
          <select id="sev-level" name="severity">
            {deps.settings.severities.ids().map((id) => <option value={id} selected={id === incident.severity}>{id}</option>)}
          </select>
          <button type="submit" class="secondary">Change severity</button>
        </ChangeForm>
      </section>
    );
  },
};
