import pg from 'pg';
import { statementNameFor } from './prepared.ts';

/**
 * The part of node-postgres's connection and client this file drives. They are not in its type
 * declarations; `test/db/client.test.ts` runs them against a real PostgreSQL, so an upgrade that
 * changes them fails there.
 */
interface Wire {
  parse(message: { text: string }): void;
  bind(message: Record<string, never>): void;
  execute(message: Record<string, never>): void;
  stream: { cork?: () => void; uncork?: () => void };
}
interface ClientInternals {
  _getActiveQuery(): unknown;
  _handleParseComplete(): void;
}

type QueryConfig = { text: string; name?: string; values?: unknown[]; submit?: unknown };

/** What `begin`, `commit` and `rollback` answer when they never went to the server. */
const answered = (command: string) => ({
  command,
  rowCount: null,
  oid: null,
  rows: [],
  fields: [],
});

/** The text of a statement sent without parameters, or null for anything else. */
function bareText(config: unknown, values: unknown): string | null {
  if (Array.isArray(values) && values.length > 0) return null;
  if (typeof config === 'string') return config;
  const c = config as QueryConfig;
  if (c.name !== undefined || (c.values?.length ?? 0) > 0) return null;
  return c.text;
}

/**
 * Whether a query is a plain one: text (or a config with text), optional values, no callback, no
 * custom query object (pg-cursor, COPY streams), no paging by rows.
 */
function isPlain(args: unknown[]): boolean {
  const [config, values] = args;
  if (args.length > 2 || (values !== undefined && !Array.isArray(values))) return false;
  if (typeof config === 'string') return true;
  if (config === null || typeof config !== 'object') return false;
  const c = config as QueryConfig & { rows?: unknown; callback?: unknown };
  return (
    typeof c.text === 'string' &&
    c.submit === undefined &&
    c.rows === undefined &&
    c.callback === undefined
  );
}

/** pg's own checks before it writes a query (Query#submit), made before `begin` is written. */
function refusedByPg(query: pg.Query, connection: pg.Connection): boolean {
  const q = query as unknown as QueryConfig;
  const wire = connection as unknown as {
    parsedStatements: Record<string, string>;
    submittedNamedStatements: Record<string, string>;
  };
  const previous = q.name
    ? (wire.parsedStatements[q.name] ?? wire.submittedNamedStatements[q.name])
    : undefined;
  return (
    (typeof q.text !== 'string' && typeof q.name !== 'string') ||
    (previous !== undefined && q.text !== previous) ||
    (q.values !== undefined && !Array.isArray(q.values))
  );
}

/**
 * The answer to `query` as a promise; `onError` sees a failure first (synchronously, when pg fails
 * the query before writing it).
 */
function answerOf(query: pg.Query, onError?: (err: Error) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    (query as unknown as { callback: (err: Error | null, res: unknown) => void }).callback = (
      err,
      res,
    ) => {
      if (!err) return resolve(res);
      onError?.(err);
      reject(err);
    };
  });
}

/** pg's result class (exported by pg, not in its type declarations). */
const PgResult = (pg as unknown as { Result: new (rowMode?: string, types?: unknown) => unknown })
  .Result;

/** A named statement's rows as PostgreSQL described them, and the parsers worked out for them. */
interface Shape {
  fields: unknown[];
  parsers: unknown[] | undefined;
  types: unknown;
}
type ResultInternals = { fields: unknown[]; _parsers: unknown[] | undefined };
type QueryInternals = {
  _result: ResultInternals;
  _accumulateRows: boolean;
  callback?: unknown;
};

/**
 * A statement that asks PostgreSQL to describe its rows only the first time it runs on a
 * connection under its name: pg sends a Describe with every execution and parses the answer, and
 * works out a parser per column, each time (`Result#addFields`). The rows of a named statement
 * cannot change shape behind its back (PostgreSQL refuses to run a prepared statement whose
 * result type changed, "cached plan must not change result type"), so the first description
 * holds for every later run on that connection.
 */
