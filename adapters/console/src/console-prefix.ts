/** What the console takes in front of an incident command (`/incident status`; `incident status` works too). */
export const CONSOLE_PREFIX = '/incident';
