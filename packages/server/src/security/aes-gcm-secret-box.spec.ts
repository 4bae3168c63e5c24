import { expect } from 'chai';
import { AesGcmSecretBox } from './aes-gcm-secret-box';

describe('AesGcmSecretBox', () => {
  const key = 'a-secret-key-of-at-least-32-characters!!';

  it('opens what it sealed, and seals the same text differently each time', () => {
    const box = new AesGcmSecretBox(key, 'slack-installation');
    const one = box.seal('{"bot":{"token":"xoxb-1"}}', 'T1');
    expect(one).to.match(/^v1\./).and.not.include('xoxb');
    expect(box.seal('{"bot":{"token":"xoxb-1"}}', 'T1')).to.not.equal(one);
    expect(box.open(one, 'T1')).to.equal('{"bot":{"token":"xoxb-1"}}');
  });

  it('refuses a value moved to another workspace, another purpose or another key, without saying more', () => {
    const sealed = new AesGcmSecretBox(key, 'slack-installation').seal('token', 'T1');
    expect(() => new AesGcmSecretBox(key, 'slack-installation').open(sealed, 'T2')).to.throw(/MUSTER_SECRET_KEY differs/);
    expect(() => new AesGcmSecretBox(key, 'plugin-secret').open(sealed, 'T1')).to.throw(/MUSTER_SECRET_KEY differs/);
    expect(() => new AesGcmSecretBox(`${key}x`, 'slack-installation').open(sealed, 'T1')).to.throw(/MUSTER_SECRET_KEY differs/);
  });

  it('refuses a tampered value', () => {
    const box = new AesGcmSecretBox(key, 'slack-installation');
    const [v, iv, tag, body] = box.seal('token', 'T1').split('.');
    const flipped = `${body!.slice(0, -2)}${body!.endsWith('A') ? 'B' : 'A'}${body!.slice(-1)}`;
    expect(() => box.open([v, iv, tag, flipped].join('.'), 'T1')).to.throw(/could not be decrypted/);
    expect(() => box.open('not-sealed', 'T1')).to.throw(/not in a format/);
  });
});
