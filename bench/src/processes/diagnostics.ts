import { Session } from 'node:inspector';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './cpu-profile-summary';

/**
 * In-process diagnostics a server child offers the driver between phases: a V8 CPU profile of one
 * phase (through the inspector, so only that phase is sampled) and the event loop's delay.
 */
export class Diagnostics {
  private session?: Session;
  private loop?: IntervalHistogram;

  async startProfile(): Promise<void> {
    const session = new Session();
    session.connect();
    this.session = session;
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 250 });
    await this.post('Profiler.start');
  }

  async stopProfile(): Promise<ProfileSummary> {
    const { profile } = (await this.post('Profiler.stop')) as { profile: CpuProfile };
    this.session?.disconnect();
    this.session = undefined;
    return summarizeProfile(profile);
  }

  startLoopDelay(): void {
    this.loop = monitorEventLoopDelay({ resolution: 5 });
    this.loop.enable();
  }

  /** Event loop delay during the phase (ms): how long ready work waited for the loop. */
  stopLoopDelay(): { p50: number; p99: number; max: number } {
    const loop = this.loop;
    loop?.disable();
    this.loop = undefined;
    const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
    return loop ? { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } : { p50: 0, p99: 0, max: 0 };
  }

  private post(method: string, params?: object): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!this.session) return reject(new Error('no profiling session'));
      this.session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result)));
    });
  }
}
