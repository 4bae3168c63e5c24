/** Which tenant's installation of which plugin changed in the store: all a notice says (the store says the rest). */
export interface InstallationNotice {
  readonly pluginId: string;
  readonly tenantId: string;
}

/**
 * How instances tell each other that a chat installation changed. A notice is a hint, not the truth:
 * a lost one is healed by the periodic reconcile from the store, so sending never fails a command.
 */
export interface InstallationNotices {
  /** Starts hearing notices; `reconnected` is called when the channel comes back after a break (notices may have been missed). */
  listen(handlers: { readonly notice: (notice: InstallationNotice) => void; readonly reconnected: () => void }): Promise<void>;
  /** Tells every instance (this one included); never throws. */
  send(notice: InstallationNotice): Promise<void>;
  close(): Promise<void>;
}

/** Reads a notice off the wire; anything else (another version, garbage) is undefined and ignored. */
export function parseNotice(text: string): InstallationNotice | undefined {
  try {
    const value = JSON.parse(text) as Partial<InstallationNotice> | null;
    if (typeof value?.pluginId !== 'string' || typeof value.tenantId !== 'string' || !value.pluginId || !value.tenantId) return undefined;
    return { pluginId: value.pluginId, tenantId: value.tenantId };
  } catch {
    return undefined;
  }
}
