import { createHash } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { CapturedStatement } from '../server.ts';
import { since } from './stats.ts';
import type { BenchOrder } from './world.ts';

/**
 * The raw-SQL ceiling: the statements the app sent to the database for one lifecycle (captured in
 * the server), replayed without HTTP, Fastify, zod or the domain. Each replay runs on its own
 * order: the ids and secrets of the captured lifecycle's order, shop, people, tracking number and
 * carrier event are swapped for the replay's, and every id the lifecycle created (case, events,
 * messages, refund, ...) for a fresh one of the same kind, in parameters and JSON alike, so every
 * statement does the same work (same rows found, same rows written, same constraints checked).
 */

export interface Step {
  name: string;
  statements: CapturedStatement[];
}

/** What is specific to one lifecycle besides the ids it creates. */
export interface Subject {
  order: BenchOrder;
  trackingNumber: string;
  carrierEventId: string;
}

/** Kinds of ids a lifecycle creates; each gets a fresh id per replay. */
const CREATED = new Set(['ret', 'evt', 'msg', 'rfd', 'cev', 'whd', 'ntf', 'ltx', 'ent', 'acc']);
const ID = '[a-z]{3}_[0-9a-z]{26}';

function bindings(s: Subject): string[] {
  return [
    s.order.id,
    ...s.order.lineIds,
    s.order.sellerId,
    s.order.buyer.id,
    s.order.buyer.keyHash,
    s.order.buyer.keyId,
    s.order.staff.id,
    s.order.staff.keyHash,
    s.order.staff.keyId,
    s.trackingNumber,
    s.carrierEventId,
  ];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class LifecycleTemplate {
  readonly statements: CapturedStatement[];
  readonly names: Map<string, string>;
  private readonly captured: string[];
  private readonly pattern: RegExp;
  private readonly nextUlid = monotonicFactory();
  /** Id-shaped tokens that are neither bound nor created: reported, left as they are. */
  readonly unmapped = new Set<string>();

  constructor(
    readonly steps: Step[],
    subject: Subject,
  ) {
    this.statements = steps.flatMap((s) => s.statements);
    this.captured = bindings(subject);
    const explicit = this.captured.filter((t) => !new RegExp(`^${ID}$`).test(t)).map(escapeRegExp);
    this.pattern = new RegExp([...explicit, ID].join('|'), 'g');
    this.names = new Map(
      this.statements.map((s) => [
        s.text,
        `q${createHash('sha1').update(s.text).digest('hex').slice(0, 16)}`,
      ]),
    );
    for (const s of this.statements) {
      for (const text of [s.text, ...s.values]) {
        for (const m of (text ?? '').matchAll(new RegExp(ID, 'g'))) {
          if (!this.captured.includes(m[0]) && !CREATED.has(m[0].slice(0, 3))) {
            this.unmapped.add(m[0]);
          }
        }
      }
    }
  }

  get transactions(): number {
    return this.statements.filter((s) => /^\s*begin/i.test(s.text)).length;
  }

  /** The statements of one replay on `subject`: the same SQL with this lifecycle's ids. */
  bind(subject: Subject): CapturedStatement[] {
    const map = new Map<string, string>();
    const mine = bindings(subject);
    for (const [i, token] of this.captured.entries()) map.set(token, mine[i]!);
    const now = Date.now();
    const swap = (text: string) =>
      text.replace(this.pattern, (token) => {
        let to = map.get(token);
        if (to === undefined) {
          const kind = token.slice(0, 3);
          if (!CREATED.has(kind)) return token;
          to = `${kind}_${this.nextUlid(now).toLowerCase()}`;
          map.set(token, to);
        }
        return to;
      });
    return this.statements.map((s) => ({
      ...s,
      values: s.values.map((v) => (v === null ? null : swap(v))),
    }));
  }
}

/** Runs statements one after another on one connection. */
export interface Executor {
  run(statement: CapturedStatement, name: string | undefined): Promise<unknown>;
  /** Statements the app sent together (src/db/client.ts), sent together again. */
  together?(runs: (() => Promise<unknown>)[]): Promise<unknown[]>;
  close(): Promise<void>;
}

/** Whether a captured statement went out with the one before it (a `begin` rides on the next). */
const ridesBehind = (s: CapturedStatement) => s.carried === true && !/^\s*begin\s*$/i.test(s.text);

export interface ReplayResult {
  lifecycles: number;
  seconds: number;
  perSecond: number;
  latencies: number[];
}

/**
 * `connections` executors each replay lifecycles back to back, one order each, until `count`
 * lifecycles are done (or `maxSeconds` pass).
 */
export async function replay(
  template: LifecycleTemplate,
  executors: Executor[],
  subjects: Subject[],
  options: { prepared: boolean; maxSeconds: number },
): Promise<ReplayResult> {
  let next = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.maxSeconds * 1000;
  let failed = false;
  await Promise.all(
    executors.map(async (executor) => {
      while (!failed && next < subjects.length && Date.now() < deadline) {
        const subject = subjects[next++]!;
        const statements = template.bind(subject);
        const t0 = process.hrtime.bigint();
        let claimed: string[] | null = null;
        for (let i = 0; i < statements.length; i++) {
          let s = statements[i]!;
          if (claimed) {
            // The worker's claim: the UPDATE takes the ids its SELECT ... SKIP LOCKED returned
            // (whichever refunds were due and free), as executeDueRefunds does; none: no UPDATE.
            if (!claimed.length) {
              claimed = null;
              continue;
            }
            const ids = claimed;
            s = { ...s, values: s.values.map((v) => (v && /^rfd_/.test(v) ? ids.shift()! : v)) };
            claimed = null;
          }
          // As the app sends them: named where the app names them (its prepared queries);
          // prepared: every statement with parameters named.
          const nameOf = (x: CapturedStatement) =>
            (options.prepared ? x.values.length > 0 : x.prepared)
              ? template.names.get(x.text)
              : undefined;
          // The statements the app pipelined behind this one go with it.
          const behind: CapturedStatement[] = [];
          while (
            executor.together &&
            i + 1 < statements.length &&
            ridesBehind(statements[i + 1]!)
          ) {
            behind.push(statements[++i]!);
          }
          try {
            const result = behind.length
              ? (
                  await executor.together!([
                    () => executor.run(s, nameOf(s)),
                    ...behind.map((b) => () => executor.run(b, nameOf(b))),
                  ])
                )[0]
              : await executor.run(s, nameOf(s));
            if (/skip locked/i.test(s.text) && /from "refunds"/.test(s.text)) {
              claimed = (result as { rows: { id: string }[] }).rows.map((r) => r.id);
            }
          } catch (err) {
            failed = true;
            throw new Error(
              `replay failed on statement ${i} of ${statements.length} ${s.text.slice(0, 200)}: ${(err as Error).message}`,
            );
          }
        }
        latencies.push(since(t0));
      }
    }),
  );
  const seconds = since(started) / 1000;
  return {
    lifecycles: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    latencies,
  };
}
