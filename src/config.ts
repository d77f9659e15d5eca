// The only reader of process.env. One zod schema; every problem is reported at once, in Chinese for the
// operator, naming the variable and the README section that explains it.
import { z } from 'zod';
import type { ReminderSchedule } from './domain/reminders.ts';
import type { Settings } from './ports/index.ts';

const README_HINT = '说明见 README.md 的「配置」和「接入真实飞书应用」两节。';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const intInRange = (def: number, min: number, max: number, label: string) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `${label}必须是整数` })
      .int({ error: `${label}必须是整数` })
      .min(min, { error: `${label}不能小于 ${min}` })
      .max(max, { error: `${label}不能大于 ${max}` })
      .default(def),
  );

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const list = (raw: string) => raw.split(/[,，\s]+/).filter(Boolean);
const dayList = (label: string, def: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(def)
      .transform(list)
      .pipe(
        z.array(
          z
            .string()
            .regex(/^\d{1,2}$/, { error: `${label}应为逗号分隔的整数（1–30），例如 ${def}` })
            .transform(Number)
            .pipe(z.number().int().min(1, { error: `${label}应在 1–30 之间` }).max(30, { error: `${label}应在 1–30 之间` })),
        ),
      ),
  );
const timeOfDay = (label: string, def: string) =>
  z.preprocess(emptyToUndefined, z.string().regex(HHMM, { error: `${label}格式为 HH:MM，例如 ${def}` }).default(def));
const timeList = (label: string, def: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(def)
      .transform(list)
      .pipe(z.array(z.string().regex(HHMM, { error: `${label}格式为 HH:MM，多个用逗号分隔，例如 ${def}` })).min(1)),
  );

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: intInRange(3000, 0, 65535, '端口'),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('file:./data/bot.db')
        .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\/[^/\s]+\/[^/?\s]+/.test(v), {
          error: '只支持 SQLite（file:路径，例如 file:./data/bot.db）或 PostgreSQL（postgresql://用户:密码@主机:端口/数据库名）',
        }),
    ),
    FEISHU_APP_ID: z.preprocess(
      emptyToUndefined,
      z.string({ error: '未设置。填飞书开放平台「凭证与基础信息」中的 App ID（cli_ 开头）' }),
    ),
    FEISHU_APP_SECRET: z.preprocess(
      emptyToUndefined,
      z.string({ error: '未设置。填飞书开放平台「凭证与基础信息」中的 App Secret' }),
    ),
    FEISHU_CONNECTION: z.preprocess(
      emptyToUndefined,
      z.enum(['webhook', 'ws'], { error: '只能是 webhook（飞书把事件推送到本机地址，默认）或 ws（长连接：机器人主动连接飞书，不需要公网地址）' }).default('webhook'),
    ),
    // Feishu's own reconnect waits up to 120 s plus a 30 s jitter; the default leaves room for two tries.
    FEISHU_WS_DOWN_GRACE: intInRange(300, 10, 86_400, '长连接断开多久后健康检查报告异常（秒）'),
    FEISHU_VERIFICATION_TOKEN: optionalString,
    FEISHU_ENCRYPT_KEY: optionalString,
    // At most a day: dedup keys are kept 7 days, longer than this window plus Feishu's 7-hour retry ladder.
    FEISHU_REQUEST_MAX_AGE: intInRange(300, 30, 86_400, '签名请求允许的最大时间差（秒）'),
    FEISHU_BASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, error: '必须是 http(s) 地址，例如 https://open.feishu.cn' })
        .default('https://open.feishu.cn')
        .transform((v) => v.replace(/\/+$/, '')),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    OUTBOX_APP_RPS: intInRange(50, 1, 1000, '每秒发送上限'),
    OUTBOX_APP_RPM: intInRange(1000, 1, 100000, '每分钟发送上限'),
    OUTBOX_USER_RPS: intInRange(5, 1, 100, '单个用户每秒发送上限'),
    OUTBOX_MAX_ATTEMPTS: intInRange(8, 1, 50, '最大重试次数'),
    REMINDER_DECLARE_DAYS: dayList('申报截止前第几个工作日提醒', '7,3,1'),
    REMINDER_REVISE_DAYS: dayList('修改截止前第几个工作日提醒', '3,1'),
    REMINDER_TIME: timeOfDay('提醒时间', '09:00'),
    REMINDER_LAST_DAY_TIMES: timeList('截止当天的提醒时间', '09:00,15:00'),
    REVIEW_REMINDER_TIMES: timeList('初审提醒时间（当天、次日上午）', '16:00,09:00'),
    QUIET_HOURS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { error: '允许发送的时段，格式为 08:30-20:00' })
        .default('08:30-20:00'),
    ),
    EXCEL_WORKERS: intInRange(2, 1, 16, '同时读取的表格文件数'),
    EXCEL_WORKER_MEMORY_MB: intInRange(64, 32, 2048, '读取表格的工作线程内存上限（MB）'),
    EXCEL_WORKER_TIMEOUT_SECONDS: intInRange(30, 5, 600, '读取一个表格文件的时间上限（秒）'),
    QUEUE_LEASE_SECONDS: intInRange(20, 5, 600, '处理中的消息的租约（秒）'),
    INBOX_MAX_CRASHES: intInRange(3, 1, 50, '一条消息最多导致进程退出几次'),
    REVIEW_CHAT_ID: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^oc_[0-9A-Za-z_-]+$/, { error: '应为审核群的 chat_id（oc_ 开头），不设置则发给每位审核人' }).optional(),
    ),
  });

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  feishu: {
    appId: string;
    appSecret: string;
    verificationToken: string | undefined;
    encryptKey: string | undefined;
    baseUrl: string;
    /** A signed request older (or newer) than this is refused as a replay. */
    requestMaxAgeMs: number;
    /** How events and card callbacks arrive: pushed to our webhook, or over the long connection we open. */
    connection: 'webhook' | 'ws';
    /** /healthz answers 503 once the long connection has been down this long. */
    wsDownGraceMs: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  outbox: { appPerSecond: number; appPerMinute: number; userPerSecond: number; maxAttempts: number };
  /** Uploads are read in worker threads: how many at once, each worker's heap, and its deadline. */
  excel: { workers: number; workerMemoryMb: number; workerTimeoutMs: number };
  /**
   * Queue rows being worked on are leased for this long and the lease renewed while the work runs: a dead
   * process's rows are taken over within one lease. An event whose claims ended with the process dying
   * `maxCrashes` times is quarantined.
   */
  queues: { leaseMs: number; maxCrashes: number };
  /** Review cards go to this group chat instead of to each reviewer. */
  reviewChatId: string | undefined;
  reminders: ReminderSchedule;
};

