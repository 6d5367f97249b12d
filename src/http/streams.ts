import type { Principal } from '../app/principal.ts';

/** One open `GET /v1/stream` response. */
export interface LiveStream {
  readonly principal: Principal;
  send(event: string, data: string): void;
  /** Ends the response from the server's side. */
  end(event?: { name: string; data: string }): void;
}

export interface StreamRegistryOptions {
  /** Open streams one user may hold (on this node). */
  perUser: number;
  /** How often every open stream's credential is checked again. */
  recheckMs: number;
  /** Of these principals, the ones whose session or key no longer authenticates. */
  ended: (principals: Principal[]) => Promise<Set<Principal>>;
  onError: (err: unknown) => void;
}

/**
 * The streams open on this node, by user. A stream is authenticated once, when it opens, and then
 * lives for hours: every `recheckMs` the credentials of all open streams are checked again in one
 * query, and the streams whose session was logged out or expired, whose key was revoked or whose
 * user was disabled are closed.
 *
 * The per-user cap counts this node's streams only: a user can hold `perUser` streams on each
 * node. That bounds what one user costs any node (a socket and a timer per stream), which is the
 * point; a cluster-wide count would need a row per open stream that a crashed node leaves behind.
 */
export class StreamRegistry {
  readonly #byUser = new Map<string, Set<LiveStream>>();
  #timer: NodeJS.Timeout | undefined;
  #checking = false;

  constructor(private readonly options: StreamRegistryOptions) {}

  /** Adds a stream unless its user already holds the most allowed; false then. */
  tryAdd(stream: LiveStream): boolean {
    const userId = stream.principal.user_id;
    let mine = this.#byUser.get(userId);
    if (mine && mine.size >= this.options.perUser) return false;
    if (!mine) {
      mine = new Set();
      this.#byUser.set(userId, mine);
    }
    mine.add(stream);
    this.#timer ??= setInterval(() => void this.recheck(), this.options.recheckMs).unref();
    return true;
  }

  remove(stream: LiveStream): void {
    const userId = stream.principal.user_id;
    const mine = this.#byUser.get(userId);
    if (!mine?.delete(stream)) return;
    if (!mine.size) this.#byUser.delete(userId);
    if (!this.#byUser.size && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  *[Symbol.iterator](): IterableIterator<LiveStream> {
    for (const mine of this.#byUser.values()) yield* mine;
  }

  /** Ends every stream (shutdown): clients reconnect to another node. */
  endAll(): void {
    for (const stream of [...this]) {
      stream.end();
      this.remove(stream);
    }
  }

  /** Closes the streams whose credential has ended. Runs on the timer; tests may call it. */
  async recheck(): Promise<void> {
    if (this.#checking) return;
    this.#checking = true;
    try {
      const streams = [...this];
      if (!streams.length) return;
      const ended = await this.options.ended(streams.map((s) => s.principal));
      for (const stream of streams) {
        if (!ended.has(stream.principal)) continue;
        stream.end({ name: 'end', data: JSON.stringify({ reason: 'credential_ended' }) });
        this.remove(stream);
      }
    } catch (err) {
      // A failed check (the database restarting) keeps the streams until the next one.
      this.options.onError(err);
    } finally {
      this.#checking = false;
    }
  }
}