class DescribedOnce extends pg.Query {
  // pg's own fields (not in its type declarations).
  declare name: string | undefined;
  declare types: unknown;
  declare binary: boolean | undefined;
  /** The connection's shapes by statement name (the client's own map). */
  shapes: Map<string, Shape> | undefined;

  /**
   * The statement `config` describes. pg's Query copies a config object it is given, property
   * descriptors and all (2 % of the server's CPU in the lifecycle benchmark): this one is given
   * the text alone, and the rest is set as pg's constructor sets it.
   */
  static from<T extends DescribedOnce>(
    this: new (
      config: string | pg.QueryConfig,
      values?: unknown[],
    ) => T,
    config: pg.QueryConfig & {
      rowMode?: string;
      binary?: boolean;
      queryMode?: string;
      rows?: unknown;
      portal?: unknown;
      callback?: unknown;
    },
    values?: unknown[],
  ): T {
    // What pg's constructor reads that is not set below: it takes the config as it is.
    if (config.rows !== undefined || config.portal !== undefined || config.callback !== undefined) {
      return new this(config, values);
    }
    const query = new this(config.text, values ?? config.values);
    query.name = config.name;
    query.types = config.types;
    query.binary = config.binary;
    const self = query as unknown as QueryInternals & Record<string, unknown>;
    self['queryMode'] = config.queryMode;
    self['_rowMode'] = config.rowMode;
    if (config.rowMode !== undefined || config.types !== undefined) {
      const result = new PgResult(config.rowMode, config.types) as ResultInternals;
      self._result = result;
      self['_results'] = result;
    }
    return query;
  }
  #described = false;
  /** Puts the connection's Describe back, while this statement's is held back. */
  #restoreDescribe: (() => void) | undefined;

  prepare(connection: pg.Connection): void {
    const prepare = (pg.Query.prototype as unknown as { prepare(c: pg.Connection): void }).prepare;
    const name = this.name;
    // Rows asked for in binary are parsed by other parsers: those are described every time.
    const shape = name && !this.binary ? this.shapes?.get(name) : undefined;
    const wire = connection as unknown as { describe(message: unknown): void };
    if (
      !shape ||
      !(this as unknown as { hasBeenParsed(c: unknown): boolean }).hasBeenParsed(connection)
    ) {
      prepare.call(this, connection);
      return;
    }
    this.#adoptShape(shape);
    // pg's own prepare (bind, execute, sync), without the Describe. A failure to encode a value
    // answers the caller from inside it (handleError): the Describe is put back first, so nothing
    // the caller sends then goes without its own.
    const describe = wire.describe;
    wire.describe = () => {};
    this.#restoreDescribe = () => {
      wire.describe = describe;
      this.#restoreDescribe = undefined;
    };
    try {
      prepare.call(this, connection);
    } finally {
      this.#restoreDescribe?.();
    }
  }

  handleError(err: Error, connection: pg.Connection): void {
    this.#restoreDescribe?.();
    (pg.Query.prototype as unknown as DescribedOnceBase).handleError.call(this, err, connection);
  }

  #adoptShape(shape: Shape): void {
    const self = this as unknown as QueryInternals;
    self._result.fields = shape.fields;
    self._result._parsers = shape.types === this.types ? shape.parsers : undefined;
    if (!self._result._parsers && shape.fields.length) {
      (self._result as unknown as { addFields(f: unknown[]): void }).addFields(shape.fields);
    }
    self._accumulateRows = Boolean(self.callback) || this.listenerCount('row') === 0;
    this.#described = true;
  }

  handleRowDescription(message: { fields: unknown[] }): void {
    (pg.Query.prototype as unknown as DescribedOnceBase).handleRowDescription.call(this, message);
    this.#described = true;
    if (this.name) {
      const result = (this as unknown as QueryInternals)._result;
      this.shapes?.set(this.name, {
        fields: message.fields,
        parsers: result._parsers,
        types: this.types,
      });
    }
  }

  handleCommandComplete(message: unknown, connection: pg.Connection): void {
    // No row description before the rows' end: PostgreSQL described none (NoData).
    if (!this.#described && this.name && this.shapes && !this.shapes.has(this.name)) {
      this.shapes.set(this.name, { fields: [], parsers: [], types: this.types });
    }
    this.#described = true;
    (pg.Query.prototype as unknown as DescribedOnceBase).handleCommandComplete.call(
      this,
      message,
      connection,
    );
  }
}
type DescribedOnceBase = {
  handleError(e: Error, c: pg.Connection): void;
  handleRowDescription(m: unknown): void;
  handleCommandComplete(m: unknown, c: pg.Connection): void;
};

