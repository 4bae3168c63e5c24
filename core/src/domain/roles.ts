import { MusterError } from '../errors';

export interface RoleDefinition {
  /** Stable id stored with assignments: `commander`. */
  readonly id: string;
  readonly label: string;
  /** Other words people type for it (`ic`, `lead`). Matched case-insensitively, like the id. */
  readonly aliases: readonly string[];
  /** Single-holder roles hand off (the previous holder is recorded); others accumulate. */
  readonly multiple: boolean;
  readonly description: string;
}

export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  { id: 'commander', label: 'Incident Commander', aliases: ['ic', 'lead', 'incident-commander'], multiple: false, description: 'Owns the response and its decisions.' },
  { id: 'communications_lead', label: 'Communications Lead', aliases: ['comms', 'communications', 'cl'], multiple: false, description: 'Keeps stakeholders informed; approves updates.' },
  { id: 'operations_lead', label: 'Operations Lead', aliases: ['ops', 'operations', 'ol'], multiple: false, description: 'Leads the hands-on mitigation.' },
  { id: 'scribe', label: 'Scribe', aliases: ['notes'], multiple: false, description: 'Keeps the timeline complete.' },
  { id: 'sme', label: 'Subject-Matter Expert', aliases: ['expert', 'subject-matter-expert'], multiple: true, description: 'Brings knowledge of an affected system.' },
];

/**
 * The one word Muster shows for a role (help, errors, examples): its id when that is typeable as a
 * word, else its first alias (`communications_lead` is shown as `comms`). Every other spelling still works.
 */
export const roleWord = (role: Pick<RoleDefinition, 'id' | 'aliases'>): string => (/^[a-z][a-z0-9-]*$/i.test(role.id) ? role.id : role.aliases[0] ?? role.id);

export const PERMISSIONS = ['incident.transition', 'incident.severity', 'role.assign', 'update.approve'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Which roles hold which permission. Anything not listed here (notes, actions, summaries, drafts) is open to every responder. */
export type PermissionPolicy = Readonly<Record<Permission, readonly string[]>>;

export const DEFAULT_PERMISSIONS: PermissionPolicy = {
  'incident.transition': ['commander', 'operations_lead'],
  'incident.severity': ['commander', 'operations_lead'],
  'role.assign': ['commander'],
  'update.approve': ['commander', 'communications_lead'],
};

export class RoleCatalog {
  private readonly lookup = new Map<string, RoleDefinition>();

  constructor(
    readonly roles: readonly RoleDefinition[] = DEFAULT_ROLES,
    readonly permissions: PermissionPolicy = DEFAULT_PERMISSIONS,
  ) {
    for (const role of roles) {
      for (const word of [role.id, ...role.aliases]) {
        const key = normalise(word);
        if (this.lookup.has(key)) throw new MusterError('configuration', `Role name "${word}" is used by two roles.`);
        this.lookup.set(key, role);
      }
    }
    if (!this.lookup.has('commander')) throw new MusterError('configuration', 'The role catalogue needs a "commander" role.');
    for (const [permission, holders] of Object.entries(permissions)) {
      for (const id of holders) {
        if (!roles.some((r) => r.id === id)) throw new MusterError('configuration', `Permission ${permission} names unknown role "${id}".`);
      }
    }
  }

  find(word: string): RoleDefinition | undefined {
    return this.lookup.get(normalise(word));
  }

  get(word: string): RoleDefinition {
    const role = this.find(word);
    if (!role) {
      throw new MusterError('unknown_role', `There is no role "${word}". Roles: ${this.roles.map((r) => `\`${roleWord(r)}\` (${r.label})`).join(', ')}.`, { role: word, allowed: this.roles.map((r) => r.id) });
    }
    return role;
  }

  rolesWith(permission: Permission): readonly RoleDefinition[] {
    return this.permissions[permission].map((id) => this.get(id));
  }
}

const normalise = (word: string): string => word.trim().toLowerCase().replace(/[\s_]+/g, '-').replace(/^-+|-+$/g, '');
