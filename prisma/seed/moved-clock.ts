const DAY = 86_400_000;

/** A clock the demo story moves: `day(-12, "09:30")` is 09:30 UTC twelve days before the story began. */
export type TMovedClock = {
  /** Moves the clock to `daysFromNow` (≤ -1) days from the real start, at `time` (UTC, "HH:MM"). */
  day(daysFromNow: number, time?: string): Date;
  /** As `day`, but never back: a time already passed leaves the clock where it is. */
  dayOrLater(daysFromNow: number, time?: string): Date;
  /** Moves the clock to `hours` before the real start. */
  hoursAgo(hours: number): Date;
  /** The real time the story ends at ("now" for the reader). */
  readonly realStart: Date;
};

/**
 * Runs `story` with the process's `Date` moved: `new Date()` and `Date.now()` answer the
 * time the story is at (then advance with real time), so every record the data layer writes
 * (rows stamped by Prisma, audit events, evidence ages, sign-off times) carries the day the
 * story says, and the audit chain is written in the order it happened. On an external
 * PostgreSQL the database's own clock is not moved (the few columns it stamps itself, such as
 * items' created_at, carry the real time); the embedded PGlite of `npm start` runs in this
 * process and reads the moved clock too. `Date` is restored after,
 * even on failure; a clock moved backwards is refused (the chain's times must not go back).
 */
export async function withMovedClock<T>(story: (clock: TMovedClock) => Promise<T>): Promise<T> {
  const RealDate = globalThis.Date;
  const realStart = new RealDate();
  let base = realStart.getTime();
  let setAt = RealDate.now();
  let moved = false;
  const current = () => base + (RealDate.now() - setAt);

  class MovedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(current());
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return current();
    }
    // Dates made before the move (or by the real constructor) are still Dates.
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }

  const dayAt = (daysFromNow: number, time: string): number => {
    const [hours, minutes] = time.split(":").map(Number) as [number, number];
    const day = new RealDate(realStart.getTime() + daysFromNow * DAY);
    day.setUTCHours(hours, minutes, 0, 0);
    return day.getTime();
  };
  const moveTo = (next: number): Date => {
    if (next > realStart.getTime()) throw new Error(`the demo story cannot happen after it began (${new RealDate(next).toISOString()})`);
    if (moved && next < current() - 1_000) throw new Error(`the demo clock cannot go back to ${new RealDate(next).toISOString()}`);
    // Two steps at the same minute keep their order.
    base = moved ? Math.max(next, current()) : next;
    moved = true;
    setAt = RealDate.now();
    return new RealDate(base);
  };
  const clock: TMovedClock = {
    realStart,
    day(daysFromNow, time = "09:00") {
      return moveTo(dayAt(daysFromNow, time));
    },
    dayOrLater(daysFromNow, time = "09:00") {
      return moveTo(moved ? Math.max(dayAt(daysFromNow, time), current()) : dayAt(daysFromNow, time));
    },
    hoursAgo(hours) {
      return moveTo(realStart.getTime() - hours * 3_600_000);
    },
  };

  globalThis.Date = MovedDate as DateConstructor;
  try {
    return await story(clock);
  } finally {
    globalThis.Date = RealDate;
  }
}
