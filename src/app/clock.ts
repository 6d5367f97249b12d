import type { Db } from '../db/database.ts';
import {
  advanceTestClock,
  insertTestClockIfAbsent,
  readTestClock,
  type TestClockState,
  writeTestClock,
} from '../db/test-clock.ts';

/**
 * The server's only notion of now. Use cases receive `now` from here and pass it to the domain.
 * The manual clock lets people walk deadlines end to end (SENDBACK_CLOCK=manual).
 *
 * `now()` answers at once from what this process knows; `refresh()` first brings that up to date
 * with the clock every node shares. The app refreshes once per request, the workers once per run
 * and the CLI once per command; for the system clock refreshing costs nothing.
 */
export interface Clock {
  readonly kind: 'system' | 'manual';
  now(): Date;
  refresh(): Promise<Date>;
}

export class SystemClock implements Clock {
  readonly kind = 'system' as const;
  now(): Date {
    return new Date();
  }
  async refresh(): Promise<Date> {
    return this.now();
  }
}

/**
 * Real time, whatever the test clock says. Timestamps that another system checks against its own
 * clock (webhook signatures, carrier signatures) use it: a receiver does not know our test time.
 */
export const realClock: Clock = new SystemClock();

const instantOf = (state: TestClockState) =>
  new Date((state.frozen_at === null ? Date.now() : Date.parse(state.frozen_at)) + state.offset_ms);

/**
 * The test clock. Shared through the database (`app_meta` row `test_clock`) when given one: every
 * node and the CLI see the same time, a restart keeps it, and it can be set to an exact instant and
 * frozen. Without a database (the OpenAPI generator, a bench) it lives in this process only.
 *
 * Changes apply to this process at once and are written in order behind it; `refresh()` waits for
 * them, so the next request (or `await refresh()`) sees the shared state.
 */
export class ManualClock implements Clock {
  readonly kind = 'manual' as const;
  readonly #db: Db | undefined;
  /** Stored when the database has no state yet (the first node to start decides). */
  readonly #initial: TestClockState;
  #state: TestClockState;
  /** Database work runs one at a time, in the order it was asked for. */
  #tail: Promise<unknown> = Promise.resolve();
  #stored = false;
  /** Local changes made so far: a state read before the latest change is stale. */
  #changes = 0;
  #reading: Promise<void> | undefined;
  /** A background write's failure, thrown by the next refresh. */
  #failure: { error: unknown } | undefined;

  /** Starts at the real time, or frozen at `start` (tests), unless `db` already holds a state. */
  constructor(start?: Date, options: { db?: Db } = {}) {
    this.#initial = { offset_ms: 0, frozen_at: start ? start.toISOString() : null };
    this.#state = { ...this.#initial };
    this.#db = options.db;
  }

  now(): Date {
    return instantOf(this.#state);
  }

  get frozen(): boolean {
    return this.#state.frozen_at !== null;
  }

  async refresh(): Promise<Date> {
    if (this.#db) {
      // Callers that arrive while a read waits its turn share it; once it runs, they queue anew.
      let reading = this.#reading;
      if (!reading) {
        const read = this.#queue((db) => {
          this.#reading = undefined;
          return readTestClock(db);
        });
        reading = read.finally(() => {
          if (this.#reading === reading) this.#reading = undefined;
        });
        this.#reading = reading;
      }
      await reading;
    }
    const failure = this.#failure;
    if (failure) {
      this.#failure = undefined;
      throw failure.error;
    }
    return this.now();
  }

  advance(seconds: number): Date {
    const ms = Math.round(seconds * 1000);
    this.#state = { ...this.#state, offset_ms: this.#state.offset_ms + ms };
    this.#write((db) => advanceTestClock(db, ms));
    return this.now();
  }

  /**
   * Sets the clock to `now` (or keeps the current instant), frozen there or running on from it.
   */
  set(to: { frozen: boolean; now?: Date | undefined }): Date {
    const at = (to.now ?? this.now()).getTime();
    const state: TestClockState = to.frozen
      ? { offset_ms: 0, frozen_at: new Date(at).toISOString() }
      : { offset_ms: at - Date.now(), frozen_at: null };
    this.#state = state;
    this.#write((db) => writeTestClock(db, state));
    return this.now();
  }

  #write(op: (db: Db) => Promise<TestClockState | null>): void {
    this.#changes++;
    this.#queue(op).catch((error: unknown) => {
      this.#failure = { error };
    });
  }

  #queue(op: (db: Db) => Promise<TestClockState | null>): Promise<void> {
    const db = this.#db;
    if (!db) return Promise.resolve();
    const changes = this.#changes;
    const run = this.#tail.then(async () => {
      if (!this.#stored) {
        await insertTestClockIfAbsent(db, this.#initial);
        this.#stored = true;
      }
      const stored = await op(db);
      if (stored && this.#changes === changes) this.#state = stored;
    });
    this.#tail = run.catch(() => {});
    return run;
  }
}
