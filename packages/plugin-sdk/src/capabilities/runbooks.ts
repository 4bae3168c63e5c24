import type { PluginService } from '../catalog';

/** `runbooks`: the runbook of an affected service, posted in the room and linked on the card. */
export interface RunbooksPort {
  /** Undefined when the service has none. `markdown` is what the room sees (the runbook's first section). */
  runbookFor(target: { readonly name: string; readonly service?: PluginService }): Promise<Runbook | undefined>;
}

export interface Runbook {
  /** One line, at most 200 characters. */
  readonly title: string;
  readonly url?: string;
  /** At most 3000 characters, Markdown. */
  readonly markdown?: string;
}
