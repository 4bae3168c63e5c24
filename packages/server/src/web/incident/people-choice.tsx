import { CHAT_PLATFORMS, personKey, type Incident, type PersonRef } from '@muster/core';

/** The people a form offers by name: who declared the incident, who holds a role, and the viewer. */
export function knownPeople(incident: Incident, viewer: PersonRef): PersonRef[] {
  const s = incident.snapshot();
  const all = [viewer, s.declaredBy, ...s.roles.map((r) => r.person)].filter((p) => (CHAT_PLATFORMS as readonly string[]).includes(p.platform));
  const seen = new Map<string, PersonRef>();
  for (const p of all) if (!seen.has(personKey(p))) seen.set(personKey(p), p);
  return [...seen.values()];
}

export const personLabel = (p: PersonRef): string => `${p.name ?? p.id} (${p.platform})`;

/**
 * A person picker that works without script: a select of the people the incident knows, or a handle
 * typed as in chat (`@ana` in the console, a Slack or Teams mention), which core's PeopleResolver looks
 * up exactly as for `/incident assign`. The typed handle wins when both are given.
 */
export function PersonChoice({ idPrefix, people, optional, legend }: { idPrefix: string; people: readonly PersonRef[]; optional?: boolean; legend: string }) {
  return (
    <fieldset class="person-choice">
      <legend>{legend}</legend>
      <label for={`${idPrefix}-person`}>Someone on this incident</label>
      <select id={`${idPrefix}-person`} name="person">
        {optional && <option value="">Nobody</option>}
        {people.map((p) => <option value={personKey(p)}>{personLabel(p)}</option>)}
      </select>
      <label for={`${idPrefix}-handle`}>or a handle, as in chat</label>
      <input id={`${idPrefix}-handle`} name="handle" maxLength={200} placeholder="@handle" autoComplete="off" />
    </fieldset>
  );
}

/** What the picker sent: a handle to resolve, one of the offered people, or nobody. Undefined: nothing usable. */
export function chosenPerson(form: Record<string, unknown>, people: readonly PersonRef[]): { handle: string } | { person: PersonRef } | { nobody: true } | undefined {
  const handle = typeof form.handle === 'string' ? form.handle.trim() : '';
  if (handle) return handle.length <= 200 ? { handle } : undefined;
  const key = typeof form.person === 'string' ? form.person : '';
  if (!key) return { nobody: true };
  const person = people.find((p) => personKey(p) === key);
  return person ? { person } : undefined;
}
