import { getHeapSpaceStatistics } from 'node:v8';

export interface MemoryReading {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly externalMb: number;
  /** V8's young generation as committed now: large just after start-up, about 1 MB once the memory reducer has run. */
  readonly newSpaceMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** This process's memory as the footprint suite reads it (no forced GC unless the process was started with --expose-gc). */
export function memoryReading(): MemoryReading {
  global.gc?.();
  const m = process.memoryUsage();
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), newSpaceMb: mb(young?.space_size ?? 0) };
}
