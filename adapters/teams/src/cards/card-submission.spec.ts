import { ACTIONS, FORMS } from '@muster/core';
import { expect } from 'chai';
import fc from 'fast-check';
import { objectsOf } from './card-checks.spec-helper';
import { parseCardSubmission } from './card-submission';
import type { AdaptiveCard, ExecuteAction } from './card-types';
import { renderCard, renderFormCard } from './render-card';
import { ana, formsWith, viewsWith } from './view-fixtures.spec-helper';

/** What Teams sends back for a submit: the action's data with every input's value merged in as a string. */
function submitted(card: AdaptiveCard, answers: Readonly<Record<string, string>>): Record<string, unknown> {
  const submit = card.actions![0] as ExecuteAction;
  const ids = new Set(objectsOf(card.body).filter((o) => String(o.type).startsWith('Input.')).map((o) => String(o.id)));
  return { ...submit.data, ...Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id))) };
}
const invoke = (verb: string, data: unknown) => ({ action: { type: 'Action.Execute', verb, data, id: 'x' }, trigger: 'manual' });
const declareCard = () => renderFormCard(formsWith('plain').find((f) => f.name === 'declare (empty)')!.form);
const declareAnswers = { title: 'DB down', severity: 'SEV1', services: ' db, api ,,\nweb ', description: '', private: 'true' };

describe('parseCardSubmission', () => {
  it('reads a pressed button back, from Action.Execute (data or whole invoke value) and from the Action.Submit fallback', () => {
    const card = renderCard(viewsWith('plain')[0]!.view);
    const ack = objectsOf(card).find((o) => o.type === 'Action.Execute') as unknown as ExecuteAction;
    const expected = { kind: 'action', actionId: ACTIONS.ack, value: 'inc-1' };
    expect(parseCardSubmission(ack.data)).to.deep.equal(expected);
    expect(parseCardSubmission(invoke('muster.action', ack.data))).to.deep.equal(expected);
    expect(parseCardSubmission(ack.fallback.data)).to.deep.equal(expected);
  });

  it('reads a submitted form back into the values core expects, typed by the kinds the card declared', () => {
    const data = submitted(declareCard(), declareAnswers);
    const expected = {
      kind: 'form', formId: FORMS.declare, metadata: '',
      values: { title: 'DB down', severity: 'SEV1', services: ['db', 'api', 'web'], description: undefined, private: true },
    };
    expect(parseCardSubmission(data)).to.deep.equal(expected);
    expect(parseCardSubmission(invoke('muster.form', data))).to.deep.equal(expected);
    expect(parseCardSubmission({ ...data, private: 'false' })).to.deep.include({ values: { ...expected.values, private: false } });
    const { private: _off, ...withoutToggle } = data;
    expect((parseCardSubmission(withoutToggle) as { values: Record<string, unknown> }).values.private, 'a toggle not sent is off').to.equal(false);
  });

  it('carries the metadata and a people picker value (an AAD object id) through unchanged', () => {
    const card = renderFormCard(formsWith('plain').find((f) => f.name === 'assign')!.form);
    expect(parseCardSubmission(submitted(card, { role: 'commander', person: ana.id }))).to.deep.equal({
      kind: 'form', formId: FORMS.assignRole, metadata: 'inc-1', values: { role: 'commander', person: ana.id },
    });
  });

  it('refuses an envelope with a key it does not have, a value of the wrong type, or an input the card did not ask for', () => {
    const form = submitted(declareCard(), declareAnswers);
    const action = { muster: 'action', actionId: ACTIONS.ack, value: 'inc-1' };
    for (const [label, value] of Object.entries({
      'extra action key': { ...action, incidentId: 'other' },
      'numeric value': { ...action, value: 7 },
      'missing value': { muster: 'action', actionId: ACTIONS.ack },
      'unknown muster kind': { ...action, muster: 'admin' },
      'bad action id': { ...action, actionId: 'incident.ack"; drop' },
      'input not asked for': { ...form, routeTo: '19:other@thread.tacv2' },
      'non-string input': { ...form, title: ['DB', 'down'] },
      'object input': { ...form, title: { toString: 'x' } },
      'toggle that is neither': { ...form, private: 'yes' },
      'unknown input kind': { ...form, inputs: { title: 'file' } },
      'reserved input id': { ...form, ...JSON.parse('{"inputs": {"__proto__": "text"}, "__proto__": "x"}') },
      'envelope key as input': { ...form, inputs: { ...(form.inputs as object), muster: 'text' } },
      'metadata not a string': { ...form, metadata: { incident: 'inc-1' } },
      'no envelope at all': { title: 'DB down' },
    })) {
      expect(parseCardSubmission(value), label).to.equal(undefined);
    }
  });

  it('refuses a verb that does not match the data, and anything that is not an object', () => {
    const action = { muster: 'action', actionId: ACTIONS.ack, value: 'inc-1' };
    expect(parseCardSubmission(invoke('muster.form', action))).to.equal(undefined);
    expect(parseCardSubmission(invoke('muster.action', submitted(declareCard(), declareAnswers)))).to.equal(undefined);
    for (const value of [undefined, null, 'muster', 42, true, [], [action], () => action]) expect(parseCardSubmission(value)).to.equal(undefined);
  });

  it('refuses oversized and hostile payloads without throwing', () => {
    const form = submitted(declareCard(), declareAnswers);
    expect(parseCardSubmission({ ...form, description: 'x'.repeat(70_000) })).to.equal(undefined);
    expect(parseCardSubmission({ muster: 'action', actionId: ACTIONS.ack, value: 'x'.repeat(2001) })).to.equal(undefined);
    expect(parseCardSubmission({ ...form, metadata: 'm'.repeat(2001) })).to.equal(undefined);
    const cyclic: Record<string, unknown> = { muster: 'action', actionId: ACTIONS.ack, value: '1' };
    cyclic.self = cyclic;
    expect(parseCardSubmission(cyclic)).to.equal(undefined);
    expect(parseCardSubmission({ muster: 'action', actionId: ACTIONS.ack, value: 1n })).to.equal(undefined);
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = { deep };
    expect(parseCardSubmission(deep)).to.equal(undefined);
  });

  it('keeps hostile text as typed: values are data, escaping is for display', () => {
    const data = submitted(declareCard(), { ...declareAnswers, title: '<at>everyone</at> **x** [y](javascript:1)' });
    expect((parseCardSubmission(data) as { values: Record<string, unknown> }).values.title).to.equal('<at>everyone</at> **x** [y](javascript:1)');
  });

  it('never throws, and accepts only Muster envelopes, whatever JSON arrives (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const parsed = parseCardSubmission(value);
      if (parsed) expect((value as { muster?: unknown }).muster).to.equal(parsed.kind);
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (extra) => {
      const data = { ...submitted(declareCard(), declareAnswers), ...extra };
      const parsed = parseCardSubmission(data);
      const unexpected = Object.keys(extra).filter((k) => !['muster', 'formId', 'metadata', 'inputs', 'title', 'severity', 'services', 'description', 'private'].includes(k));
      if (unexpected.length > 0) expect(parsed).to.equal(undefined);
    }), { numRuns: 300 });
  });
});
