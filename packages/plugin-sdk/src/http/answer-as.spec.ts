import { expect } from 'chai';
import { z } from 'zod';
import { PluginHttpError } from '../errors';
import type { HttpResponse } from '../plugin-context';
import { answerAs } from './answer-as';

const answer = (text: string, status = 200): HttpResponse => ({ status, headers: {}, text, json: <T>() => JSON.parse(text) as T });
const schema = z.object({ incident: z.object({ id: z.string() }) });

describe('answerAs', () => {
  it('returns the answer read as the schema', () => {
    expect(answerAs(answer('{"incident":{"id":"P1","extra":1}}'), schema, 'PagerDuty GET /incidents/P1')).to.deep.equal({ incident: { id: 'P1' } });
  });

  it('names the call, the status and the first wrong field, not the body', () => {
    const hostile = `{"incident":{"id":42},"secret":"${'x'.repeat(5000)}"}`;
    const error = (() => { try { answerAs(answer(hostile, 201), schema, 'PagerDuty POST /incidents'); } catch (e) { return e; } })() as PluginHttpError;
    expect(error).to.be.instanceOf(PluginHttpError).with.property('status', 201);
    expect(error.message).to.match(/^PagerDuty POST \/incidents answered 201 with an unexpected body \(incident\.id: /);
    expect(error.message).to.not.contain('xxxx');
    expect(error.message.length).to.be.below(300);
  });

  it('says "(the body)" when the whole answer is the wrong shape', () => {
    expect(() => answerAs(answer('[1,2]'), schema, 'X GET /y')).to.throw(PluginHttpError, 'unexpected body ((the body): ');
  });
});
