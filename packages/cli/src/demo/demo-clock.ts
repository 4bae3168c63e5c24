import type { Clock } from '@muster/core';

/** A clock the demo moves forward itself: a scripted incident takes minutes, not milliseconds. */
export class DemoClock implements Clock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
