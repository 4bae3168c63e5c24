import { ACTIONS, type Block, type View } from '@muster/core';
import { expect } from 'chai';
import { activeMarkup, collapse, expectTeamsCard, objectsOf, textsOf, visibleText } from './card-checks.spec-helper';
import { cardSize, MAX_CARD_BYTES, MIN_CARD_BYTES } from './card-limits';
import type { AdaptiveCard, ExecuteAction, ShowCardAction } from './card-types';
import { renderCard } from './render-card';
import { normaliseText } from './teams-markdown';
import { ana, bo, HOSTILE, viewsWith } from './view-fixtures.spec-helper';

const actionsOf = (card: AdaptiveCard) => objectsOf(card).filter((o) => o.type === 'Action.Execute' || o.type === 'Action.ShowCard') as unknown as (ExecuteAction | ShowCardAction)[];
const markupOf = (card: AdaptiveCard) => textsOf(card).flatMap(activeMarkup).sort();
const BENIGN = 'plain words';

describe('renderCard: every core view as an Adaptive Card 1.5', () => {
  for (const { name, view } of viewsWith(BENIGN)) {
    it(`${name}: valid for Teams, within the size limit`, () => expectTeamsCard(renderCard(view), name));
  }

  it('turns every button into Action.Execute with the agreed data, and an Action.Submit fallback carrying the same', () => {
    const card = renderCard(viewsWith(BENIGN)[0]!.view);
    const ack = actionsOf(card).find((a): a is ExecuteAction => a.type === 'Action.Execute' && (a.data as { actionId?: string }).actionId === ACTIONS.ack)!;
    expect(ack).to.deep.include({ verb: 'muster.action', title: 'Acknowledge', style: 'positive', associatedInputs: 'none' });
    expect(ack.data).to.deep.equal({ muster: 'action', actionId: ACTIONS.ack, value: 'inc-1' });
    expect(ack.fallback).to.deep.equal({ type: 'Action.Submit', title: 'Acknowledge', data: ack.data, style: 'positive', associatedInputs: 'none' });
  });

  it('asks before a button with a question: a ShowCard unfolds the question with the real button under it', () => {
    const card = renderCard(viewsWith(BENIGN)[0]!.view);
    const resolve = actionsOf(card).find((a): a is ShowCardAction => a.type === 'Action.ShowCard')!;
    expect(resolve).to.deep.include({ title: 'Resolve', style: 'destructive' });
    expect(resolve.card.body[0]).to.deep.include({ type: 'TextBlock', text: 'Resolve INC-42? A postmortem draft starts right after.' });
    const inner = resolve.card.actions[0] as ExecuteAction;
    expect(inner).to.deep.include({ type: 'Action.Execute', verb: 'muster.action', style: 'destructive' });
    expect(inner.data).to.deep.equal({ muster: 'action', actionId: ACTIONS.resolve, value: 'inc-1' });
    expect(actionsOf(card).filter((a) => a.type === 'Action.Execute' && (a.data as { actionId?: string }).actionId === ACTIONS.resolve), 'no way to resolve without the question').to.have.length(1);
  });

  it('offers Approve (asking first), Edit and Reject on a draft awaiting approval, naming the version shown', () => {
    const card = renderCard(viewsWith(BENIGN).find((v) => v.name === 'draft awaiting approval')!.view);
    const executes = actionsOf(card).filter((a): a is ExecuteAction => a.type === 'Action.Execute');
    expect(executes.map((a) => [(a.data as { actionId: string }).actionId, (a.data as { value: string }).value, a.style])).to.deep.equal([
      [ACTIONS.approveUpdate, 'upd-1@0', 'positive'], [ACTIONS.editUpdate, 'upd-1@0', undefined], [ACTIONS.rejectUpdate, 'upd-1', 'destructive'],
    ]);
  });

  it('mentions the Teams people core names, and only them', () => {
    const card = renderCard(viewsWith(BENIGN)[0]!.view);
    expect(card.msteams?.entities?.map((e) => e.mentioned.id)).to.deep.equal([ana.id, bo.id]);
    expect(visibleText(textsOf(card).join('\n\n'))).to.include('@carol plain words');
  });

  for (const typed of HOSTILE) {
    it(`keeps ${JSON.stringify(typed)} typed by users literal in every view: no markup, no mention, no link it did not have`, () => {
      const baseline = viewsWith(BENIGN);
      viewsWith(typed).forEach(({ name, view }, i) => {
        const card = renderCard(view);
        const plain = renderCard(baseline[i]!.view);
        expectTeamsCard(card, name);
        expect(markupOf(card), name).to.deep.equal(markupOf(plain));
        expect(card.msteams?.entities?.map((e) => e.mentioned.id), name).to.deep.equal(plain.msteams?.entities?.map((e) => e.mentioned.id));
      });
      // With a plain-named person (names are cleaned for <at>), the typed text reads back as typed wherever core put it.
      for (const { name, view } of viewsWith(typed, ana)) {
        if (!JSON.stringify(view).includes(JSON.stringify(typed).slice(1, -1))) continue;
        expect(collapse(textsOf(renderCard(view)).map(visibleText).join(' ')), name).to.include(collapse(normaliseText(typed)));
      }
    });
  }

  it('draws a divider as a separator above what follows it', () => {
    const card = renderCard({ fallback: 'x', blocks: [{ type: 'text', text: ['a'] }, { type: 'divider' }, { type: 'divider' }, { type: 'text', text: ['b'] }, { type: 'divider' }] });
    expect(card.body.map((e) => e.separator ?? false)).to.deep.equal([false, true]);
  });

  it('leaves out inputs outside a form (they would have no submit button)', () => {
    const card = renderCard({ fallback: 'x', blocks: [{ type: 'input', id: 'title', label: 'Title', element: { kind: 'text' } }] });
    expect(objectsOf(card).some((o) => String(o.type).startsWith('Input.'))).to.equal(false);
  });

  it('leaves out a button whose id or payload could not travel intact, and says so', () => {
    const card = renderCard({ fallback: 'x', blocks: [{ type: 'actions', buttons: [
      { actionId: ACTIONS.ack, label: 'Ack', value: 'x'.repeat(2001) }, { actionId: 'bad id"}', label: 'Bad', value: '1' }, { actionId: ACTIONS.mitigate, label: 'Mitigated', value: 'inc-1' },
    ] }] });
    expect(actionsOf(card).map((a) => a.title)).to.deep.equal(['Mitigated']);
    expect(textsOf(card)).to.include('… 2 more items not shown');
  });
});

