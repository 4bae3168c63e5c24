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
});
