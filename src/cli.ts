import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { createLogger, type Logger } from './logger.ts';
import { clockFor, openConfiguredDatabase } from './runtime.ts';

const HELP = `sendback: returns, refunds and disputes for marketplaces

Usage: sendback <command> [options]

Commands:
  serve      run the API and UI (applies pending migrations first)
  migrate    apply pending database migrations and exit

Options:
  -h, --help show this help

Configuration comes from the environment (see README): PORT, HOST, DATABASE_URL,
SENDBACK_DATA_DIR, LOG_LEVEL, SENDBACK_CLOCK, SENDBACK_ADMIN_TOKEN.
`;

async function serve(config: Config, logger: Logger): Promise<void> {
  const database = await openConfiguredDatabase(config);
  const result = await migrate(database.db);
  logger.info({ applied: result.applied, engine: database.engine }, 'migrations checked');
  const app = await buildApp({ config, database, clock: clockFor(config), logger });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // app.close stops accepting, lets in-flight requests finish, then closes the database (onClose).
    app.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('[::1]', 'localhost');
  logger.info({ url, engine: database.engine }, 'sendback is listening');
  process.stdout.write(`\nSendback is running at ${url}  (API docs: ${url}/docs)\n\n`);
}

async function runMigrate(config: Config, logger: Logger): Promise<void> {
  const database = await openConfiguredDatabase(config);
  try {
    const result = await migrate(database.db);
    logger.info({ ...result, engine: database.engine }, 'migrations applied');
    process.stdout.write(`Applied ${result.applied} of ${result.total} migrations.\n`);
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 1;
  }

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
  const logger = createLogger(config.logLevel);

  switch (command) {
    case 'serve':
      await serve(config, logger);
      return -1; // keep running
    case 'migrate':
      await runMigrate(config, logger);
      return 0;
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
    process.stderr.write(`sendback: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
