import type { MusterError } from '@muster/core';

/** Where an error happened: the route pattern and its parameters (`ref`, `role`, `itemId`). */
export interface ErrorScene {
  readonly method: string;
  readonly route: string;
  readonly params?: Readonly<Record<string, string>>;
}

/** Words that only make sense in a chat app: commands, rooms, mentions. */
const CHAT_SPEAK = /`|\/incident\b|\bchannel\b|\broom\b|\bmention\b|\btype @/i;
const REF = /^INC-\d{1,9}$/i;

/**
 * Core writes its messages for people in chat ("`/incident status` in an incident room…"). A REST
 * client cannot run chat commands, so API routes get the same facts in API terms: the route, the
 * field or the reference. Messages without chat wording pass through unchanged.
 */
export function restMessage(error: MusterError, scene: ErrorScene): string {
  const ref = scene.params?.ref && REF.test(scene.params.ref) ? scene.params.ref.toUpperCase() : undefined;
  const incident = ref ? `/api/v1/incidents/${ref}` : '/api/v1/incidents/{ref}';
  switch (error.code) {
    case 'not_found':
      if (typeof error.details.handle === 'string') return 'That person is unknown; give "person" as {"platform", "id"} with the chat platform\'s user id.';
      if (scene.params?.updateId) return `${ref ?? 'The incident'} has no status update "${scene.params.updateId.slice(0, 64)}" that this token can see; GET ${incident}/status-updates lists them.`;
      if (scene.params?.itemId && !CHAT_SPEAK.test(error.message)) return error.message;
      if (scene.params?.itemId) return `${ref ?? 'The incident'} has no action item ${scene.params.itemId.slice(0, 64)}; GET ${incident}/action-items lists them.`;
      if (ref) return `There is no incident ${ref}; GET /api/v1/incidents lists the incidents this token can see.`;
      break;
    case 'no_incident_here':
      return 'Name the incident in the path, e.g. /api/v1/incidents/INC-42; GET /api/v1/incidents lists them.';
    case 'not_permitted': {
      const roles = Array.isArray(error.details.roles) ? error.details.roles.join(' or ') : 'a role';
      return `Only the ${roles} may do this on ${ref ?? 'this incident'} while it has an Incident Commander, and an API token holds no role. Ask the commander to do it, or to change the role holders.`;
    }
    case 'conflict':
      if (typeof error.details.version === 'number' && scene.params?.updateId) {
        const approving = scene.route.endsWith('/approval');
        return `Status update ${scene.params.updateId.slice(0, 64)} is at version ${error.details.version}, not the version ${String(error.details.seenVersion)} this request named: it changed after you read it, so it was not ${approving ? 'approved' : 'saved'}. GET ${incident}/status-updates, read it again and send its current version.`;
      }
      if (typeof error.details.section === 'string') {
        return `The postmortem section "${error.details.section}" was changed by ${String(error.details.changedBy ?? 'someone else')} after the revision you sent, so your edit was not saved. GET ${incident}/postmortem with "Accept: application/json" for its current text and revision, then send your change again.`;
      }
      return `${ref ?? 'The incident'} was changed by another request meanwhile; GET ${incident} again and retry.`;
    case 'invalid_state':
      if (error.details.reason === 'no_room') return `${ref ?? 'The incident'} has no chat room, where an AI draft is put up for approval; send "body" to write the update yourself.`;
      if (scene.route.endsWith('/postmortem/review')) {
        const fact = error.message.split('. ')[0].replace(/\.$/, '');
        const next = /already/.test(fact) ? `close the incident with POST ${incident}/transitions {"action": "close"}` : `start its postmortem stage first with POST ${incident}/transitions {"action": "postmortem"} (once it is resolved)`;
        return `${fact}; ${next}.`;
      }
      break;
    case 'unknown_severity':
      return `There is no severity "${String(error.details.severity ?? '').slice(0, 40)}"; "severity" must be one of ${Array.isArray(error.details.allowed) ? error.details.allowed.join(', ') : 'the configured severities'}.`;
    case 'unknown_role':
      return `There is no role "${String(error.details.role ?? '').slice(0, 40)}"; roles are ${Array.isArray(error.details.allowed) ? error.details.allowed.join(', ') : 'listed in GET /api/v1/openapi.json'}.`;
    default:
      break;
  }
  if (!CHAT_SPEAK.test(error.message)) return error.message;
  return `${scene.method} ${scene.route} refused the request (${error.code}); GET /api/v1/openapi.json describes what it accepts.`;
}
