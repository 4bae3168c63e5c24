import { expect } from 'chai';
import { MusterError } from '@muster/core';
import { restMessage } from './rest-wording';

describe('restMessage', () => {
  const scene = { method: 'POST', route: '/api/v1/incidents/:ref/transitions', params: { ref: 'inc-42' } };
  const chat = /`|\/incident |\broom\b/;

  it('names the route and reference instead of a chat command for the codes core words for chat', () => {
    const cases: [MusterError, RegExp][] = [
      [new MusterError('not_found', 'There is no incident INC-42. `/incident status` in an incident room shows its reference.'), /There is no incident INC-42; GET \/api\/v1\/incidents/],
      [new MusterError('no_incident_here', 'This is not an incident room. Run the command in the incident\'s channel.'), /Name the incident in the path/],
      [new MusterError('not_permitted', 'Only the Incident Commander can resolve on INC-42. Ask … `/incident assign ic @x`.', { roles: ['commander'] }), /Only the commander may do this on INC-42.*API token holds no role/],
      [new MusterError('conflict', 'Incident was changed by someone else meanwhile; look at it again and retry.'), /INC-42 was changed by another request meanwhile; GET \/api\/v1\/incidents\/INC-42 again/],
      [new MusterError('missing_argument', 'Write the note after the command: `/incident note <text>`.'), /POST \/api\/v1\/incidents\/:ref\/transitions refused the request \(missing_argument\)/],
      [new MusterError('not_found', 'I could not find @bob to own this. Mention the person…', { handle: '@bob' }), /give "person" as \{"platform", "id"\}/],
    ];
    for (const [error, wanted] of cases) {
      const message = restMessage(error, scene);
      expect(message, error.code).to.match(wanted);
      expect(message, error.code).not.to.match(chat);
    }
  });

  it('keeps a message that has no chat wording as core wrote it', () => {
    const error = new MusterError('invalid_transition', 'INC-42 is already investigating; acknowledging is for incidents in triage.');
    expect(restMessage(error, scene)).to.equal(error.message);
  });
});