/**
 * A statement with `begin` in front of it, in the same write and the same round trip: Parse,
 * Bind and Execute of `begin`, then the statement's own messages and one Sync. PostgreSQL runs
 * them in order; if `begin` fails, it skips the statement. The answer to `begin` (its parse and
 * its command tag) is not part of the statement's result.
 */
class AfterBegin extends DescribedOnce {
  readonly beginsTransaction = true;
  #beginParsed = false;
  #beginDone = false;

  // pg's Query#submit answers an Error it refuses a query with, or null; its types say void.
  // PipelinedClient#query sends one only when refusedByPg says pg will write it.
  override submit = ((connection: pg.Connection): unknown => {
    const submit = pg.Query.prototype.submit as unknown as (c: pg.Connection) => unknown;
    const wire = connection as unknown as Wire;
    wire.stream.cork?.();
    try {
      wire.parse({ text: 'begin' });
      wire.bind({});
      wire.execute({});
      return submit.call(this, connection);
    } finally {
      wire.stream.uncork?.();
    }
  }) as (connection: pg.Connection) => void;

  /** Whether a ParseComplete is the one for `begin` (the client then leaves it alone). */
  takeBeginParse(): boolean {
    if (this.#beginParsed) return false;
    this.#beginParsed = true;
    return true;
  }

  override handleCommandComplete(message: unknown, connection: pg.Connection): void {
    if (!this.#beginDone) {
      this.#beginDone = true;
      return;
    }
    super.handleCommandComplete(message, connection);
  }
}

/**
 * A connection that saves a round trip on every transaction: `begin` is held back and goes out
 * with the transaction's first statement (AfterBegin). A transaction that ends before any
 * statement sends nothing at all. A statement without parameters (PostgreSQL's simple protocol,
 * which a text of several statements needs) gets `begin;` in front of its text instead; one given
 * a callback, or a custom query object, goes after a `begin` of its own, as before.
 *
 * Every write to PostgreSQL's socket costs the server a system call that wakes the database's
 * process, about 0.1 ms of CPU on the benchmark machines: a lifecycle's seven transactions save
 * seven of them (bench/RESULTS.md).
 */
export class PipelinedClient extends pg.Client {
  #beginHeld = false;
  /** Between `begin` and `commit` or `rollback`, as this client sent them (or held them back). */
  #inTransaction = false;
  /** A statement to go out with the transaction's first one (withFirstStatement). */
  #first: QueryConfig | undefined;
  /** Writes sent ahead whose answers are not awaited yet (sendAhead), and whether pipeline mode was turned on for them. */
  #ahead: Promise<unknown> | undefined;
  #leavePipeline = false;
  /** The error of a write sent ahead that failed before PostgreSQL saw it (so it aborted nothing). */
  #unsent: unknown;
  /** What this connection's named statements answer, as first described (DescribedOnce). */
  readonly #shapes = new Map<string, Shape>();

  /** The config a statement is sent with (NamingClient names it). */
  protected configOf(config: QueryConfig): QueryConfig {
    return config;
  }

