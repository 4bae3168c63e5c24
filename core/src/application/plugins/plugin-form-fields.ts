import type { FormValues } from '../commands/command-reply';
import type { PluginField } from '../ports/plugins.port';
import type { Block, InputElement } from '../views/view';

/**
 * A plugin's fields as form inputs and back. Input ids carry a prefix of their own, so a config key
 * named like a form envelope's own keys (`metadata`, `value`) cannot collide with them on any platform.
 */
const INPUT_PREFIX = 'plugin:';
const MAX_TEXT = 2000;
/** Slack's ceiling for a text input; JSON (label maps, lists) needs the room. */
const MAX_JSON = 3000;
const MAX_ERROR = 300;

/** Said beside every secret: Slack cannot mask what is typed, so people must know what happens to it. */
export const SECRET_HINT = 'Typed here once, stored sealed, never shown again.';
export const SECRET_KEPT_HINT = 'Already set — leave empty to keep it.';

export const inputIdOf = (key: string): string => `${INPUT_PREFIX}${key}`;

function elementOf(field: PluginField): InputElement {
  switch (field.kind) {
    case 'secret':
      // Never an initial value: the form is rendered, logged and kept by platforms.
      return { kind: 'text', secret: true, maxLength: MAX_TEXT };
    case 'boolean':
      return { kind: 'checkbox', optionLabel: field.description ?? field.label, initial: field.value === 'true' };
    case 'choice':
      return { kind: 'select', options: (field.choices ?? []).map((c) => ({ value: c, label: c })), ...(field.value ? { initial: field.value } : {}) };
    case 'json':
      return { kind: 'text', multiline: true, maxLength: MAX_JSON, ...(field.value ? { initial: field.value } : {}), placeholder: '{ "critical": "SEV1" }' };
    case 'number':
      return { kind: 'text', maxLength: 40, ...(field.value ? { initial: field.value } : {}), placeholder: 'A number' };
    case 'text':
      return { kind: 'text', maxLength: MAX_TEXT, ...(field.value ? { initial: field.value } : {}) };
  }
}

function hintOf(field: PluginField): string | undefined {
  const parts: string[] = [];
  if (field.description && field.kind !== 'boolean') parts.push(field.description);
  if (field.kind === 'json') parts.push('Written as JSON.');
  if (field.kind === 'secret') parts.push(...(field.isSet ? [SECRET_KEPT_HINT] : []), SECRET_HINT);
  return parts.length ? parts.join(' ') : undefined;
}

/** A stored secret may be left empty (kept); everything else is as required as the plugin says. */
const isOptional = (field: PluginField): boolean => !field.required || (field.kind === 'secret' && field.isSet === true);

export function fieldBlocks(fields: readonly PluginField[]): Block[] {
  return fields.map((field): Block => {
    const hint = hintOf(field);
    return { type: 'input', id: inputIdOf(field.key), label: field.label, element: elementOf(field), optional: isOptional(field), ...(hint ? { hint } : {}) };
  });
}

/**
 * What was typed, keyed by field key, for the fields the plugin has now: an input the form did not
 * have is ignored, an unanswered one is empty (for a secret: keep the stored one).
 */
export function typedValues(fields: readonly PluginField[], values: FormValues): Record<string, string> {
  const typed: Record<string, string> = {};
  for (const field of fields) {
    const value = values[inputIdOf(field.key)];
    typed[field.key] = typeof value === 'boolean' ? String(value)
      : Array.isArray(value) ? value.join(', ')
        // A secret is taken exactly as typed (a token may end in a space on purpose); the host decides what empty is.
        : typeof value === 'string' ? (field.kind === 'secret' ? value : value.trim())
          : field.kind === 'boolean' ? 'false' : '';
  }
  return typed;
}

/** The secrets of a submission, to keep them out of anything shown or logged. */
export function secretsOf(fields: readonly PluginField[], typed: Readonly<Record<string, string>>): string[] {
  return fields.filter((f) => f.kind === 'secret').map((f) => typed[f.key] ?? '').filter((v) => v !== '');
}

/** `text` with every secret in it masked, however the plugin or the host phrased its complaint. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 3) clean = clean.split(secret).join('•••');
  }
  return clean.length > MAX_ERROR ? `${clean.slice(0, MAX_ERROR - 1)}…` : clean;
}

/**
 * The host's problems (field key or a path inside one → what is wrong) as errors under the inputs.
 * A path inside a field (`severity.map.critical` of the JSON field `severity.map`) goes under that
 * field; one no field holds goes under the first, naming its path, since a platform shows errors only
 * beside inputs the form has.
 */
export function fieldErrors(fields: readonly PluginField[], problems: Readonly<Record<string, unknown>>, secrets: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const byLength = [...fields].sort((a, b) => b.key.length - a.key.length);
  for (const [path, problem] of Object.entries(problems)) {
    const message = typeof problem === 'string' && problem.trim() !== '' ? problem.trim() : 'This value is not valid.';
    const exact = fields.find((f) => f.key === path);
    const holder = exact ?? byLength.find((f) => path.startsWith(`${f.key}.`) || path.startsWith(`${f.key}[`));
    const target = holder ?? fields[0];
    if (!target) continue;
    const text = withoutSecrets(holder && holder.key === path ? sentence(holder, message)
      : holder ? `${path.slice(holder.key.length + 1)}: ${message}`
        : path ? `${path}: ${message}` : sentence(undefined, message), secrets);
    const id = inputIdOf(target.key);
    errors[id] = errors[id] ? withoutSecrets(`${errors[id]} ${text}`, []) : text;
  }
  return errors;
}

/** The host's fragments (`is required`, `must be a number`) read as sentences under the field: `TOKEN is required.` */
function sentence(field: PluginField | undefined, message: string): string {
  const whole = field && /^(is|are|must|should|cannot|can't|has|needs?)\b/u.test(message) ? `${field.label} ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?)]$/u.test(whole) ? whole : `${whole}.`;
}
