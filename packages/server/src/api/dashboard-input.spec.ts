import { expect } from 'chai';
import fc from 'fast-check';
import { HttpError } from '../http/http-error';
import { readApproval, readDeclaredWindow, readSectionEdit, readUpdateEdit, readUpdateRequest } from './dashboard-input';
import { prefersJson } from './postmortem-routes';

const url = (query: string) => new URL(`http://x/api/v1/incidents?${query}`);

describe('REST input of the dashboard routes', () => {
  it('refuses any other JSON object with a 400 HttpError, never anything else', () => {
    const readers = [readUpdateRequest, readUpdateEdit, readApproval, readSectionEdit];
    fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }), fc.nat(readers.length - 1), (body, pick) => {
      try {
        readers[pick](body as Record<string, unknown>);
      } catch (error) {
        expect(error).to.be.instanceOf(HttpError);
        expect((error as HttpError).status).to.equal(400);
      }
    }), { numRuns: 300 });
  });

  it('accepts what the routes document', () => {
    expect(readUpdateRequest({})).to.deep.equal({ audience: 'internal' });
    expect(readUpdateRequest({ audience: 'external', body: 'Fixed.' })).to.deep.equal({ audience: 'external', body: 'Fixed.' });
    expect(readUpdateEdit({ body: 'New', version: 3 })).to.deep.equal({ body: 'New', version: 3 });
    expect(readApproval({ version: 0 })).to.equal(0);
    expect(readSectionEdit({ body: '', revision: 2 })).to.deep.equal({ body: '', revision: 2 });
  });

  it('reads the declaration window: dates at midnight UTC, date-times with a zone; impossible dates refused', () => {
    expect(readDeclaredWindow(url('declaredFrom=2026-12-01&declaredBefore=2026-12-02T09:30:00%2B01:00'))).to.deep.equal({
      declaredFrom: new Date('2026-12-01T00:00:00Z'), declaredBefore: new Date('2026-12-02T08:30:00Z'),
    });
    expect(readDeclaredWindow(url(''))).to.deep.equal({});
    for (const bad of ['declaredFrom=2026-02-29', 'declaredFrom=2026-13-01', 'declaredFrom=2026-00-10', 'declaredBefore=2026-12-01T10:00', 'declaredFrom=1733000000']) {
      expect(() => readDeclaredWindow(url(bad)), bad).to.throw(HttpError);
    }
    expect(readDeclaredWindow(url('declaredFrom=2028-02-29')).declaredFrom, 'a leap day').to.deep.equal(new Date('2028-02-29T00:00:00Z'));
  });

  it('answers JSON only when Accept prefers it to Markdown', () => {
    expect(prefersJson(undefined)).to.equal(false);
    expect(prefersJson('*/*')).to.equal(false);
    expect(prefersJson('application/json')).to.equal(true);
    expect(prefersJson('application/json;q=0')).to.equal(false);
    expect(prefersJson('text/markdown, application/json;q=0.5')).to.equal(false);
    expect(prefersJson('text/markdown;q=0.2, application/json')).to.equal(true);
  });
});
