import type { Incident } from '../../domain/incident';
import { draftVersionRef } from './status-update.view';
import type { StatusUpdate } from '../../domain/status-update';
import { MAX_TITLE_LENGTH } from '../../domain/incident';
import { MAX_UPDATE_LENGTH } from '../../domain/status-update';
import type { MusterSettings } from '../container/settings';
import { FORMS } from './action-ids';
import type { FormView } from './view';

/** Input ids of the declare form; adapters hand values back keyed by these. */
export const DECLARE_FIELDS = { title: 'title', severity: 'severity', services: 'services', description: 'description', private: 'private' } as const;

/** What was typed with `declare` before the form opened; the form starts from it, not from defaults. */
export interface DeclareFormInitial {
  readonly title?: string;
  readonly severity?: string;
  readonly services?: readonly string[];
  readonly private?: boolean;
}

/** Shortest title the form accepts: a title is what people scan in lists, one letter says nothing. */
export const MIN_TITLE_LENGTH = 3;

export function declareFormView(settings: MusterSettings, initial: DeclareFormInitial | string = {}): FormView {
  const typed: DeclareFormInitial = typeof initial === 'string' ? { title: initial } : initial;
  const severity = typed.severity ? settings.severities.find(typed.severity)?.id : undefined;
  return {
    formId: FORMS.declare, title: 'Declare an incident', submitLabel: 'Declare', fallback: 'Declare an incident',
    blocks: [
      {
        type: 'input', id: DECLARE_FIELDS.title, label: 'What is wrong?', optional: false,
        element: { kind: 'text', minLength: MIN_TITLE_LENGTH, maxLength: MAX_TITLE_LENGTH, initial: typed.title ?? '', placeholder: 'Checkout errors for EU customers' },
      },
      {
        type: 'input', id: DECLARE_FIELDS.severity, label: 'Severity',
        element: { kind: 'select', initial: severity ?? settings.severities.default.id, options: settings.severities.levels.map((l) => ({ value: l.id, label: `${l.id} · ${l.label}: ${l.description}` })) },
      },
      { type: 'input', id: DECLARE_FIELDS.services, label: 'Affected services', optional: true, element: { kind: 'multi_text', placeholder: 'checkout, payments-api', ...(typed.services?.length ? { initial: typed.services.join(', ') } : {}) } },
      { type: 'input', id: DECLARE_FIELDS.description, label: 'What do we know so far?', optional: true, element: { kind: 'text', multiline: true, maxLength: 2000 } },
      { type: 'input', id: DECLARE_FIELDS.private, label: 'Visibility', optional: true, element: { kind: 'checkbox', optionLabel: 'Private incident (only invited people can see it)', initial: typed.private ?? false } },
    ],
  };
}

export function severityFormView(incident: Incident, settings: MusterSettings): FormView {
  return {
    formId: FORMS.changeSeverity, title: 'Change severity', submitLabel: 'Change', fallback: `Change the severity of ${incident.reference}`,
    privateMetadata: incident.id,
    blocks: [{
      type: 'input', id: 'severity', label: `New severity for ${incident.reference}`,
      element: { kind: 'select', initial: incident.severity, options: settings.severities.levels.map((l) => ({ value: l.id, label: `${l.id} · ${l.label}` })) },
    }],
  };
}

export function assignFormView(incident: Incident, settings: MusterSettings): FormView {
  return {
    formId: FORMS.assignRole, title: 'Assign a role', submitLabel: 'Assign', fallback: `Assign a role on ${incident.reference}`,
    privateMetadata: incident.id,
    blocks: [
      { type: 'input', id: 'role', label: 'Role', element: { kind: 'select', initial: 'commander', options: settings.roles.roles.map((r) => ({ value: r.id, label: r.label })) } },
      { type: 'input', id: 'person', label: 'Person', element: { kind: 'person' } },
    ],
  };
}

export function editUpdateFormView(update: StatusUpdate): FormView {
  return {
    formId: FORMS.editUpdate, title: 'Edit the update', submitLabel: 'Save draft', fallback: 'Edit the stakeholder update',
    privateMetadata: draftVersionRef(update),
    blocks: [{ type: 'input', id: 'body', label: `${update.audience === 'external' ? 'External' : 'Internal'} update`, element: { kind: 'text', multiline: true, maxLength: MAX_UPDATE_LENGTH, initial: update.body } }],
  };
}
