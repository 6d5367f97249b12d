import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { createBlobStorage } from './adapters/storage.ts';
import { checkCredentials, outsideParties } from './app/providers.ts';
import { rotateKey } from './app/signing-keys.ts';
import { sweepDeadlines } from './app/sweep-deadlines.ts';
import { verifyRecords } from './app/verify-records.ts';
import { startWorkers } from './app/workers.ts';
import { BundleInputError, verifyBundleFile } from './bundle/read-bundle-files.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import type { Database } from './db/database.ts';
import { EmbeddedPostgresError } from './db/embedded-postgres.ts';
import { migrate } from './db/migrate.ts';
import { hasSellers } from './db/users.ts';
import { seedBulkCases } from './demo/bulk-cases.ts';
import { formatDemoLogins, seedDemo, seedDemoOnFirstStart } from './demo/seed-demo.ts';
import { buildApp } from './http/app.ts';
import { ensureWebBuilt } from './http/web-assets.ts';
import { createLogger, type Logger, stdoutDestination } from './logger.ts';
import { clockFor, openConfiguredDatabase } from './runtime.ts';

const HELP = `sendback: returns, refunds and disputes for marketplaces

Usage: sendback <command> [options]

Commands:
  serve      run the API and UI (applies pending migrations first)
  migrate    apply pending database migrations and exit
  verify     check every case's event chain and state, every thread's message chain, the
             wallet ledger and the refund caps; exits 1 if anything is broken
  verify-bundle FILE [--jwks FILE|URL]
             check a case bundle (GET /v1/returns/{id}/bundle) offline: its signature, every
             hash link, every attachment's bytes, the policy versions, and a replay of its
             events; --jwks takes the platform's published keys (/.well-known/jwks.json);
             needs no database; exits 1 naming the first break, 3 when it holds but was
             checked only with the key the bundle carries (no --jwks)
  rotate-signing-key
             make a new key for signing case bundles; the old one stays published
  verify --replay
             also re-derive every automatic decision (auto-approval and returnless rules,
             deadline expiries) from the policy version it names and the case's events, and
             report any the policy would not have made
  sweep      apply every overdue deadline and send due reminders once, then exit
  seed-demo  add demo shops, buyers, orders and cases in every state; print the logins
             (serve does this by itself on the first start of the embedded database)
  seed-demo --cases N [--sellers S]
             bulk-load N historical cases over S shops (default 1000), for benchmarks

Options:
  -h, --help show this help

Configuration comes from the environment (see README): PORT, HOST, DATABASE_URL,
SENDBACK_DATA_DIR, SENDBACK_PG_USER, LOG_LEVEL, SENDBACK_CLOCK, SENDBACK_ADMIN_TOKEN.
`;

/** Where the database is, for log lines. */
const databaseOf = (database: Database) => (database.embedded ? 'embedded' : 'DATABASE_URL');

/** Databases this process has open: a signal before `serve` is up (or during a CLI run) closes them. */
const opened = new Set<Database>();
/** Set once `serve` listens: its graceful shutdown. */
let stopServing: ((signal: string) => void) | null = null;

function onSignal(signal: NodeJS.Signals): void {
  if (stopServing) {
    stopServing(signal);
    return;
  }
  // Closing releases the embedded PostgreSQL: stopped if this process started it and nobody
  // else uses it, never left running behind an interrupted command.
  void Promise.allSettled([...opened].map((d) => d.close())).finally(() =>
    process.exit(signal === 'SIGINT' ? 130 : 143),
  );
}

/** What opening the embedded server tells a person (first start, adoption) goes to the log. */
async function openFor(config: Config, logger: Logger, supervise = false): Promise<Database> {
  const database = await openConfiguredDatabase(config, {
    supervise,
    log: (msg) => logger.info(msg),
  });
  opened.add(database);
  return {
    ...database,
    close: async () => {
      opened.delete(database);
      await database.close();
    },
  };
}

/**
 * `seed-demo --if-empty` in a child process (through the same embedded server): the seed loads
 * image libraries (sharp) that would otherwise stay in the server's memory for good. Resolves to
 * the demo logins it printed, or null when another process seeded first.
 */
