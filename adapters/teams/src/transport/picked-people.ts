import { mentionOf, type FormValues } from '@muster/core';
import { teamsPerson } from './teams-people';
import type { TeamsTurn } from './teams-turn';

/** An Entra (AAD) object id, which is all Teams' people picker sends. */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** The ids of the people-picker inputs a Muster form card declared (its data's `inputs`), from an invoke or a submit. */
function personInputIds(value: unknown): string[] {
  const v = value as { action?: { data?: unknown }; inputs?: unknown } | undefined;
  const data = (v?.action?.data ?? v) as { inputs?: unknown } | undefined;
  const inputs = data?.inputs;
  if (!inputs || typeof inputs !== 'object') return [];
  return Object.entries(inputs as Record<string, unknown>).filter(([, kind]) => kind === 'person').map(([id]) => id);
}

/**
 * Teams' people picker sends only the person's object id, so core would know nobody's name. Each
 * picked person becomes the neutral mention token with the name the conversation's roster shows (the
 * id alone when the roster does not know them: the picker searches the whole organization). A value
 * that is no object id is not something the picker sent, and is dropped, so core asks again.
 */
export async function namePickedPeople(turn: TeamsTurn, values: FormValues): Promise<FormValues> {
  const ids = personInputIds(turn.activity.value).filter((id) => typeof values[id] === 'string');
  if (ids.length === 0) return values;
  const named: Record<string, FormValues[string]> = { ...values };
  for (const id of ids) {
    const picked = (values[id] as string).trim();
    if (!OBJECT_ID.test(picked)) {
      named[id] = undefined;
      continue;
    }
    const member = await turn.member(picked).catch(() => undefined);
    named[id] = mentionOf(teamsPerson(picked, member?.aadObjectId?.toLowerCase() === picked.toLowerCase() ? member.name : undefined));
  }
  return named;
}
