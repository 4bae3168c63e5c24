import { expect } from 'chai';
import { renderToString } from 'preact-render-to-string';
import { applyNarrativeDraft, editPostmortemSection, emptyPostmortem, Incident, SeverityCatalog, type PersonRef } from '@muster/core';
import { createInMemoryRepositories } from '@muster/core/testing';
import type { WebDeps } from '../web-deps';
import type { IncidentPageContext } from './incident-section';
import { postmortemSection } from './postmortem-section';

const alice: PersonRef = { platform: 'console', id: 'alice', name: 'alice' };
const T0 = new Date('2026-11-22T03:00:00.000Z');

describe('web: the postmortem section of the incident page', () => {
  const repos = createInMemoryRepositories();
  const incident = Incident.declare({
    id: 'inc-1', number: 42, title: 'Checkout errors', severity: 'SEV2', declaredBy: alice, source: 'console', at: T0, declarerTakesCommand: true,
  }, new SeverityCatalog());
  // Only what the section reads: the stored postmortem (the page checked access before).
  const page = { incident, deps: { repos } as unknown as WebDeps } as IncidentPageContext;
  const html = async () => renderToString((await postmortemSection.render(page))!);

  it('says the postmortem is not started yet and still links to the editor and both exports', async () => {
    const out = await html();
    expect(out).to.include('Not started');
    expect(out).to.include('href="/incidents/INC-42/postmortem"');
    expect(out).to.include('href="/incidents/INC-42/postmortem.md"');
    expect(out).to.include('href="/incidents/INC-42/postmortem.pdf"');
  });

  it('counts the sections people wrote and the drafts nobody edited yet, and shows no section text', async () => {
    const drafted = applyNarrativeDraft(emptyPostmortem('pm-1', incident.id, T0), { summary: '<script>alert(1)</script>', impact: 'Payments failed.' }, 'extractive', T0);
    await repos.postmortems.save(editPostmortemSection(drafted, 'went_well', 'Fast rollback.', T0, alice));
    const out = await html();
    expect(out).to.include('draft');
    expect(out).to.include('1 of 6 sections written by people, 2 drafted and not yet edited.');
    expect(out).to.include('Edit the postmortem');
    expect(out).to.not.include('<script>');
    expect(out).to.not.include('Payments failed.');
  });
});