  override query(...args: unknown[]): never {
    const plain = isPlain(args);
    const text = plain ? bareText(args[0], args[1])?.trim().toLowerCase() : undefined;
    if (this.#ahead && plain) return this.#behindAhead(args, text);
    return this.#dispatch(args, plain, text);
  }

  #dispatch(args: unknown[], plain: boolean, text: string | undefined): never {
    if (!this.#beginHeld) {
      if (text === 'begin') {
        this.#beginHeld = true;
        this.#inTransaction = true;
        return Promise.resolve(answered('BEGIN')) as never;
      }
      if (text === 'commit' || text === 'rollback') this.#inTransaction = false;
      return this.send(args);
    }
    const first = this.#first;
    if (first) {
      this.#first = undefined;
      if (text === 'rollback') {
        this.#beginHeld = false;
        this.#inTransaction = false;
        return Promise.resolve(answered('ROLLBACK')) as never;
      }
      // The statement given first goes out with `begin`; the caller's one behind it, in the same
      // write (or, for a commit, once it has been answered).
      const preceding = () => this.query(first) as unknown as Promise<unknown>;
      if (text === 'commit') return preceding().then(() => this.query(...args)) as never;
      if (!plain) {
        // A callback or a custom query object cannot be pipelined: it follows, and fails with
        // the transaction if the first statement did.
        preceding().catch(() => {});
        return this.query(...args);
      }
      return this.together([preceding, () => this.query(...args)]).then(
        ([, result]) => result,
      ) as never;
    }
    this.#beginHeld = false;
    if (text === 'commit' || text === 'rollback') {
      this.#inTransaction = false;
      return Promise.resolve(answered(text.toUpperCase())) as never;
    }
    if (plain && text === undefined) {
      const [config, values] = args as [QueryConfig | string, unknown[] | undefined];
      const query = AfterBegin.from({
        ...(typeof config === 'string' ? { text: config } : config),
        ...(values ? { values } : {}),
      } as pg.QueryConfig);
      query.shapes = this.#shapes;
      // pg would refuse it before writing anything (a name reused for another text): then the
      // `begin` goes alone first, so nothing after it can run outside the transaction.
      if (!refusedByPg(query, (this as unknown as { connection: pg.Connection }).connection)) {
        const answer = answerOf(query);
        this.send([query]);
        return answer as never;
      }
    }
    if (plain && text !== undefined) {
      // A statement in the simple protocol: `begin` goes in the same Query message, so it too
      // costs no round trip, and PostgreSQL runs nothing of the text if `begin` fails. The
      // caller gets what the text alone would have answered.
      const [config] = args as [QueryConfig | string];
      const sent = typeof config === 'string' ? config : config.text;
      return (this.send([`begin;\n${sent}`]) as unknown as Promise<unknown>).then((results) => {
        const all = results as unknown[];
        return all.length === 2 ? all[1] : all.slice(1);
      }) as never;
    }
    // A callback or a custom query object: `begin` is sent first, alone, and it goes before it.
    (this.send(['begin']) as unknown as Promise<unknown>).catch(() => {});
    return this.send(args);
  }

  /**
   * Holds `statement` back to go out with this transaction's first statement, in the same write,
   * before it: if it fails, PostgreSQL aborts the transaction before the statement behind it runs,
   * and that statement's caller gets this one's error. A write authenticated from what the server
   * already knew checks its credential this way, at no extra round trip (src/http/auth.ts). Only
   * between `begin` and the first statement; a transaction rolled back before any statement drops
   * it, and one committed without any statement runs it before the commit.
   */
  withFirstStatement(statement: QueryConfig): void {
    if (!this.#beginHeld || this.#first) {
      throw new Error("withFirstStatement: only before a transaction's first statement");
    }
    this.#first = statement;
  }

