import type { PluginIncident, PluginPerson } from '../incident';

export const TEST_ACTOR: PluginPerson = Object.freeze({ platform: 'slack', id: 'U0TEST', name: 'Riley Responder', email: 'riley@example.com' });

/** An incident as a plugin sees it, open and investigating, with `overrides` applied. */
export function fakeIncident(overrides: Partial<PluginIncident> = {}): PluginIncident {
  return {
    id: 'incident-1',
    reference: 'INC-1',
    tenantId: 'default',
    title: 'Checkout is failing',
    summary: 'Payments time out for about a third of the customers.',
    severity: 'SEV2',
    status: 'investigating',
    private: false,
    services: ['checkout'],
    declaredAt: '2025-01-01T09:00:00.000Z',
    rooms: [{ platform: 'slack', name: 'inc-1-checkout-is-failing', url: 'https://example.slack.com/archives/C0INC1' }],
    roles: { commander: [TEST_ACTOR] },
    ...overrides,
  };
}
