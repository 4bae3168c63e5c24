import { ChangeForm, incidentPath } from './change-form';
import type { IncidentSection } from './incident-section';
import { knownPeople, PersonChoice, personLabel } from './people-choice';

/** Who holds each role, and a form to give a role to someone (AssignRole, as `/incident assign`). */
export const rolesSection: IncidentSection = {
  id: 'roles',
  async render({ incident, w, deps }) {
    const roles = deps.settings.roles.roles;
    return (
      <section class="panel" aria-labelledby="roles-h">
        <h2 id="roles-h">Roles</h2>
        <dl class="facts">
          {roles.map((role) => {
            const holders = incident.holdersOf(role.id);
            return <div><dt>{role.label}</dt><dd>{holders.length ? holders.map(personLabel).join(', ') : <span class="muted">vacant</span>}</dd></div>;
          })}
        </dl>
        <ChangeForm action={`${incidentPath(incident.reference)}/roles`} csrf={w.csrf} label="Assign a role">
          <h3>Assign a role</h3>
          <label for="role-id">Role</label>
          <select id="role-id" name="role">{roles.map((r) => <option value={r.id}>{r.label}</option>)}</select>
          <PersonChoice idPrefix="role" people={knownPeople(incident, w.session.person)} legend="Give it to" />
          <button type="submit">Assign</button>
        </ChangeForm>
      </section>
    );
  },
};
