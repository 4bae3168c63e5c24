import type { AlertOrigin } from '@muster/core';
import type { ActiveInstallation } from '../runtime/installation';

/** Which installation an alert came through and what it may do: the shared alertSourceOptions of its config. */
export function alertOriginOf(installation: ActiveInstallation): AlertOrigin {
  const { definition, installationId, tenantId, roomsAt, config } = installation.spec;
  const options = (config ?? {}) as { onResolve?: unknown; private?: unknown };
  return {
    pluginId: definition.id,
    pluginName: definition.name,
    installationId,
    tenantId,
    ...(roomsAt && { roomsAt }),
    onResolve: options.onResolve === 'note' ? 'note' : 'resolve',
    private: options.private === true,
  };
}
