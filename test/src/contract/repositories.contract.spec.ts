import { alertGroupContract } from './alert-groups.contract';
import { incidentContract } from './incident.contract';
import { inMemoryHarness, mariaDbHarness, sqliteHarness, type StoreUnderTest } from './harnesses';
import { countIfMariaDb, mariaDbCases } from './mariadb';
import { effectLogContract } from './effect-log.contract';
import { outboxContract } from './outbox.contract';
import { recordsContract } from './records.contract';
import { servicesContract } from './services.contract';
import { timelineContract } from './timeline.contract';
import { unitOfWorkContract } from './unit-of-work.contract';

/**
 * The repository contract: the same cases, written once, against every implementation of the storage
 * ports. A store that passes here can replace any other behind the ports.
 */
for (const harness of [inMemoryHarness(), sqliteHarness(), mariaDbHarness()]) {
  describe(`Repository contract: ${harness.label}`, function () {
    let current: StoreUnderTest | undefined;
    const store = (): StoreUnderTest => current!;

    before(async function () {
      this.timeout(60_000);
      await harness.setUp();
    });
    beforeEach(async () => {
      current = await harness.fresh();
    });
    afterEach(() => countIfMariaDb(harness.isMariaDb));
    after(() => harness.tearDown());

    describe('IncidentRepository', () => incidentContract(store, harness));
    describe('TimelineRepository', () => timelineContract(store));
    describe('Outbox', () => outboxContract(store, harness));
    describe('Outbox effect log', () => effectLogContract(store));
    describe('other repositories', () => recordsContract(store));
    describe('ServiceRepository', () => servicesContract(store));
    describe('UnitOfWork', () => unitOfWorkContract(store));
    describe('AlertGroupRepository', () => alertGroupContract(store, harness));
  });
}

after(() => console.log(`MariaDB contract cases run: ${mariaDbCases.ran}`));
