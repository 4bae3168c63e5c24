import { expect } from 'chai';
import type { ServerResponse } from 'node:http';
import { MusterError, type Logger } from '@muster/core';
import { AuthorizationError } from '@slack/bolt';
import { answerFailedDelivery } from './delivery-failures';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function answer(error: unknown, headersSent = false) {
  const sent: { status?: number; headers?: Record<string, string>; ended: boolean } = { ended: false };
  const res = {
    headersSent,
    writeHead: (status: number, headers?: Record<string, string>) => { sent.status = status; sent.headers = headers; },
    end: () => { sent.ended = true; },
  } as unknown as ServerResponse;
  answerFailedDelivery(error, res, quiet);
  return sent;
}

describe('answerFailedDelivery', () => {
  it('answers 503 with Retry-After when the database is unreachable, so Slack delivers the event again', () => {
    expect(answer(new MusterError('unavailable', 'The database cannot be reached'))).to.deep.equal({ status: 503, headers: { 'retry-after': '5' }, ended: true });
  });

  it('sees a database failure through Bolt\'s authorization wrapper (OAuth installs are read from the database)', () => {
    const wrapped = new AuthorizationError('Authorization failed', new AuthorizationError('fetch failed', new MusterError('unavailable', 'db down')));
    expect(answer(wrapped).status).to.equal(503);
  });

  it('answers 401 for a workspace without an installation, and 500 for anything else', () => {
    expect(answer(new AuthorizationError('no install', new MusterError('not_found', 'Muster is not installed'))).status).to.equal(401);
    expect(answer(new Error('bug')).status).to.equal(500);
  });

  it('leaves a response that already started alone', () => {
    expect(answer(new Error('late'), true)).to.deep.equal({ ended: false });
  });
});
