import { expect } from 'chai';
import { json } from './response';
import { Router } from './router';

describe('Router', () => {
  const ok = async () => json(200, {});
  const router = new Router()
    .get('/api/v1/incidents', ok)
    .post('/api/v1/incidents', ok)
    .get('/api/v1/incidents/:ref', ok)
    .get('/api/v1/incidents/:ref/timeline', ok)
    .get('/api/v1/incidents/stats', ok);

  it('matches path parameters, decoded', () => {
    const match = router.match('GET', '/api/v1/incidents/INC%2D42/timeline');
    expect(match.kind).to.equal('found');
    if (match.kind === 'found') {
      expect(match.params).to.deep.equal({ ref: 'INC-42' });
      expect(match.route.pattern).to.equal('/api/v1/incidents/:ref/timeline');
    }
  });

  it('prefers a literal segment over a parameter', () => {
    const match = router.match('GET', '/api/v1/incidents/stats');
    expect(match.kind === 'found' && match.route.pattern).to.equal('/api/v1/incidents/stats');
  });

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('DELETE', '/api/v1/incidents')).to.deep.equal({ kind: 'method_not_allowed', pattern: '/api/v1/incidents', allowed: ['GET', 'POST'] });
    expect(router.match('GET', '/api/v2/incidents').kind).to.equal('not_found');
    expect(router.match('GET', '/api/v1/incidents/%E0%A4%A').kind).to.equal('not_found');
  });

  it('answers HEAD with the GET route', () => {
    expect(router.match('HEAD', '/api/v1/incidents').kind).to.equal('found');
  });

  it('refuses a route registered twice', () => {
    expect(() => new Router().get('/a', ok).get('/a', ok)).to.throw(/registered twice/);
  });

  it('keeps its own rules on top of find-my-way: trailing slash, empty, encoded literal, long parameter', () => {
    expect(router.match('GET', '/api/v1/incidents/').kind).to.equal('found');
    expect(router.match('GET', '/api/v1/incidents//timeline').kind).to.equal('not_found');
    expect(router.match('GET', '/api/v1/incident%73').kind).to.equal('not_found');
    const long = 'x'.repeat(500);
    const match = router.match('GET', `/api/v1/incidents/${long}`);
    expect(match.kind === 'found' && match.params).to.deep.equal({ ref: long });
    const slash = router.match('GET', '/api/v1/incidents/a%2Fb/timeline');
    expect(slash.kind === 'found' && slash.params).to.deep.equal({ ref: 'a/b' });
  });

  it('names the most literal pattern and every method when only the method is wrong', () => {
    const r = new Router().post('/incidents/:ref', ok).put('/incidents/new', ok);
    expect(r.match('GET', '/incidents/new')).to.deep.equal({ kind: 'method_not_allowed', pattern: '/incidents/new', allowed: ['PUT', 'POST'] });
  });
});
