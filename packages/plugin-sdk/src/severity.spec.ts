import { expect } from 'chai';
import { configuredSeverities, severitiesByPosition, severityAt, severityIdOf, severityMapper } from './severity';
import type { PluginLogger } from './plugin-context';

const THREE = ['SEV1', 'SEV2', 'SEV3'].map((id) => ({ id, label: id }));
const FIVE = ['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => ({ id, label: id }));

describe('severity helpers', () => {
  it('severityIdOf gives the installation\'s own id in any case, and nothing for a level it lacks', () => {
    expect(severityIdOf(THREE, 'sev2')).to.equal('SEV2');
    expect(severityIdOf(THREE, ' SEV1 ')).to.equal('SEV1');
    expect([severityIdOf(THREE, 'SEV0'), severityIdOf(THREE, undefined), severityIdOf([], 'SEV1')]).to.deep.equal([undefined, undefined, undefined]);
  });

  it('severityAt counts from the most severe, or from the least when negative, and clamps to the catalogue', () => {
    expect([0, 1, 2, 7].map((p) => severityAt(THREE, p))).to.deep.equal(['SEV1', 'SEV2', 'SEV3', 'SEV3']);
    expect([-1, -2, -9].map((p) => severityAt(THREE, p))).to.deep.equal(['SEV3', 'SEV2', 'SEV1']);
    expect(severityAt([], 0)).to.equal(undefined);
  });

  it('severitiesByPosition fits a source\'s levels to any catalogue', () => {
    const prometheus = { critical: 0, warning: 1, info: -1 };
    expect(severitiesByPosition(THREE, prometheus)).to.deep.equal({ critical: 'SEV1', warning: 'SEV2', info: 'SEV3' });
    expect(severitiesByPosition(FIVE, prometheus)).to.deep.equal({ critical: 'P1', warning: 'P2', info: 'P5' });
    expect(severitiesByPosition([{ id: 'ONLY' }], prometheus)).to.deep.equal({ critical: 'ONLY', warning: 'ONLY', info: 'ONLY' });
    expect(severitiesByPosition([], prometheus)).to.deep.equal({});
  });

  it('severityMapper maps source levels in any case, and a target the installation lacks to the default level', () => {
    const mapper = severityMapper(THREE, { Critical: 'SEV1', warning: 'sev3', page: 'SEV0' });
    expect([mapper.of('critical'), mapper.of(' WARNING '), mapper.of('page'), mapper.of('info'), mapper.of(undefined)]).to.deep.equal(['SEV1', 'SEV3', undefined, undefined, undefined]);
    expect([mapper.has('PAGE'), mapper.has('info'), mapper.has(undefined)]).to.deep.equal([true, false, false]);
    expect(mapper.unknownTargets).to.deep.equal(['page → SEV0']);
  });

  it('severityMapper picks the most severe of several levels that map', () => {
    const mapper = severityMapper(THREE, severitiesByPosition(THREE, { critical: 0, warning: 1, info: -1 }));
    expect(mapper.mostSevere(['info', undefined, 'critical', 'warning'])).to.equal('SEV1');
    expect(mapper.mostSevere(['bogus', undefined])).to.equal(undefined);
    // Keys that are not own fields of a plain object never map.
    expect([mapper.of('__proto__'), mapper.of('constructor'), mapper.of('toString')]).to.deep.equal([undefined, undefined, undefined]);
  });

  it('configuredSeverities warns once at activation about targets the installation lacks, and only then', () => {
    const warnings: [string, Record<string, unknown> | undefined][] = [];
    const logger = { warn: (msg: string, fields?: Record<string, unknown>) => warnings.push([msg, fields]) } as unknown as PluginLogger;
    configuredSeverities({ severities: THREE, logger }, { critical: 'SEV1' });
    expect(warnings).to.deep.equal([]);
    const mapper = configuredSeverities({ severities: THREE, logger }, { critical: 'SEV0', warning: 'SEV2' });
    expect(mapper.of('warning')).to.equal('SEV2');
    expect(warnings).to.have.length(1);
    expect(warnings[0]![1]).to.deep.equal({ entries: ['critical → SEV0'], levels: ['SEV1', 'SEV2', 'SEV3'] });
  });
});
