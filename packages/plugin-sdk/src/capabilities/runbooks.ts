/** `runbooks`: the runbook of an affected service. */
export interface RunbooksPort {
  runbookFor(service: string): Promise<{ readonly title: string; readonly url?: string; readonly markdown?: string } | undefined>;
}
