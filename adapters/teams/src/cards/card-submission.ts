import type { FormValues } from '@muster/core';
import { z } from 'zod';
import { ACTION_VERB, FORM_VERB, ID_PATTERN, INPUT_KINDS, RESERVED_INPUT_IDS, TOGGLE_OFF, TOGGLE_ON, type InputKind } from './card-data';
import { MAX_ACTION_ID_CHARS, MAX_BUTTON_VALUE_CHARS, MAX_INPUTS, MAX_METADATA_CHARS, MAX_SUBMISSION_BYTES, MAX_TEXT_INPUT_LENGTH } from './card-limits';

export type CardSubmission =
  | { readonly kind: 'action'; readonly actionId: string; readonly value: string }
  | { readonly kind: 'form'; readonly formId: string; readonly metadata: string; readonly values: FormValues };

const id = z.string().max(MAX_ACTION_ID_CHARS).regex(ID_PATTERN);
const inputId = z.string().max(64).regex(ID_PATTERN).refine((key) => !RESERVED_INPUT_IDS.has(key));

const actionEnvelope = z.strictObject({ muster: z.literal('action'), actionId: id, value: z.string().max(MAX_BUTTON_VALUE_CHARS) });
const formEnvelope = z.looseObject({
  muster: z.literal('form'),
  formId: id,
  metadata: z.string().max(MAX_METADATA_CHARS),
  inputs: z.record(inputId, z.enum(INPUT_KINDS)).refine((inputs) => Object.keys(inputs).length <= MAX_INPUTS),
});
const ENVELOPE_KEYS = new Set(['muster', 'formId', 'metadata', 'inputs']);
/** An Action.Execute invoke's `value`: the data sits under `action`, next to the verb. */
const invokeValue = z.looseObject({ action: z.looseObject({ type: z.literal('Action.Execute'), verb: z.string(), data: z.unknown() }) });

/** Teams sends every input as a string; this is the value core expects for the input's kind. */
function valueOf(kind: InputKind, raw: string | undefined): FormValues[string] | null {
  if (kind === 'checkbox') return raw === undefined || raw === TOGGLE_OFF ? false : raw === TOGGLE_ON ? true : null;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (kind === 'multi_text') return raw.split(/[,\n]/).map((entry) => entry.trim()).filter((entry) => entry !== '');
  return raw;
}

function formValues(raw: Readonly<Record<string, unknown>>, inputs: Readonly<Record<string, InputKind>>): FormValues | undefined {
  const extra = Object.keys(raw).filter((key) => !ENVELOPE_KEYS.has(key));
  // A key the card did not ask for, or a value that is not a string, is not something Teams sent.
  if (extra.some((key) => !Object.hasOwn(inputs, key) || typeof raw[key] !== 'string' || (raw[key] as string).length > MAX_TEXT_INPUT_LENGTH)) return undefined;
  const values: Record<string, FormValues[string]> = {};
  for (const [key, kind] of Object.entries(inputs)) {
    const value = valueOf(kind, Object.hasOwn(raw, key) ? (raw[key] as string) : undefined);
    if (value === null) return undefined;
    values[key] = value;
  }
  return values;
}

function fitsSize(value: unknown): boolean {
  try {
    const json = JSON.stringify(value);
    return json !== undefined && Buffer.byteLength(json, 'utf8') <= MAX_SUBMISSION_BYTES;
  } catch {
    return false; // cycles, BigInt: not JSON, so not from Teams
  }
}

/**
 * What a pressed card button or a submitted card form asks for, or undefined when the payload is not
 * one of Muster's (malformed, oversized, with keys the envelope does not have, or input values the
 * card did not ask for). Takes the data of an Action.Submit (`activity.value`) or of an Action.Execute
 * (`activity.value.action.data`), or the whole Action.Execute invoke value, whose verb must then match.
 */
export function parseCardSubmission(value: unknown): CardSubmission | undefined {
  if (!fitsSize(value)) return undefined;
  const invoke = invokeValue.safeParse(value);
  const data = invoke.success ? invoke.data.action.data : value;
  const verb = invoke.success ? invoke.data.action.verb : undefined;

  const action = actionEnvelope.safeParse(data);
  if (action.success) {
    if (verb !== undefined && verb !== ACTION_VERB) return undefined;
    return { kind: 'action', actionId: action.data.actionId, value: action.data.value };
  }
  const form = formEnvelope.safeParse(data);
  if (!form.success || (verb !== undefined && verb !== FORM_VERB)) return undefined;
  const values = formValues(data as Record<string, unknown>, form.data.inputs);
  return values ? { kind: 'form', formId: form.data.formId, metadata: form.data.metadata, values } : undefined;
}
