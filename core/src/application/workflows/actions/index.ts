import type { Newable } from 'inversify';
import type { WorkflowAction } from '../workflow-action';
import { AssignRoleAction } from './assign-role.action';
import { DraftUpdateAction } from './draft-update.action';
import { EscalateAction } from './escalate.action';
import { InviteAction } from './invite.action';
import { PostAction, RemindAction } from './post.action';

/** Core's workflow actions, bound under TOKENS.WorkflowAction; a module binds more beside them. */
export const CORE_WORKFLOW_ACTIONS: readonly Newable<WorkflowAction>[] = [InviteAction, PostAction, AssignRoleAction, DraftUpdateAction, RemindAction, EscalateAction];

/** Their muster.yaml keys, for the server's config check (a step names exactly one action). */
export const CORE_WORKFLOW_ACTION_KINDS = ['invite', 'post', 'assign', 'draftUpdate', 'remind', 'escalate'] as const;
