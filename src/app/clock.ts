/**
 * The server's only notion of now. Use cases receive `now` from here and pass it to the domain.
 * The manual clock lets people walk deadlines end to end (SENDBACK_CLOCK=manual).
 */
export interface Clock {
  readonly kind: 'system' | 'manual';
  now(): Date;
}

export class SystemClock implements Clock {
  readonly kind = 'system' as const;
  now(): Date {
    return new Date();
  }
}

export class ManualClock implements Clock {
  readonly kind = 'manual' as const;
  #offsetMs = 0;
  #frozenAt: number | undefined;

  /** Starts at the real time, or frozen at `start` (tests). */
  constructor(start?: Date) {
    this.#frozenAt = start?.getTime();
  }

  now(): Date {
    return new Date((this.#frozenAt ?? Date.now()) + this.#offsetMs);
  }

  advance(seconds: number): Date {
    this.#offsetMs += seconds * 1000;
    return this.now();
  }
}