const dbSchema = z.object({
  DATABASE_URL: envSchema.shape.DATABASE_URL,
  LOG_LEVEL: envSchema.shape.LOG_LEVEL,
});

/** For the admin CLI: only the database is required; Feishu settings are used when present. */
export function loadCliConfig(env: Record<string, string | undefined>):
  | { ok: true; databaseUrl: string; logLevel: Config['logLevel']; full: Config | null }
  | { ok: false; message: string } {
  const parsed = dbSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${String(i.path[0])}：${i.message}`);
    return { ok: false, message: ['配置有误：', ...problems, README_HINT].join('\n') };
  }
  const full = loadConfig(env);
  return { ok: true, databaseUrl: parsed.data.DATABASE_URL, logLevel: parsed.data.LOG_LEVEL, full: full.ok ? full.config : null };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[]; message: string };

/** The official long-connection client does nothing at all with an App ID of another shape. */
export const APP_ID_PATTERN = /^cli_[0-9a-fA-F]{16}$/;

const isLongConnection = (env: Record<string, string | undefined>) => env.FEISHU_CONNECTION?.trim() === 'ws';

/**
 * Pushed requests need a secret to be trusted; only the test suite may run without one. Over the long
 * connection nothing is pushed to us (the connection we open is authenticated by the App Secret), so the
 * secrets are optional there and the webhook routes stay closed without them.
 */
function secretProblems(env: Record<string, string | undefined>): string[] {
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  if (nodeEnv === 'test' || isLongConnection(env) || env.FEISHU_ENCRYPT_KEY?.trim() || env.FEISHU_VERIFICATION_TOKEN?.trim()) return [];
  return [
    'FEISHU_ENCRYPT_KEY：与 FEISHU_VERIFICATION_TOKEN 至少设置一个（推荐 Encrypt Key），否则无法确认请求来自飞书。见飞书开放平台「事件与回调 → 加密策略」',
  ];
}

function appIdProblems(env: Record<string, string | undefined>): string[] {
  const appId = env.FEISHU_APP_ID?.trim();
  if (!isLongConnection(env) || !appId || APP_ID_PATTERN.test(appId)) return [];
  return [
    `FEISHU_APP_ID：「${appId.length > 40 ? `${appId.slice(0, 40)}…` : appId}」不是有效的 App ID。长连接模式要求 cli_ 加 16 位十六进制字符（例如 cli_a1b2c3d4e5f60718），请从开发者后台「凭证与基础信息」复制`,
  ];
}

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const extra = [...secretProblems(env), ...appIdProblems(env)];
  if (!parsed.success || extra.length) {
    const problems = [
      ...(parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0] ?? '配置')}：${i.message}`)),
      ...extra,
    ];
    const message = ['配置有误，机器人没有启动：', ...problems.map((p) => `  - ${p}`), README_HINT].join('\n');
    return { ok: false, problems, message };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      nodeEnv: e.NODE_ENV,
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL,
      feishu: {
        appId: e.FEISHU_APP_ID,
        appSecret: e.FEISHU_APP_SECRET,
        verificationToken: e.FEISHU_VERIFICATION_TOKEN,
        encryptKey: e.FEISHU_ENCRYPT_KEY,
        baseUrl: e.FEISHU_BASE_URL,
        requestMaxAgeMs: e.FEISHU_REQUEST_MAX_AGE * 1000,
        connection: e.FEISHU_CONNECTION,
        wsDownGraceMs: e.FEISHU_WS_DOWN_GRACE * 1000,
      },
      logLevel: e.LOG_LEVEL,
      outbox: {
        appPerSecond: e.OUTBOX_APP_RPS,
        appPerMinute: e.OUTBOX_APP_RPM,
        userPerSecond: e.OUTBOX_USER_RPS,
        maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      },
      excel: { workers: e.EXCEL_WORKERS, workerMemoryMb: e.EXCEL_WORKER_MEMORY_MB, workerTimeoutMs: e.EXCEL_WORKER_TIMEOUT_SECONDS * 1000 },
      queues: { leaseMs: e.QUEUE_LEASE_SECONDS * 1000, maxCrashes: e.INBOX_MAX_CRASHES },
      reviewChatId: e.REVIEW_CHAT_ID,
      reminders: {
        declareDays: e.REMINDER_DECLARE_DAYS,
        reviseDays: e.REMINDER_REVISE_DAYS,
        time: e.REMINDER_TIME,
        lastDayTimes: e.REMINDER_LAST_DAY_TIMES,
        reviewSameDay: e.REVIEW_REMINDER_TIMES[0]!,
        reviewNextMorning: e.REVIEW_REMINDER_TIMES[1] ?? e.REVIEW_REMINDER_TIMES[0]!,
        quietEnd: e.QUIET_HOURS.slice(0, 5),
        quietStart: e.QUIET_HOURS.slice(6),
      },
    },
  };
}

