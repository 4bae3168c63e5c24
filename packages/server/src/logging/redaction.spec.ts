import { expect } from 'chai';
import { maskTokens } from './redaction';

describe('maskTokens: credentials in a log message', () => {
  it('masks a Slack app-level token, which the server\'s own pattern used to miss', () => {
    const line = maskTokens('Socket Mode refused xapp-1-A0123456789-1234567890123-0a1b2c3d4e5f');
    expect(line).to.equal('Socket Mode refused [Redacted]');
  });

  it('masks bot tokens, API tokens, keys and basic-auth URLs with pino\'s censor, keeping `Bearer `', () => {
    const line = maskTokens('xoxb-1234567890-abcdefgh mst_Zm9vYmFyYmF6 sk-abcdefghijklmnop12 Bearer abcdefgh12 mysql://root:pw@db/test');
    expect(line).to.equal('[Redacted] [Redacted] [Redacted] Bearer [Redacted] mysql://[Redacted]@db/test');
  });

  it('leaves a message without credentials as it was', () => {
    expect(maskTokens('incident INC-42 declared in C0123 by U0MUSTER')).to.equal('incident INC-42 declared in C0123 by U0MUSTER');
  });
});