  /**
   * The statement withFirstStatement holds, if its text is `text`, taken back: the caller checks
   * it inside this transaction's first statement instead, which it is about to send (a lock that
   * takes the check as a condition, src/db/users.ts). Undefined when none such is held.
   */
  takeFirstStatement(text: string): QueryConfig | undefined {
    const first = this.#first;
    if (!this.#beginHeld || first?.text !== text) return undefined;
    this.#first = undefined;
    return first;
  }

  /**
   * Sends a write of this transaction and returns without waiting for its answer (the promise
   * returned is that answer, for whoever wants it). The statements
   * after it, the commit included, go out at once (pg's pipeline mode), PostgreSQL runs them once
   * it is done, and their callers get their answers after its own: if it failed, PostgreSQL has
   * aborted the transaction, and the next statement's caller, and the commit's, get its error. So
   * a write a command's answer is read behind, or its commit, costs no round trip of its own. Its
   * checks must therefore be PostgreSQL's (Writes#expect): nothing that runs here on its answer
   * could stop the statements already sent behind it.
   */
  sendAhead(write: QueryConfig): Promise<unknown> {
    if (!this.#inTransaction) throw new Error('sendAhead: only in a transaction');
    const self = this as unknown as { pipeline: boolean; connection: Wire };
    // Refused before anything changes: the connection stays as it was.
    const query = this.#describedOnce(this.configOf({ ...write }));
    if (refusedByPg(query, self.connection as unknown as pg.Connection)) {
      throw new Error('sendAhead: pg refuses this statement (a name used for another text)');
    }
    if (!self.pipeline) {
      self.pipeline = true;
      this.#leavePipeline = true;
    }
    // What the caller sends next in this tick (the read behind, the commit) goes in the same write.
    this.#corkForTick();
    // Sent now, before it counts as ahead: only the statements after it wait for its answer.
    const sent = answerOf(query, (err) => {
      // A value pg could not encode fails the write here, at once, and PostgreSQL never sees it:
      // the transaction is not aborted, so a commit behind it must become a rollback.
      if (!(err instanceof pg.DatabaseError)) this.#unsent ??= err;
    });
    sent.catch(() => {});
    this.#dispatch([query], false, undefined);
    const ahead = this.#ahead ? Promise.all([this.#ahead, sent]) : sent;
    ahead.catch(() => {});
    this.#ahead = ahead;
    return sent;
  }

  /** A statement sent behind writes sent ahead: answered after them, with their error first. */
  #behindAhead(args: unknown[], text: string | undefined): never {
    const ahead = this.#ahead as Promise<unknown>;
    const ends = text === 'commit' || text === 'rollback';
    // A rollback to a savepoint undoes the writes sent ahead since; PostgreSQL carries on.
    const undoes = ends || text?.startsWith('rollback to savepoint') === true;
    const unsent = this.#unsent;
    if (undoes) {
      this.#ahead = undefined;
      this.#unsent = undefined;
    }
    if (ends) this.#inTransaction = false;
    // A write that never reached PostgreSQL must not be committed without it.
    const sent = this.#dispatch(
      text === 'commit' && unsent !== undefined ? ['rollback'] : args,
      true,
      text,
    ) as Promise<{ command?: string }>;
    const answer = Promise.allSettled([ahead, sent]).then(([before, own]) => {
      // A rollback's caller is already handling an error; it gets the rollback's own answer.
      if (before.status === 'rejected' && !(undoes && text !== 'commit')) throw before.reason;
      if (own.status === 'rejected') throw own.reason;
      // PostgreSQL answers a commit of an aborted transaction with ROLLBACK, and no error.
      if (text === 'commit' && own.value.command !== 'COMMIT') {
        throw new Error(`The transaction was rolled back (${own.value.command}).`);
      }
      return own.value;
    });
    if (!ends || !this.#leavePipeline) return answer as never;
    this.#leavePipeline = false;
    return answer.finally(async () => {
      await this.#answered();
      (this as unknown as { pipeline: boolean }).pipeline = false;
    }) as never;
  }

  /**
   * Runs `reads`, their statements sent together: in pg's pipeline mode, with the socket corked
   * until the current tick's work is done, the statements they issue now go out in one write.
   * PostgreSQL still runs them one after another, in the order sent (each with its own Sync), so
   * a later one sees what an earlier one did or locked. Waits for all of them; the first failure
   * (in the order given) is thrown.
   */
  async together<T extends unknown[]>(
    reads: {
      [K in keyof T]: () => Promise<T[K]>;
    },
  ): Promise<T> {
    const self = this as unknown as { pipeline: boolean };
    const nested = self.pipeline;
    self.pipeline = true;
    const uncork = this.#corkForTick();
    try {
      const settled = await Promise.allSettled(reads.map(async (read) => read()));
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as T;
    } finally {
      uncork();
      // Back to one statement at a time once every statement sent has been answered: one that
      // failed before it was written (a value pg cannot encode) is settled while still queued.
      if (!nested) {
        await this.#answered();
        self.pipeline = false;
      }
    }
  }

  /**
   * Corks the socket until the current tick's work is done, so what is sent meanwhile goes out in
   * one write. Answers a function that uncorks now (once; later calls do nothing).
   */
  #corkForTick(): () => void {
    const stream = (this as unknown as { connection: Wire }).connection.stream;
    stream.cork?.();
    let corked = true;
    const uncork = () => {
      if (!corked) return;
      corked = false;
      stream.uncork?.();
    };
    process.nextTick(uncork);
    return uncork;
  }