export type StartMode = { kind: 'production' } | { kind: 'sandbox' } | { kind: 'refuse'; message: string };

/**
 * `npm start`: with Feishu credentials, the bot; without them (or with --sandbox), the sandbox — except in
 * NODE_ENV=production, where missing credentials stay a configuration error. Credentials and --sandbox
 * together are refused: the sandbox never runs next to a real Feishu app's settings.
 */
export function chooseMode(env: Record<string, string | undefined>, args: readonly string[]): StartMode {
  const hasCredentials = !!(env.FEISHU_APP_ID?.trim() || env.FEISHU_APP_SECRET?.trim());
  const wantsSandbox = args.includes('--sandbox');
  if (hasCredentials && wantsSandbox) {
    return {
      kind: 'refuse',
      message: '已配置飞书应用凭证（FEISHU_APP_ID / FEISHU_APP_SECRET），沙盒模式不会启动。要试用沙盒，请在没有这两个变量的环境中运行 npm run sandbox。',
    };
  }
  if (hasCredentials) return { kind: 'production' };
  if (wantsSandbox) return { kind: 'sandbox' };
  return (env.NODE_ENV?.trim() || 'development') === 'production' ? { kind: 'production' } : { kind: 'sandbox' };
}

const sandboxSchema = z.object({
  PORT: intInRange(3000, 0, 65535, '端口'),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('error')),
  SANDBOX_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  SANDBOX_CONNECTION: z.preprocess(emptyToUndefined, z.enum(['webhook', 'ws'], { error: '只能是 webhook（默认）或 ws（经长连接把消息送到机器人）' }).default('webhook')),
});

/** The sandbox's few settings: port, log level (quiet by default), and where its own files live. */
export function loadSandboxSettings(env: Record<string, string | undefined>):
  | { ok: true; port: number; logLevel: Config['logLevel']; dataDir: string; connection: 'webhook' | 'ws' }
  | { ok: false; message: string } {
  const r = sandboxSchema.safeParse(env);
  if (!r.success) return { ok: false, message: ['沙盒配置有误：', ...r.error.issues.map((i) => `  - ${String(i.path[0])}：${i.message}`)].join('\n') };
  return { ok: true, port: r.data.PORT, logLevel: r.data.LOG_LEVEL, dataDir: r.data.SANDBOX_DATA_DIR, connection: r.data.SANDBOX_CONNECTION };
}

/** What the features read of the configuration. */
export function settingsOf(config: Pick<Config, 'reviewChatId' | 'reminders'>): Settings {
  return { reviewChatId: config.reviewChatId, reminders: config.reminders };
}
