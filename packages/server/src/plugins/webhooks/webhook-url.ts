import type { AnyPluginDefinition } from '@muster/plugin-sdk';

/** The path an alert source's webhooks are posted to; undefined for plugins that take no webhooks. */
export function webhookPathOf(definition: Pick<AnyPluginDefinition, 'id' | 'capabilities'>): string | undefined {
  return definition.capabilities.includes('alert-source') ? `/webhooks/${definition.id}` : undefined;
}

/** `MUSTER_PUBLIC_URL` + the webhook path: what to give the source; undefined without a public URL or for plugins that take no webhooks. */
export function webhookUrlOf(definition: Pick<AnyPluginDefinition, 'id' | 'capabilities'>, publicUrl: string | undefined): string | undefined {
  const path = webhookPathOf(definition);
  return publicUrl && path ? `${publicUrl.replace(/\/+$/, '')}${path}` : undefined;
}
