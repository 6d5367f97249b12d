import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a parsed `Config`.
 * An invalid value is reported with the variable's name so an operator can fix it at once.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const MB = 1024 * 1024;
/** An upload size limit in bytes: uploads are held in memory while they are checked. */
const uploadBytes = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * MB)
    .default(fallback);

/** A provider's secret: its documented prefix, so a key pasted into the wrong variable fails at start. */
const secret = (pattern: RegExp, what: string) =>
  z.preprocess(emptyAsUndefined, z.string().regex(pattern, `must be ${what}`).optional());
const providerBase = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .optional(),
);

const envSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  SENDBACK_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).default('./.sendback')),
  SENDBACK_PG_USER: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_.-]{0,31}$/i, 'must be an account name')
      .default('nobody'),
  ),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(LOG_LEVELS).default('info')),
  LOG_BUFFER_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(0).max(16_000).default(4096),
  ),
  SENDBACK_CLOCK: z.preprocess(emptyAsUndefined, z.enum(['system', 'manual']).default('system')),
  SENDBACK_ADMIN_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  SENDBACK_WEB_DIST: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  SENDBACK_RATE_LIMIT_LOGIN: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(100_000).default(10),
  ),
  SENDBACK_RATE_LIMIT_LOGIN_ADDRESS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(100_000).default(30),
  ),
  SENDBACK_STREAMS_PER_USER: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(1000).default(5),
  ),
  SENDBACK_STREAM_RECHECK_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().min(0.05).max(300).default(2),
  ),
  SENDBACK_RATE_LIMIT_WRITES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(1_000_000).default(600),
  ),
  SENDBACK_WORKERS: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).default('on')),
  SENDBACK_CARRIER_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  SENDBACK_SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  SENDBACK_MAIL_FROM: z.preprocess(
    emptyAsUndefined,
    z.string().min(3).default('Sendback <no-reply@sendback.local>'),
  ),
  SENDBACK_SIM_CARRIER: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).optional()),
  SENDBACK_SIM_CARRIER_DELIVER_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(0)
      .max(30 * 86400)
      .default(120),
  ),
  SENDBACK_SIM_SETTLE_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 86400)
      .default(20),
  ),
  SENDBACK_SIM_FAIL_RATE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().min(0).max(1).default(0),
  ),
  SENDBACK_REFUND_MAX_ATTEMPTS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(50).default(6),
  ),
  SENDBACK_REFUND_BACKOFF_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(86400).default(30),
  ),
  SENDBACK_DB_POOL_SIZE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(100).default(8),
  ),
  SENDBACK_DB_NAMED_STATEMENTS: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).default('on')),
  SENDBACK_ATTACHMENTS_DIR: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  SENDBACK_MAX_IMAGE_BYTES: z.preprocess(emptyAsUndefined, uploadBytes(10 * MB)),
  SENDBACK_MAX_VIDEO_BYTES: z.preprocess(emptyAsUndefined, uploadBytes(50 * MB)),
  SENDBACK_MAX_PDF_BYTES: z.preprocess(emptyAsUndefined, uploadBytes(10 * MB)),
  SENDBACK_MAX_IMAGE_PIXELS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(268_402_689).default(40_000_000),
  ),
  SENDBACK_TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('off')
      .refine(
        (v) => ['on', 'off'].includes(v) || v.split(',').every((a) => isAddressOrRange(a.trim())),
        "off, on, or the proxies' addresses and ranges, comma-separated",
      ),
  ),
  SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: z.preprocess(
    emptyAsUndefined,
    z.enum(['on', 'off', 'true', 'false']).default('off'),
  ),
  SENDBACK_LABEL_PROVIDER: z.preprocess(
    emptyAsUndefined,
    z.enum(['simulated', 'easypost', 'shippo', 'off']).default('simulated'),
  ),
  SENDBACK_TRACKING_PROVIDER: z.preprocess(
    emptyAsUndefined,
    z.enum(['none', 'easypost', 'shippo']).default('none'),
  ),
  SENDBACK_REFUND_PROVIDER: z.preprocess(
    emptyAsUndefined,
    z.enum(['simulated', 'stripe']).default('simulated'),
  ),
  SENDBACK_LABEL_MAX_ATTEMPTS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(50).default(6),
  ),
  SENDBACK_LABEL_BACKOFF_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(86400).default(60),
  ),
  EASYPOST_API_KEY: secret(/^EZ[AT]K[0-9A-Za-z]{16,}$/, 'an EasyPost API key (EZAK… or EZTK…)'),
  EASYPOST_WEBHOOK_SECRET: secret(/^\S{16,}$/, 'at least 16 characters without spaces'),
  EASYPOST_API_BASE: providerBase,
  SHIPPO_API_KEY: secret(
    /^shippo_(live|test)_[0-9a-f]{20,}$/,
    'a Shippo API token (shippo_live_… or shippo_test_…)',
  ),
  SHIPPO_WEBHOOK_SECRET: secret(/^\S{16,}$/, 'at least 16 characters without spaces'),
  SHIPPO_API_BASE: providerBase,
  STRIPE_SECRET_KEY: secret(
    /^(sk|rk)_(live|test)_[0-9A-Za-z]{10,}$/,
    'a Stripe secret or restricted key (sk_live_…, sk_test_…, rk_…)',
  ),
  STRIPE_WEBHOOK_SECRET: secret(
    /^whsec_[0-9A-Za-z]{10,}$/,
    'a Stripe webhook signing secret (whsec_…)',
  ),
  STRIPE_API_BASE: providerBase,
  SENDBACK_WEBHOOKS_MAX_ENDPOINTS_PER_SHOP: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(1000).default(10),
  ),
});