describe('renderCard within Teams limits', () => {
  const huge = 'Ünïcødé 🔥 *x* <at>y</at> '.repeat(400);
  const closingButtons: Block = { type: 'actions', buttons: [{ actionId: ACTIONS.ack, label: 'Acknowledge', value: 'inc-1' }] };

  it('cuts a long list, keeping whole items and the closing buttons, and counts what it left out', () => {
    const items = Array.from({ length: 1000 }, (_, i) => [`item ${i} `, huge.slice(0, 1500), { mention: { ...ana, id: `${ana.id.slice(0, -4)}${String(1000 + i).slice(-4)}` } }]);
    const card = renderCard({ fallback: 'x', blocks: [{ type: 'header', text: 'Timeline' }, { type: 'list', items }, closingButtons] });
    expectTeamsCard(card, 'long list');
    const texts = textsOf(card);
    const shown = texts.filter((t) => t.startsWith('• item')).length;
    expect(shown).to.be.greaterThan(3);
    expect(texts, 'one line counts the items cut for size and those past the list limit').to.include(`… ${1000 - shown} more items not shown`);
    expect(card.body[card.body.length - 1]!.type, 'buttons kept').to.equal('ActionSet');
    expect(card.msteams?.entities, 'only the mentions of the items shown').to.have.length(shown);
  });

  it('cuts one very long text with a marker, and never exceeds the limit on any size of view', () => {
    for (const count of [1, 10, 100, 400]) {
      const view: View = { fallback: huge, blocks: Array.from({ length: count }, (_, i): Block => (i % 2 ? { type: 'text', text: [huge] } : { type: 'fields', fields: [{ label: huge, value: [huge] }] })) };
      const card = renderCard(view);
      expectTeamsCard(card, `${count} blocks`);
      expect(cardSize(card)).to.be.at.most(MAX_CARD_BYTES);
    }
    const one = renderCard({ fallback: 'x', blocks: [{ type: 'text', text: ['word '.repeat(5000)] }] });
    expect(textsOf(one)[0]!.endsWith('…')).to.equal(true);
  });

  it('honours a smaller budget, and refuses one no card fits in', () => {
    const card = renderCard(viewsWith(BENIGN)[0]!.view, { maxBytes: MIN_CARD_BYTES });
    expect(cardSize(card)).to.be.at.most(MIN_CARD_BYTES);
    expect(() => renderCard(viewsWith(BENIGN)[0]!.view, { maxBytes: 100 })).to.throw(/at least/);
  });
});
