import { expect } from 'chai';
import { comparableTimeline, normaliseText, type ComparableEntry } from './parity-normalise';
import { runScriptedIncident, type IncidentChat } from './parity-script';
import { SlackIncidentChat } from './parity-slack';
import { TeamsIncidentChat } from './parity-teams';

interface Record { readonly timeline: ComparableEntry[]; readonly postmortem: string }

/**
 * Parity: one scripted incident (parity-script.ts) run through Slack (signed requests to the real Bolt
 * receiver, fake Slack Web API) and through Teams (JWT-signed activities to the real Agents SDK
 * transport, fake Bot Connector), each on its own fresh server with the same configuration. The two
 * timelines and the two postmortem documents must be the same once platform ids, links and clock
 * times are normalised (parity-normalise.ts): a difference is a platform adapter losing or changing
 * what people did.
 */
describe('Slack/Teams parity: the same incident yields the same timeline and postmortem', function () {
  this.timeout(180_000);
  const records: Partial<{ slack: Record; teams: Record }> = {};
  const starts: readonly [keyof typeof records, () => Promise<IncidentChat>][] = [['slack', SlackIncidentChat.start], ['teams', TeamsIncidentChat.start]];

  for (const [platform, start] of starts) {
    it(`runs the scripted incident through ${platform}, on a fresh server`, async () => {
      const chat = await start();
      try {
        await runScriptedIncident(chat);
        records[platform] = { timeline: comparableTimeline(await chat.timeline()), postmortem: normaliseText(await chat.postmortem()) };
      } finally {
        await chat.stop();
      }
    });
  }

  const both = (): { slack: Record; teams: Record } => {
    if (!records.slack || !records.teams) throw new Error('a platform\'s run failed (see above): nothing to compare');
    return records as { slack: Record; teams: Record };
  };

  it('records every step of the script, named, mentions and highlights included', () => {
    const { slack } = both();
    expect(slack.timeline.map((e) => e.kind)).to.deep.equal([
      'declared', 'role_change', 'room', 'message', 'message', 'status_change', 'severity_change', 'role_change',
      'note', 'message', 'ai_draft', 'update_published', 'status_change',
    ]);
    expect(slack.timeline.find((e) => e.text.startsWith('Card payments'))).to.deep.include({ actor: 'bob', highlighted: true });
    expect(slack.timeline.map((e) => e.text)).to.include('<@person|cleo> can you check the gateway?');
    expect(slack.postmortem).to.include('- **Communications Lead**: bob').and.include('ana: @cleo can you check the gateway?');
  });

  it('has the same timeline on Slack and Teams: kinds, people, texts and order', () => {
    const { slack, teams } = both();
    expect(teams.timeline).to.deep.equal(slack.timeline);
  });

  it('writes the same postmortem document on Slack and Teams', () => {
    const { slack, teams } = both();
    expect(teams.postmortem.split('\n')).to.deep.equal(slack.postmortem.split('\n'));
  });
});
