import type { Capability } from '@muster/plugin-sdk';
import type { ActiveInstallation } from '../runtime/installation';
import type { PluginHost } from '../runtime/plugin-host';

/** The running installations of one tenant that provide a capability, in the host's order. */
export function providersOf(host: Pick<PluginHost, 'active'>, tenantId: string, capability: Capability): ActiveInstallation[] {
  return host.active().filter((i) => i.spec.tenantId === tenantId && !!i.ports[capability]);
}
