import type { Incident } from '../../../domain/incident';
import type { IncidentRecorder } from '../../incidents/incident-recorder';
import type { UnitOfWork } from '../../ports/unit-of-work.port';
import type { WorkflowActionContext } from '../workflow-action';
import { workflowSource } from '../workflow-rules';

/**
 * Changes the incident as the rule, in one transaction with its timeline and effects. The step's key
 * names the entries (as a request's key does), so a retry after a crash finds them rather than adding
 * them again; `change` answers false when there is nothing (left) to do.
 */
export function changeIncident(uow: UnitOfWork, recorder: IncidentRecorder, ctx: WorkflowActionContext, change: (incident: Incident) => boolean): Promise<boolean> {
  return uow.run(async (tx) => {
    const incident = await tx.incidents.findById(ctx.incident.id);
    if (!incident || !incident.isOpen || !change(incident)) return false;
    await recorder.commit(tx, incident, { source: workflowSource(ctx.rule.name), platform: 'system', workspaceId: '', requestKey: `workflow:${ctx.effectKey}:change` });
    return true;
  });
}