function seedInChild(): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, process.argv[1] ?? '', 'seed-demo', '--if-empty'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`seeding the demo data failed (exit code ${code})`));
      // Its log lines (JSON) join this process's log; the logins are the rest.
      const lines = out.split('\n');
      for (const line of lines) if (line.startsWith('{')) process.stdout.write(`${line}\n`);
      const logins = out
        .split('\n')
        .filter((line) => !line.startsWith('{'))
        .join('\n')
        .trim();
      resolve(logins ? logins : null);
    });
  });
}

/** A provider that refuses its key stops the start, naming the variable to fix. */
async function checkProviders(config: Config, logger: Logger): Promise<void> {
  const { refused, unreachable } = await checkCredentials(
    config.providers,
    outsideParties(config.providers),
  );
  for (const u of unreachable) {
    logger.warn({ provider: u.provider, error: u.error }, 'provider unreachable at start');
  }
  if (refused.length) throw new ConfigError(refused);
}

async function serve(config: Config, logger: Logger): Promise<void> {
  await checkProviders(config, logger);
  const database = await openFor(config, logger, true);
  let app: Awaited<ReturnType<typeof buildApp>>;
  let demo: string | null = null;
  let clock: ReturnType<typeof clockFor>;
  try {
    const result = await migrate(database.db);
    logger.info({ applied: result.applied, database: databaseOf(database) }, 'migrations checked');
    clock = clockFor(config, database.db);
    // The embedded database is how people try Sendback: its first start brings demo data.
    if (database.embedded && !(await hasSellers(database.db))) demo = await seedInChild();
    if (demo) logger.info('demo data seeded');
    await ensureWebBuilt((msg) => process.stdout.write(`${msg}\n`));
    app = await buildApp({ config, database, clock, logger });
  } catch (err) {
    await database.close();
    throw err;
  }
  const workers = config.workers ? startWorkers({ db: database.db, clock, config, logger }) : null;

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Workers finish their current run; app.close stops accepting, lets in-flight requests finish,
    // then closes the database (onClose).
    Promise.resolve(workers?.stop())
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  stopServing = shutdown;

  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await workers?.stop();
    await app.close();
    throw err;
  }
  const url = address.replace('[::1]', 'localhost');
  logger.info({ url, database: databaseOf(database) }, 'sendback is listening');
  process.stdout.write(`\nSendback is running at ${url}  (API docs: ${url}/docs)\n\n`);
  if (demo) process.stdout.write(`${demo}\n`);
}

async function runMigrate(config: Config, logger: Logger): Promise<void> {
  const database = await openFor(config, logger);
  try {
    const result = await migrate(database.db);
    logger.info({ ...result, database: databaseOf(database) }, 'migrations applied');
    process.stdout.write(`Applied ${result.applied} of ${result.total} migrations.\n`);
  } finally {
    await database.close();
  }
}

async function runSweep(config: Config, logger: Logger): Promise<void> {
  const database = await openFor(config, logger);
  try {
    await migrate(database.db);
    const swept = await sweepDeadlines(database.db, clockFor(config, database.db), {
      log: (err, id) => logger.error({ err, case_id: id }, 'expiry failed'),
    });
    logger.info(swept, 'sweep done');
    process.stdout.write(
      `Expired ${swept.expired} overdue cases (${swept.errors} refused); ` +
        `${swept.notifications} reminders sent.\n`,
    );
  } finally {
    await database.close();
  }
}

async function runVerify(config: Config, logger: Logger, replay: boolean): Promise<number> {
  const database = await openFor(config, logger);
  try {
    const report = await verifyRecords(database.db, { replay });
    process.stdout.write(
      `Checked ${report.cases} cases (${report.events} events), ${report.threads} threads ` +
        `(${report.messages} messages), the wallet ledger and the refund caps` +
        (replay ? `; re-derived ${report.decisions} automatic decisions.\n` : '.\n'),
    );
    if (!report.problems.length) {
      process.stdout.write('All records verify.\n');
      return 0;
    }
    process.stdout.write(`${report.problems.length} problem(s):\n`);
    for (const p of report.problems) {
      process.stdout.write(`  ${p.kind}  ${p.subject}  ${p.detail}\n`);
    }
    return 1;
  } finally {
    await database.close();
  }
}

