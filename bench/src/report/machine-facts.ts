import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface MachineFacts {
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  /** One-minute load average when the run started: a busy shared machine shows here. */
  readonly loadAverageAtStart: number;
  readonly freeMemoryGbAtStart: number;
  readonly date: string;
}

export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    node: process.version,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
    freeMemoryGbAtStart: Math.round((freemem() / 2 ** 30) * 10) / 10,
    date: new Date().toISOString(),
  };
}
