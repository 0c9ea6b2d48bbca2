import path from 'node:path';
import { REGISTRATION_MODES, RegistrationMode } from '@chatroom/shared';

export type DatabaseConfig =
  | { driver: 'sqlite'; file: string }
  | { driver: 'postgres'; url: string };

/** Everything the server reads from the environment, parsed and checked once at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  announcementFile: string;
  adminUsers: ReadonlySet<string>;
  /** Who may create an account through POST /register. */
  registration: RegistrationMode;
  tokenTtlDays: number;
  /** scrypt's N for new password hashes; stored hashes keep the cost they were made with. */
  passwordHashCost: number;
  corsOrigins: readonly string[];
  rateLimits: {
    authPerMinute: number;
    sendPerMinute: number;
    /** Failed logins per account, from any address, before the account is refused for a minute. */
    loginFailuresPerAccountPerMinute: number;
    /** Failed logins per client address, for any account, before the address is refused for a minute. */
    loginFailuresPerAddressPerMinute: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `pretty`: readable lines; `json`: one JSON object a line; unset: pretty on a terminal, JSON otherwise. */
  logFormat: 'json' | 'pretty' | undefined;
  trustProxy: boolean;
  /** Where rate limits are counted when several instances must share them; unset: in memory. */
  redis: { url: string; keyPrefix: string } | undefined;
  /** Bearer token that /metrics asks for; unset: no metrics. */
  metricsToken: string | undefined;
  /** Sending and polling served ahead of Express (http/fast-path.ts); off only to compare the two paths. */
  httpFastPath: boolean;
  /** How long after sending its author may edit a message; null: no limit; 0: editing is off. */
  messageEditWindowSeconds: number | null;
  /** Chat messages older than this many days are erased (tombstones) by a daily job; null: kept for ever. */
  retentionDays: number | null;
  uploads: {
    /** The largest file POST /uploads takes, in bytes. */
    maxBytes: number;
    /** What one user's files may take together, in bytes. */
    quotaBytesPerUser: number;
    /** Where files are kept on SQLite (on PostgreSQL, in the database every instance shares). */
    dir: string;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const MIB = 1024 * 1024;

// OWASP's scrypt minimum (N=2^17, r=8, p=1) costs ~128 MiB per hash; the server must survive
// a burst of logins, so we use N=2^15 (32 MiB), still ~100 ms of work per guess.
const PASSWORD_HASH_COST = 2 ** 15;
// Lower costs exist for test suites that register thousands of accounts; never for a real server.
const MIN_PASSWORD_HASH_COST = 2 ** 10;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment variables:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Reads the environment into an AppConfig, or throws naming every bad variable and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  const optionalInteger = (name: string, min: number, max: number): number | null => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? null : integer(name, min, min, max);
  };

  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = (env[name] ?? '').trim().toLowerCase();
    if (raw === '') return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name}=${JSON.stringify(env[name])}: must be true or false`);
    return fallback;
  };

  const list = (name: string): string[] =>
    (env[name] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  const port = integer('PORT', 5003, 0, 65535);
  const tokenTtlDays = integer('TOKEN_TTL_DAYS', 30, 1, 3650);
  const authPerMinute = integer('RATE_LIMIT_AUTH_PER_MINUTE', 20, 1, 1_000_000_000);
  const sendPerMinute = integer('RATE_LIMIT_SEND_PER_MINUTE', 600, 1, 1_000_000_000);
  const loginFailuresPerAccountPerMinute = integer('RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE', 5, 1, 1_000_000_000);
  const loginFailuresPerAddressPerMinute = integer('RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE', 30, 1, 1_000_000_000);
  const messageEditWindowSeconds = optionalInteger('MESSAGE_EDIT_WINDOW_SECONDS', 0, 1_000_000_000);
  const retentionDays = optionalInteger('RETENTION_DAYS', 1, 36_500);
  const maxUploadBytes = integer('MAX_UPLOAD_BYTES', 10 * MIB, 1, Number.MAX_SAFE_INTEGER);
  const uploadQuotaBytesPerUser = integer('UPLOAD_QUOTA_BYTES_PER_USER', 1024 * MIB, 1, Number.MAX_SAFE_INTEGER);
  const passwordHashCost = integer('PASSWORD_HASH_COST', PASSWORD_HASH_COST, MIN_PASSWORD_HASH_COST, PASSWORD_HASH_COST);
  if (!Number.isInteger(Math.log2(passwordHashCost))) {
    problems.push(`PASSWORD_HASH_COST=${JSON.stringify(env.PASSWORD_HASH_COST)}: must be a power of two from ${MIN_PASSWORD_HASH_COST} to ${PASSWORD_HASH_COST}`);
  }

  const database = parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/chatroom.sqlite', problems);

  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(env.LOG_LEVEL)}: must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const logFormat = env.LOG_FORMAT?.trim().toLowerCase() || undefined;
  if (logFormat !== undefined && logFormat !== 'json' && logFormat !== 'pretty') {
    problems.push(`LOG_FORMAT=${JSON.stringify(env.LOG_FORMAT)}: must be json or pretty (unset: pretty on a terminal, JSON otherwise)`);
  }

  const corsOrigins = list('CORS_ORIGINS');
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^[a-z][a-z0-9+.-]*:\/\/[^/]+$/i.test(origin)) {
      problems.push(`CORS_ORIGINS: ${JSON.stringify(origin)} is not an origin like https://chat.example.com`);
    }
  }

  const registration = (env.REGISTRATION ?? 'open').trim().toLowerCase() as RegistrationMode;
  if (!REGISTRATION_MODES.includes(registration)) {
    problems.push(`REGISTRATION=${JSON.stringify(env.REGISTRATION)}: must be one of ${REGISTRATION_MODES.join(', ')}`);
  }

  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) problems.push('METRICS_TOKEN: use at least 16 characters (it guards /metrics)');

  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined && !(/^rediss?:\/\//i.test(redisUrl) && URL.canParse(redisUrl))) {
    problems.push('REDIS_URL: not a valid redis:// or rediss:// URL');
  }
  const redis = redisUrl === undefined ? undefined : { url: redisUrl, keyPrefix: env.REDIS_KEY_PREFIX ?? 'chatroom:' };

  const trustProxy = boolean('TRUST_PROXY', false);
  const httpFastPath = boolean('HTTP_FAST_PATH', true);

  // parseDatabaseUrl names the problem whenever it returns no database.
  if (problems.length > 0 || database === undefined) throw new InvalidConfigError(problems);

  return {
    port,
    host: env.HOST || '0.0.0.0',
    database,
    announcementFile: path.resolve(env.ANNOUNCEMENT_FILE || 'announcement.txt'),
    adminUsers: new Set(list('ADMIN_USERS').map((name) => name.toLowerCase())),
    registration,
    tokenTtlDays,
    passwordHashCost,
    corsOrigins,
    rateLimits: { authPerMinute, sendPerMinute, loginFailuresPerAccountPerMinute, loginFailuresPerAddressPerMinute },
    logLevel: logLevel as AppConfig['logLevel'],
    logFormat: logFormat as AppConfig['logFormat'],
    trustProxy,
    metricsToken,
    redis,
    httpFastPath,
    messageEditWindowSeconds,
    retentionDays,
    uploads: { maxBytes: maxUploadBytes, quotaBytesPerUser: uploadQuotaBytesPerUser, dir: path.resolve(env.UPLOAD_DIR || 'data/uploads') },
  };
}

function parseDatabaseUrl(raw: string, problems: string[]): DatabaseConfig | undefined {
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    if (URL.canParse(raw)) return { driver: 'postgres', url: raw };
    problems.push('DATABASE_URL: not a valid postgres:// URL');
    return undefined;
  }
  const file = raw.replace(/^sqlite:(\/\/)?/i, '');
  if (file === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
    problems.push(`DATABASE_URL=${JSON.stringify(raw)}: use sqlite:<file>, a file path, or postgres://...`);
    return undefined;
  }
  return { driver: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
}
