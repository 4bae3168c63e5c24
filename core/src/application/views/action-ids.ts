/** Button action ids and form ids: the contract between core views and every adapter's router. */
export const ACTIONS = {
  ack: 'incident.ack',
  mitigate: 'incident.mitigate',
  resolve: 'incident.resolve',
  changeSeverity: 'incident.severity',
  assignRole: 'incident.assign',
  approveUpdate: 'update.approve',
  editUpdate: 'update.edit',
  rejectUpdate: 'update.reject',
  /** A reminder's "Draft an update": the `update` command for the incident whose id is the value. */
  draftUpdate: 'update.draft',
  completeActionItem: 'action_item.done',
  editPostmortemSection: 'postmortem.edit',
  /** The confirmation of `plugins uninstall <name>`; its value is the plugin id. */
  uninstallPlugin: 'plugins.uninstall',
} as const;
export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

export const FORMS = {
  declare: 'incident.declare',
  changeSeverity: 'incident.severity',
  assignRole: 'incident.assign',
  editUpdate: 'update.edit',
  editPostmortemSection: 'postmortem.edit',
  /** Install or re-configure a plugin (`plugins install|configure <name>`). */
  installPlugin: 'plugins.install',
} as const;
export type FormId = (typeof FORMS)[keyof typeof FORMS];