  /** Resolves when no statement of this connection awaits an answer (or the connection ends). */
  #answered(): Promise<void> {
    const internals = this as unknown as ClientInternals & { _sentQueryQueue: unknown[] };
    if (!internals._getActiveQuery() && internals._sentQueryQueue.length === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        this.off('drain', done);
        this.off('end', done);
        this.off('error', done);
        resolve();
      };
      this.on('drain', done);
      this.on('end', done);
      this.on('error', done);
    });
  }

  /**
   * A statement under a name goes as a DescribedOnce, whether answered by promise or by callback
   * (the pool's own `query`); anything else as given.
   */
  private send(args: unknown[]): never {
    const last = args.at(-1);
    const answeredBy = typeof last === 'function' ? last : undefined;
    const own = answeredBy ? args.slice(0, -1) : args;
    const [config, values] = own as [QueryConfig, unknown[] | undefined];
    if (
      isPlain(own) &&
      typeof config === 'object' &&
      typeof config.name === 'string' &&
      (config as { query_timeout?: unknown }).query_timeout === undefined
    ) {
      const query = this.#describedOnce(config, values);
      if (answeredBy) {
        (query as unknown as { callback: unknown }).callback = answeredBy;
        (super.query as (q: unknown) => void)(query);
        return undefined as never;
      }
      const answer = answerOf(query);
      (super.query as (q: unknown) => void)(query);
      return answer as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  #describedOnce(config: QueryConfig, values?: unknown[]): DescribedOnce {
    const query = DescribedOnce.from(config as pg.QueryConfig, values);
    query.shapes = this.#shapes;
    return query;
  }

  /** `begin`'s ParseComplete must not mark the statement behind it as prepared. */
  _handleParseComplete(): void {
    const active = (this as unknown as ClientInternals)._getActiveQuery();
    if (active instanceof AfterBegin && active.takeBeginParse()) return;
    (pg.Client.prototype as unknown as ClientInternals)._handleParseComplete.call(this);
  }
}

/**
 * A connection that runs every statement sent with parameters under a name given by its text
 * (statementNameFor): PostgreSQL parses and plans it once per connection. Statements that carry
 * their own name (preparedQuery) go as they are, and so do those without parameters (`begin`,
 * `commit`, savepoints, a migration's DDL): they plan in no time, and a text of several
 * statements cannot be prepared.
 */
export class NamingClient extends PipelinedClient {
  protected override configOf(config: QueryConfig): QueryConfig {
    if (
      typeof config.text === 'string' &&
      config.name === undefined &&
      (config.values?.length ?? 0) > 0 &&
      typeof config.submit !== 'function'
    ) {
      const name = statementNameFor(config.text);
      if (name) return { ...config, name };
    }
    return config;
  }

  override query(...args: unknown[]): never {
    const [config] = args;
    if (config !== null && typeof config === 'object')
      args[0] = this.configOf(config as QueryConfig);
    return super.query(...args);
  }
}