/** The outside parties a deployment talks to, with their credentials (never logged). */
export interface Providers {
  labels:
    | { kind: 'simulated' }
    | { kind: 'off' }
    | { kind: 'easypost'; apiKey: string; baseUrl: string | undefined }
    | { kind: 'shippo'; apiKey: string; baseUrl: string | undefined };
  tracking:
    | { kind: 'none' }
    | { kind: 'easypost'; apiKey: string; webhookSecret: string; baseUrl: string | undefined }
    | { kind: 'shippo'; apiKey: string; webhookSecret: string; baseUrl: string | undefined };
  refunds:
    | { kind: 'simulated' }
    | { kind: 'stripe'; secretKey: string; webhookSecret: string; baseUrl: string | undefined };
  labelMaxAttempts: number;
  labelBackoffSeconds: number;
}

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The account the embedded PostgreSQL runs as when Sendback runs as root. */
  pgUser: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Request log lines gathered before one write to stdout (0: each line written at once). */
  logBufferBytes: number;
  clock: 'system' | 'manual';
  adminToken: string | undefined;
  dbPoolSize: number;
  /** Hot statements run as named prepared statements (off behind transaction-mode poolers). */
  dbNamedStatements: boolean;
  /** The built UI to serve; unset: web/dist of this checkout. */
  webDist: string | undefined;
  /** Login attempts per minute per e-mail (counted in PostgreSQL, across nodes). */
  rateLimitLogin: number;
  /** Login attempts per minute per client address, whatever the e-mail (across nodes). */
  rateLimitLoginAddress: number;
  /** Open live-update streams per user on one node. */
  streamsPerUser: number;
  /** How often open streams re-check their session or key, in milliseconds. */
  streamRecheckMs: number;
  /** Writes (POST/PUT/DELETE) per minute per caller. */
  rateLimitWrites: number;
  /** Background workers (sweeper, reminders, refunds, webhooks, mail) run inside `serve`. */
  workers: boolean;
  /** Shared secret carriers sign tracking updates with; unset: the intake refuses them. */
  carrierSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The simulated carrier delivers shipped parcels by itself; on by default in demo mode. */
  simulatedCarrier: boolean;
  simulatedCarrierDeliverSeconds: number;
  simulatedSettleSeconds: number;
  simulatedFailRate: number;
  refundMaxAttempts: number;
  refundBackoffSeconds: number;
  /** Where attachment blobs are kept (by content hash); defaults to `<dataDir>/attachments`. */
  attachmentsDir: string;
  /** Upload size limits per attachment kind, in bytes. */
  maxImageBytes: number;
  maxVideoBytes: number;
  maxPdfBytes: number;
  /** Images with more pixels (width x height) are refused before they are decoded. */
  maxImagePixels: number;
  /** Webhooks may go to loopback, private, link-local... addresses (local development, tests). */
  webhooksAllowPrivateTargets: boolean;
  /**
   * Which proxies in front are believed about the client (X-Forwarded-For, -Proto, -Host), as
   * Fastify's `trustProxy` takes it: false (none), true (any), or their addresses and ranges.
   */
  trustProxy: boolean | string[];
  /** Live webhook endpoints per shop (and for operators' every-shop endpoints together). */
  webhooksMaxEndpointsPerShop: number;
  providers: Providers;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  const providers = providersOf(e);
  return {
    providers,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.SENDBACK_DATA_DIR,
    pgUser: e.SENDBACK_PG_USER,
    logLevel: e.LOG_LEVEL,
    logBufferBytes: e.LOG_BUFFER_BYTES,
    clock: e.SENDBACK_CLOCK,
    adminToken: e.SENDBACK_ADMIN_TOKEN,
    dbPoolSize: e.SENDBACK_DB_POOL_SIZE,
    dbNamedStatements: e.SENDBACK_DB_NAMED_STATEMENTS === 'on',
    webDist: e.SENDBACK_WEB_DIST,
    rateLimitLogin: e.SENDBACK_RATE_LIMIT_LOGIN,
    rateLimitLoginAddress: e.SENDBACK_RATE_LIMIT_LOGIN_ADDRESS,
    streamsPerUser: e.SENDBACK_STREAMS_PER_USER,
    streamRecheckMs: Math.round(e.SENDBACK_STREAM_RECHECK_SECONDS * 1000),
    rateLimitWrites: e.SENDBACK_RATE_LIMIT_WRITES,
    workers: e.SENDBACK_WORKERS === 'on',
    carrierSecret: e.SENDBACK_CARRIER_SECRET,
    smtpUrl: e.SENDBACK_SMTP_URL,
    mailFrom: e.SENDBACK_MAIL_FROM,
    // Demo mode is the embedded database: there the simulated carrier is on unless turned off.
    simulatedCarrier: (e.SENDBACK_SIM_CARRIER ?? (e.DATABASE_URL ? 'off' : 'on')) === 'on',
    simulatedCarrierDeliverSeconds: e.SENDBACK_SIM_CARRIER_DELIVER_SECONDS,
    simulatedSettleSeconds: e.SENDBACK_SIM_SETTLE_SECONDS,
    simulatedFailRate: e.SENDBACK_SIM_FAIL_RATE,
    refundMaxAttempts: e.SENDBACK_REFUND_MAX_ATTEMPTS,
    refundBackoffSeconds: e.SENDBACK_REFUND_BACKOFF_SECONDS,
    attachmentsDir: e.SENDBACK_ATTACHMENTS_DIR ?? join(e.SENDBACK_DATA_DIR, 'attachments'),
    maxImageBytes: e.SENDBACK_MAX_IMAGE_BYTES,
    maxVideoBytes: e.SENDBACK_MAX_VIDEO_BYTES,
    maxPdfBytes: e.SENDBACK_MAX_PDF_BYTES,
    maxImagePixels: e.SENDBACK_MAX_IMAGE_PIXELS,
    webhooksAllowPrivateTargets: ['on', 'true'].includes(e.SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS),
    trustProxy: trustProxyOf(e.SENDBACK_TRUST_PROXY),
    webhooksMaxEndpointsPerShop: e.SENDBACK_WEBHOOKS_MAX_ENDPOINTS_PER_SHOP,
  };
}

