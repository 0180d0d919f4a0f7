import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Language } from './i18n.js';
import type { Level as LogLevel } from './logger.js';
import type { Channel } from './messaging/channel.js';

const optional = z.string().trim().transform((v) => v || undefined).optional();
const emptyIsUnset = z.literal('').transform(() => undefined);
/** A number setting left empty is unset (its default), not 0 as `z.coerce` would read it. */
const number = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && !v.trim() ? undefined : v), schema);

/** The environment as it is named in .env.example. */
const env = z.object({
  DATABASE_URL: z.string().default('file:./data/local/bhxh.db'),
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: optional,
  TELEGRAM_BOT_USERNAME: optional,
  TELEGRAM_WEBHOOK_URL: optional,
  TELEGRAM_MAX_PER_SECOND: z.coerce.number().positive().max(1000).default(30),
  TELEGRAM_WEBHOOK_SECRET: z.string().trim().regex(/^[A-Za-z0-9_-]{1,256}$/, '1 to 256 letters, digits, "_" or "-"').optional().or(emptyIsUnset),
  DEFAULT_LANGUAGE: z.enum(['vi', 'en']).default('vi'),
  REMINDER_HOUR: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('08:00'),
  INVITE_TTL_HOURS: z.coerce.number().int().positive().default(72),
  CONSOLE: z.enum(['auto', 'on', 'off']).default('auto'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  PLANS_DIR: z.string().default('prisma/seed/plans'),
  HOLIDAYS_FILE: z.string().default('data/holidays.yaml'),
  SUBSIDY_RULES_FILE: z.string().default('data/subsidy/rules.yaml'),
  REPORTS_DIR: z.string().default('data/local/reports'),
  WEEKLY_DIGEST: z.enum(['on', 'off']).default('on'),
  ANSWER_THRESHOLD: number(z.coerce.number().min(0).max(1).optional()),
  STAFF_CHAT: z.string().trim().regex(/^(telegram|zalo|console):\S+$/, 'channel:chatId, e.g. telegram:-1001234567890').optional().or(emptyIsUnset),
  ZALO_APP_ID: optional,
  ZALO_APP_SECRET: optional,
  ZALO_OA_SECRET_KEY: optional,
  ZALO_API_ROOT: optional,
  ZALO_OAUTH_ROOT: optional,
  ZALO_WINDOW_HOURS: z.coerce.number().positive().default(168),
  ZALO_REMINDERS_AS: z.enum(['cs', 'transaction']).default('cs'),
  ZALO_VERIFICATION_META: optional,
  ZALO_EVENT_WINDOW_MINUTES: number(z.coerce.number().positive().max(1440).default(15)),
  // Empty (as .env.example leaves it) is unset: no server, or 8080 with Zalo; never a random port.
  HTTP_PORT: number(z.coerce.number().int().min(0).max(65535).optional()),
  HTTP_HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().trim().url().optional().or(emptyIsUnset),
  FILE_LINK_HOURS: z.coerce.number().positive().default(24),
  RETENTION_DAYS: number(z.coerce.number().int().min(1).max(3650).default(180)),
  SECRET_KEY: z.string().trim().min(32, 'at least 32 characters, e.g. the output of `openssl rand -base64 32`').optional().or(emptyIsUnset),
  PLATFORM_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(5),
  DELIVERY_RETRY_SECONDS: z.coerce.number().positive().max(3600).default(30),
  DELIVERY_RETRY_MAX_SECONDS: z.coerce.number().positive().max(86_400).default(3600),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
}).superRefine((c, ctx) => {
  const zalo = [c.ZALO_APP_ID, c.ZALO_APP_SECRET, c.ZALO_OA_SECRET_KEY];
  if (zalo.some(Boolean) && !zalo.every(Boolean)) ctx.addIssue({ code: 'custom', path: ['ZALO_APP_ID'], message: 'set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY together, or none of them' });
  const webhookProblem = c.TELEGRAM_WEBHOOK_URL ? telegramWebhookProblem(c) : undefined;
  if (webhookProblem) ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_URL'], message: webhookProblem });
});

/** Paths the HTTP server already answers; Telegram's webhook cannot take one of them. */
const SERVER_PATHS = ['/', '/health', '/metrics', '/zalo/webhook'];

function telegramWebhookProblem(c: { TELEGRAM_WEBHOOK_URL?: string; TELEGRAM_BOT_TOKEN?: string; TELEGRAM_API_ROOT?: string; HTTP_PORT?: number; ZALO_APP_ID?: string }): string | undefined {
  if (!c.TELEGRAM_BOT_TOKEN) return 'webhook mode needs TELEGRAM_BOT_TOKEN';
  if (c.HTTP_PORT === undefined && !c.ZALO_APP_ID) return 'webhook mode needs the HTTP server: set HTTP_PORT to the port the load balancer forwards this address to';
  let url: URL;
  try {
    url = new URL(c.TELEGRAM_WEBHOOK_URL!);
  } catch {
    return 'must be the full public address Telegram posts to, e.g. https://bhxh.example.gov.vn/telegram/webhook';
  }
  // Telegram's own servers post to https only; a self-hosted Bot API server may post over a private network.
  if (url.protocol !== 'https:' && !(c.TELEGRAM_API_ROOT && url.protocol === 'http:')) return 'must start with https:// (Telegram posts to https addresses only)';
  if (SERVER_PATHS.includes(url.pathname) || url.pathname.startsWith('/files/')) return `its path ${url.pathname} is taken by the HTTP server: give it a path of its own, e.g. /telegram/webhook`;
  if (url.search || url.hash) return 'must have no query string or fragment: its path alone routes the updates';
  return undefined;
}


export interface TelegramConfig {
  token: string;
  /** A self-hosted or emulated Bot API server; unset: Telegram's. */
  apiRoot?: string;
  /** Builds invite links; unset: the username Telegram reports when the bot starts. */
  username?: string;
  /** Webhook mode (several instances behind a load balancer); unset: long polling. */
  webhook?: TelegramWebhookConfig;
  /** Messages a second across chats, all instances together (Telegram's published limit; more for paid broadcasts). */
  maxPerSecond: number;
}

export interface TelegramWebhookConfig {
  /** The public address given to setWebhook. */
  url: string;
  /** Its path, on which the HTTP server takes the updates. */
  path: string;
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token with every update. */
  secret: string;
}

export interface ZaloConfig {
  appId: string;
  /** The app's secret key, sent as `secret_key` when refreshing the access token. */
  appSecret: string;
  /** The OA secret key, which signs webhook events (X-ZEvent-Signature). */
  oaSecretKey: string;
  apiRoot?: string;
  oauthRoot?: string;
  /** How long after a user's last message the OA may still write to them (Zalo refuses after). */
  windowMs: number;
  /** How reminders and escalations go: customer-service text, or transaction cards (approved OAs only). */
  remindersAs: 'cs' | 'transaction';
  /** Content of Zalo's domain-verification meta tag, served on GET /. */
  verificationMeta?: string;
  /** How far a webhook event's timestamp may be from now; further is refused as a replay. */
  eventWindowMs: number;
}

/** How the service sends: every platform call's own time limit, and the retries of a message that failed for a passing reason. */
export interface DeliveryConfig {
  /** A call to Telegram or Zalo that has not answered by then is abandoned and retried as a server error would be. */
  callTimeoutMs: number;
  /** The first retry's wait; each next one doubles it, up to `retryMaxMs`, less up to half of it at random. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Tries before a message is given up as failed (a 429 does not count). */
  maxAttempts: number;
}

export interface HttpConfig {
  port: number;
  host: string;
  /** The service's public https address (the one registered as Zalo's webhook); report files are linked under it. */
  publicUrl?: string;
  /** How long a linked report file stays downloadable. */
  fileLinkHours: number;
}

/** The service's settings, parsed once, in sections; a section is absent when its feature is off. */
export interface Config {
  databaseUrl: string;
  /** Language of new chats and of the CLI. */
  language: Language;
  /** Local time (HH:mm) of reminders and the digest on working days. */
  reminderHour: string;
  inviteTtlHours: number;
  console: 'auto' | 'on' | 'off';
  logLevel: LogLevel;
  files: { plansDir: string; holidaysFile: string; subsidyRulesFile: string; reportsDir: string };
  /** Monday-morning digest to supervisors. */
  weeklyDigest: boolean;
  /** Below this confidence (0..1) a citizen's question is handed off, not answered; unset: the default. */
  answerThreshold?: number;
  /** Where handed-off questions go; unset: citizens are given the hotline. */
  staffChat?: { channel: Channel; chatId: string };
  telegram?: TelegramConfig;
  zalo?: ZaloConfig;
  delivery: DeliveryConfig;
  /** The HTTP server (Zalo webhook, health, report links): on with Zalo or when HTTP_PORT is set. */
  http?: HttpConfig;
  /** Days citizens' questions, chat states, webhook events and sent messages' contents are kept. */
  retentionDays: number;
  /** Encrypts the platforms' tokens in the database; needed once a token is stored. */
  secretKey?: string;
}

type Env = z.infer<typeof env>;

function sections(e: Env): Config {
  const zalo: ZaloConfig | undefined = e.ZALO_APP_ID && e.ZALO_APP_SECRET && e.ZALO_OA_SECRET_KEY
    ? {
        appId: e.ZALO_APP_ID, appSecret: e.ZALO_APP_SECRET, oaSecretKey: e.ZALO_OA_SECRET_KEY, apiRoot: e.ZALO_API_ROOT, oauthRoot: e.ZALO_OAUTH_ROOT,
        windowMs: e.ZALO_WINDOW_HOURS * 3_600_000, remindersAs: e.ZALO_REMINDERS_AS, verificationMeta: e.ZALO_VERIFICATION_META, eventWindowMs: e.ZALO_EVENT_WINDOW_MINUTES * 60_000,
      }
    : undefined;
  const port = e.HTTP_PORT ?? (zalo ? 8080 : undefined);
  const [staffChannel, ...staffId] = e.STAFF_CHAT?.split(':') ?? [];
  return {
    databaseUrl: e.DATABASE_URL,
    language: e.DEFAULT_LANGUAGE,
    reminderHour: e.REMINDER_HOUR,
    inviteTtlHours: e.INVITE_TTL_HOURS,
    console: e.CONSOLE,
    logLevel: e.LOG_LEVEL,
    files: { plansDir: e.PLANS_DIR, holidaysFile: e.HOLIDAYS_FILE, subsidyRulesFile: e.SUBSIDY_RULES_FILE, reportsDir: e.REPORTS_DIR },
    weeklyDigest: e.WEEKLY_DIGEST === 'on',
    answerThreshold: e.ANSWER_THRESHOLD,
    // A Telegram group's id is negative and a Zalo id may hold a colon: everything after the first one is the id.
    staffChat: staffChannel ? { channel: staffChannel as Channel, chatId: staffId.join(':') } : undefined,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? { token: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT, username: e.TELEGRAM_BOT_USERNAME, maxPerSecond: e.TELEGRAM_MAX_PER_SECOND, ...(e.TELEGRAM_WEBHOOK_URL ? { webhook: webhookOf(e.TELEGRAM_WEBHOOK_URL, e.TELEGRAM_WEBHOOK_SECRET, e.TELEGRAM_BOT_TOKEN) } : {}) }
      : undefined,
    zalo,
    delivery: { callTimeoutMs: e.PLATFORM_TIMEOUT_SECONDS * 1000, retryBaseMs: e.DELIVERY_RETRY_SECONDS * 1000, retryMaxMs: e.DELIVERY_RETRY_MAX_SECONDS * 1000, maxAttempts: e.DELIVERY_MAX_ATTEMPTS },
    http: port === undefined ? undefined : { port, host: e.HTTP_HOST, publicUrl: e.PUBLIC_URL, fileLinkHours: e.FILE_LINK_HOURS },
    retentionDays: e.RETENTION_DAYS,
    secretKey: e.SECRET_KEY,
  };
}

// Every instance behind the load balancer derives the same secret from the same token, and it changes with the token.
const webhookOf = (url: string, secret: string | undefined, token: string): TelegramWebhookConfig => ({
  url,
  path: new URL(url).pathname,
  secret: secret ?? createHmac('sha256', token).update('telegram-webhook-secret').digest('hex'),
});

const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object') for (const v of Object.values(o)) deepFreeze(v);
  return Object.freeze(o);
};

/** The only reader of the environment; tests pass their own input. The result is frozen: nothing changes it later. */
export function createConfig(input: Record<string, string | undefined> = process.env): Config {
  const parsed = env.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  return deepFreeze(sections(parsed.data));
}

/** Every configured secret, for the logger to scrub. */
export const secretsOf = (c: Config): string[] => [c.telegram?.token, c.telegram?.webhook?.secret, c.zalo?.appSecret, c.zalo?.oaSecretKey, c.secretKey].filter((s): s is string => !!s);