async function runVerifyBundle(file: string | undefined, jwks: unknown): Promise<number> {
  if (!file || (jwks !== undefined && typeof jwks !== 'string')) {
    process.stderr.write('Usage: sendback verify-bundle FILE [--jwks FILE|URL]\n');
    return 2;
  }
  try {
    const { lines, exitCode } = await verifyBundleFile(file, jwks);
    process.stdout.write(`${lines.join('\n')}\n`);
    return exitCode;
  } catch (err) {
    if (!(err instanceof BundleInputError)) throw err;
    process.stderr.write(`sendback: ${err.message}\n`);
    return 2;
  }
}

async function runRotateKey(config: Config, logger: Logger): Promise<void> {
  const database = await openFor(config, logger);
  try {
    await migrate(database.db);
    const now = await clockFor(config, database.db).refresh();
    const { current, retired } = await rotateKey(database.db, now);
    logger.info({ kid: current.kid, retired: retired?.kid ?? null }, 'signing key rotated');
    process.stdout.write(
      `Bundles are now signed with ${current.kid}.` +
        (retired ? ` ${retired.kid} stays published, valid until ${retired.valid_until}.` : '') +
        '\n',
    );
  } finally {
    await database.close();
  }
}

async function runSeedDemo(
  config: Config,
  logger: Logger,
  args: {
    cases?: string | boolean | undefined;
    sellers?: string | boolean | undefined;
    'if-empty'?: string | boolean | undefined;
  },
): Promise<number> {
  // A positive whole number, or undefined when the option is absent; null when it is invalid.
  const count = (value: string | boolean | undefined) => {
    if (value === undefined) return undefined;
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 0;
    return Number.isSafeInteger(n) && n >= 1 ? n : null;
  };
  const cases = count(args.cases);
  const sellers = count(args.sellers);
  if (cases === null || sellers === null) {
    process.stderr.write('--cases and --sellers take a whole number of at least 1\n');
    return 1;
  }
  const database = await openFor(config, logger);
  try {
    await migrate(database.db);
    const now = await clockFor(config, database.db).refresh();
    if (args['if-empty']) {
      // What serve runs on the embedded database's first start: nothing once there are shops.
      const demo = await seedDemoOnFirstStart(database.db, now, createBlobStorage(config));
      if (demo) process.stdout.write(formatDemoLogins(demo));
      return 0;
    }
    if (cases === undefined) {
      const demo = await seedDemo(database.db, now, { storage: createBlobStorage(config) });
      process.stdout.write(demo ? formatDemoLogins(demo) : 'The demo data was already seeded.\n');
      return 0;
    }
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const result = await seedBulkCases(database.db, cases, now, {
      ...(sellers ? { sellers } : {}),
      // Two batches at once: one loads while the other commits.
      parallel: 2,
      log: (msg) => process.stdout.write(`[${seconds().toFixed(1)} s] ${msg}\n`),
    });
    logger.info({ ...result, seconds: seconds() }, 'bulk cases loaded');
    process.stdout.write(
      `Loaded ${result.cases} cases (${result.events} events) over ${result.sellers} sellers in ` +
        `${seconds().toFixed(1)} s: ${Math.round(result.cases / seconds())} cases/s.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      cases: { type: 'string' },
      sellers: { type: 'string' },
      'if-empty': { type: 'boolean' },
      jwks: { type: 'string' },
      replay: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 1;
  }
  // Offline: no configuration, no database.
  if (command === 'verify-bundle') return runVerifyBundle(positionals[1], values.jwks);

  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, stdoutDestination(config.logBufferBytes));
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  switch (command) {
    case 'serve':
      await serve(config, logger);
      return -1; // keep running
    case 'migrate':
      await runMigrate(config, logger);
      return 0;
    case 'verify':
      return runVerify(config, logger, values.replay === true);
    case 'sweep':
      await runSweep(config, logger);
      return 0;
    case 'rotate-signing-key':
      await runRotateKey(config, logger);
      return 0;
    case 'seed-demo':
      return runSeedDemo(config, logger, values);
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${HELP}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    // A known failure (the embedded database could not start, say) is one line that says why.
    const known = err instanceof EmbeddedPostgresError;
    process.stderr.write(
      `sendback: ${known ? err.message : err instanceof Error ? err.stack : String(err)}\n`,
    );
    process.exit(1);
  },
);
