import { expect } from 'chai';
import { alice, bob, carol, incidentState, sampleTimeline } from '../testing/incident-fixtures';
import { PeopleAliases } from './people-aliases';

describe('PeopleAliases', () => {
  const aliases = new PeopleAliases([alice, bob, carol]);

  it('gives each person a stable handle that does not reveal the name', () => {
    const again = new PeopleAliases([carol, bob, alice]);
    expect(aliases.handleOf(alice)).to.match(/^person-[0-9a-f]{6,}$/);
    expect(again.handleOf(alice)).to.equal(aliases.handleOf(alice));
    expect(aliases.handleOf(alice)).to.not.equal(aliases.handleOf(bob));
  });

  it('replaces full names in any case, capitalised first names and mention tokens', () => {
    const hidden = aliases.hide('alice martin asked <@slack:U02BOB> and Carol to check; <@slack:U99NOBODY|Nobody Known> too');
    expect(hidden).to.equal(`${aliases.handleOf(alice)} asked ${aliases.handleOf(bob)} and ${aliases.handleOf(carol)} to check; [person] too`);
  });

  it('hides the name a token carries even for someone the incident does not know, and a token of the wrong platform', () => {
    const hidden = aliases.hide('ping <@teams:0b1d-9f|Zed Secretname> and <@teams:U02BOB|Bob Okafor>');
    expect(hidden).to.equal('ping [person] and [person]');
    expect(hidden).not.to.match(/Zed|Secretname/);
  });

  it('does not treat ordinary words as first names', () => {
    const will = { platform: 'slack' as const, id: 'U03WILL', name: 'Will Smith' };
    const withWill = new PeopleAliases([will]);
    expect(withWill.hide('we will roll back')).to.equal('we will roll back');
  });

  it('puts names back for internal readers and a neutral word for outsiders', () => {
    const text = `${aliases.handleOf(bob)} is rolling back`;
    expect(aliases.reveal(text)).to.equal('Bob Okafor is rolling back');
    expect(aliases.anonymize(text)).to.equal('the team is rolling back');
  });

  it('notices a person mentioned by handle or by name', () => {
    expect(aliases.mentionsSomeone(`thanks ${aliases.handleOf(carol)}`)).to.equal(true);
    expect(aliases.mentionsSomeone('Thanks Carol')).to.equal(true);
    expect(aliases.mentionsSomeone('Service is recovering')).to.equal(false);
  });

  it('collects everyone from the incident and its timeline', () => {
    const a = PeopleAliases.forIncident(incidentState(), sampleTimeline());
    for (const p of [alice, bob, carol]) expect(a.handleOf(p)).to.be.a('string');
  });
});
