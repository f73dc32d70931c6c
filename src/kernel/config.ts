import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration from the environment, validated once at start-up.
 * The server refuses to start on invalid configuration and lists every problem.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL connection string; when absent, the embedded PGlite under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * HTTP worker processes (node:cluster) sharing the port; the primary runs the log sequencer and the timers.
   * Above 1 needs PostgreSQL (PGlite is opened by one process only). Each worker has its own pool.
   */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Named prepared statements on PostgreSQL; turn off behind a transaction-pooling PgBouncer older than 1.21. */
  PG_PREPARE: bool.default(true),
  DATA_DIR: z.string().default('./data'),
  /** Division code (GB/T 2260) of the tenant the login page offers by default. */
  DEFAULT_TENANT: z
    .string()
    .regex(/^\d{6}$/, '须为6位行政区划代码')
    .default('500113'),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(12 * 60),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(20).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Mark cookies Secure (set true behind HTTPS). */
  COOKIE_SECURE: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Training and test environments only (演练环境): the server's clock starts at this instant (ISO 8601 with an
   * offset) and runs on from there, so statutory periods can be walked through; refused in production.
   */
  CLOCK_AT: z.iso.datetime({ offset: true }).optional(),
  /** Load the demo district when the database has no tenant yet. */
  DEMO: z.enum(['auto', 'off']).default('auto'),
  DEMO_SCALE: z.coerce.number().min(0.05).max(20).default(1),
  /** 32-byte hex secret for field encryption and keyed hashes; generated into DATA_DIR when absent. */
  FIELD_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, '须为64位十六进制字符')
    .optional(),
  /** Serve the built web UI from this folder. */
  WEB_DIST: z.string().default('./web/dist'),
  /** Transparency-log signer key (signed-note `PRIVATE+KEY+<name>+…`); generated into DATA_DIR/log-signer.key when absent. */
  LOG_SIGNER_KEY: z
    .string()
    .regex(
      /^PRIVATE\+KEY\+[^+\s]+\+[0-9a-fA-F]{8}\+[A-Za-z0-9+/=]+$/,
      '须为 PRIVATE+KEY+<名称>+<密钥ID>+<base64> 格式',
    )
    .optional(),
  /** Origin prefix of every tenant's transparency log (`<prefix>/<division code>`) and the log key's name. */
  LOG_ORIGIN_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(\/[A-Za-z0-9._~-]+)*$/, '须为不含协议的网址前缀，如 fazhi.example.gov.cn/log')
    .default('fazhi.local/log'),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses configuration from `env`, throwing a ConfigError that lists every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  if (parsed.data.CLOCK_AT && parsed.data.NODE_ENV === 'production')
    throw new ConfigError(['CLOCK_AT: 生产环境不得设置系统时间（仅用于演练和测试环境）']);
  return { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR) };
}
