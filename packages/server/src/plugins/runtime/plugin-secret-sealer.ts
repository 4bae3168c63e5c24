import { MusterError } from '@muster/core';
import { z } from 'zod';
import { AesGcmSecretBox } from '../../security/aes-gcm-secret-box';

const SECRETS = z.record(z.string(), z.string());

/**
 * A chat installation's secrets as one sealed blob (AES-256-GCM, key from MUSTER_SECRET_KEY for the
 * purpose `plugin-secrets`), bound to its plugin and tenant: a blob copied onto another row does not open.
 */
export class PluginSecretSealer {
  private opened = false;
  private cached?: AesGcmSecretBox;

  constructor(private readonly secretKey: () => string | undefined) {}

  private get box(): AesGcmSecretBox | undefined {
    if (!this.opened) {
      const key = this.secretKey();
      this.cached = key ? new AesGcmSecretBox(key, 'plugin-secrets') : undefined;
      this.opened = true;
    }
    return this.cached;
  }

  /** Undefined when there is nothing to seal. */
  seal(pluginId: string, tenantId: string, secrets: Readonly<Record<string, string>>): string | undefined {
    if (Object.keys(secrets).length === 0) return undefined;
    if (!this.box) throw new MusterError('configuration', 'Plugin secrets cannot be stored until MUSTER_SECRET_KEY is set on the server (every instance needs the same key).');
    return this.box.seal(JSON.stringify(secrets), contextOf(pluginId, tenantId));
  }

  open(pluginId: string, tenantId: string, sealed: string | undefined): Record<string, string> {
    if (!sealed) return {};
    if (!this.box) throw new MusterError('configuration', 'The stored plugin secrets cannot be opened: MUSTER_SECRET_KEY is not set.');
    const parsed = SECRETS.safeParse(JSON.parse(this.box.open(sealed, contextOf(pluginId, tenantId))));
    if (!parsed.success) throw new MusterError('configuration', 'The stored plugin secrets are not in a form this version of Muster reads.');
    return parsed.data;
  }
}

const contextOf = (pluginId: string, tenantId: string): string => `plugin:${pluginId}:tenant:${tenantId}`;
