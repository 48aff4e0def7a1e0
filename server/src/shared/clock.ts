// Time comes from a Clock so that tests can move it (deadlines, expiry, lockouts).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-06-01T02:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Huawei's wire format for times: yyyy-MM-ddTHH:mm:ssZ (UTC, no milliseconds). */
export function toApiTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