type Env = z.infer<typeof envSchema>;

/** Each chosen provider with the secrets it needs; a missing one is named with its variable. */
function providersOf(e: Env): Providers {
  const problems: { variable: string; message: string }[] = [];
  const need = <K extends keyof Env>(variable: K, because: string): string => {
    const value = e[variable];
    if (typeof value === 'string') return value;
    problems.push({ variable, message: `is required when ${because}` });
    return '';
  };
  const labelsBy = `SENDBACK_LABEL_PROVIDER=${e.SENDBACK_LABEL_PROVIDER}`;
  const trackingBy = `SENDBACK_TRACKING_PROVIDER=${e.SENDBACK_TRACKING_PROVIDER}`;
  const labels: Providers['labels'] =
    e.SENDBACK_LABEL_PROVIDER === 'easypost'
      ? {
          kind: 'easypost',
          apiKey: need('EASYPOST_API_KEY', labelsBy),
          baseUrl: e.EASYPOST_API_BASE,
        }
      : e.SENDBACK_LABEL_PROVIDER === 'shippo'
        ? { kind: 'shippo', apiKey: need('SHIPPO_API_KEY', labelsBy), baseUrl: e.SHIPPO_API_BASE }
        : { kind: e.SENDBACK_LABEL_PROVIDER };
  const tracking: Providers['tracking'] =
    e.SENDBACK_TRACKING_PROVIDER === 'easypost'
      ? {
          kind: 'easypost',
          apiKey: need('EASYPOST_API_KEY', trackingBy),
          webhookSecret: need('EASYPOST_WEBHOOK_SECRET', trackingBy),
          baseUrl: e.EASYPOST_API_BASE,
        }
      : e.SENDBACK_TRACKING_PROVIDER === 'shippo'
        ? {
            kind: 'shippo',
            apiKey: need('SHIPPO_API_KEY', trackingBy),
            webhookSecret: need('SHIPPO_WEBHOOK_SECRET', trackingBy),
            baseUrl: e.SHIPPO_API_BASE,
          }
        : { kind: 'none' };
  const refundsBy = 'SENDBACK_REFUND_PROVIDER=stripe';
  const refunds: Providers['refunds'] =
    e.SENDBACK_REFUND_PROVIDER === 'stripe'
      ? {
          kind: 'stripe',
          secretKey: need('STRIPE_SECRET_KEY', refundsBy),
          webhookSecret: need('STRIPE_WEBHOOK_SECRET', refundsBy),
          baseUrl: e.STRIPE_API_BASE,
        }
      : { kind: 'simulated' };
  if (problems.length) throw new ConfigError(problems);
  return {
    labels,
    tracking,
    refunds,
    labelMaxAttempts: e.SENDBACK_LABEL_MAX_ATTEMPTS,
    labelBackoffSeconds: e.SENDBACK_LABEL_BACKOFF_SECONDS,
  };
}

/** An IP address or a CIDR range. */
function isAddressOrRange(text: string): boolean {
  try {
    if (text.includes('/')) ipaddr.parseCIDR(text);
    else ipaddr.parse(text);
    return true;
  } catch {
    return false;
  }
}

function trustProxyOf(value: string): boolean | string[] {
  if (value === 'off') return false;
  if (value === 'on') return true;
  return value.split(',').map((a) => a.trim());
}
