import type { Repositories } from '@muster/core';
import type { TransactionContext } from './group-commit-queue';
import { repositoriesFor } from './repositories-for';
import type { StoreExecutor } from './store-executor';

/** Port methods that write; every other method only reads. */
const WRITES: { readonly [K in keyof Repositories]: readonly (keyof Repositories[K])[] } = {
  incidents: ['nextNumber', 'save'],
  timeline: ['append', 'appendMany', 'update'],
  actionItems: ['save'],
  statusUpdates: ['save'],
  postmortems: ['save'],
  services: ['save', 'remove'],
  inbox: ['claim'],
  outbox: ['enqueue', 'claimDue', 'complete', 'fail', 'releaseLeases', 'beginEffect', 'completeEffect'],
  summaries: ['save'],
  alertGroups: ['link'],
};

/**
 * The repositories outside any unit of work: each write is a transaction of its own (sharing commits
 * with whatever else is queued), each read runs where `StoreExecutor.read` says.
 */
export function createAutoCommitRepositories(executor: StoreExecutor): Repositories {
  const entries = (Object.keys(WRITES) as (keyof Repositories)[]).map((port) => [port, delegate(port, executor)] as const);
  return Object.fromEntries(entries) as unknown as Repositories;
}

type Method = (...args: unknown[]) => Promise<unknown>;

function delegate<K extends keyof Repositories>(port: K, executor: StoreExecutor): Repositories[K] {
  const methods: Record<string, Method> = {};
  for (const name of Object.keys(WRITES_AND_READS[port])) {
    const writes = (WRITES[port] as readonly string[]).includes(name);
    const call = (tx: TransactionContext, args: unknown[]) => (repositoriesFor(tx)[port] as unknown as Record<string, Method>)[name]!(...args);
    methods[name] = (...args: unknown[]) => (writes ? executor.write((tx) => call(tx, args)) : executor.read((tx) => call(tx, args)));
  }
  return methods as unknown as Repositories[K];
}

/**
 * Every method of every port, spelled out so the compiler checks the list against the ports: a method
 * added to a port without being listed here fails to build rather than silently missing.
 */
const WRITES_AND_READS: { readonly [K in keyof Repositories]: Record<keyof Repositories[K], true> } = {
  incidents: { nextNumber: true, save: true, findById: true, findByNumber: true, findByRoom: true, list: true, countByStatusAndSeverity: true },
  timeline: { append: true, appendMany: true, list: true, count: true, findByKey: true, findByExternal: true, update: true },
  actionItems: { save: true, findById: true, listByIncident: true, listByIncidents: true },
  statusUpdates: { save: true, findById: true, listByIncident: true },
  postmortems: { save: true, findByIncident: true },
  services: { save: true, findByName: true, list: true, remove: true },
  inbox: { claim: true },
  outbox: { enqueue: true, claimDue: true, renewLease: true, complete: true, fail: true, releaseLeases: true, depth: true, deadLetters: true, deadLetterCount: true, beginEffect: true, completeEffect: true, effect: true },
  summaries: { get: true, save: true },
  alertGroups: { find: true, link: true },
};
