import { z } from 'zod';

const optional = z.string().trim().transform((v) => v || undefined).optional();

const schema = z.object({
  DATABASE_URL: z.string().default('file:./data/local/bhxh.db'),
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: optional,
  TELEGRAM_BOT_USERNAME: optional,
  DEFAULT_LANGUAGE: z.enum(['vi', 'en']).default('vi'),
  REMINDER_HOUR: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('08:00'),
  INVITE_TTL_HOURS: z.coerce.number().int().positive().default(72),
  CONSOLE: z.enum(['auto', 'on', 'off']).default('auto'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  PLANS_DIR: z.string().default('prisma/seed/plans'),
  HOLIDAYS_FILE: z.string().default('data/holidays.yaml'),
  SUBSIDY_RULES_FILE: z.string().default('data/subsidy/rules.yaml'),
  /** Where the console channel and `cli report` write report files (spreadsheets, charts). */
  REPORTS_DIR: z.string().default('data/local/reports'),
  /** Monday-morning digest to supervisors (upcoming, overdue, updates received, silent agencies). */
  WEEKLY_DIGEST: z.enum(['on', 'off']).default('on'),
  /** Below this confidence (0..1) a citizen's question is not answered but handed off. */
  ANSWER_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /** The staff chat that receives handed-off questions, as channel:chatId (e.g. telegram:-1001234567890). */
  STAFF_CHAT: z.string().trim().regex(/^(telegram|zalo|console):\S+$/, 'channel:chatId, e.g. telegram:-1001234567890').optional().or(z.literal('').transform(() => undefined)),
  /** Zalo Official Account: all three set turns the channel on, none set leaves it off. */
  ZALO_APP_ID: optional,
  /** The app's secret key, sent as `secret_key` when refreshing the access token. */
  ZALO_APP_SECRET: optional,
  /** The OA secret key, which signs webhook events (X-ZEvent-Signature). */
  ZALO_OA_SECRET_KEY: optional,
  ZALO_API_ROOT: optional,
  ZALO_OAUTH_ROOT: optional,
  /** Hours after a user's last message during which the OA may still write to them (Zalo refuses after; sources say 7 days). */
  ZALO_WINDOW_HOURS: z.coerce.number().positive().default(168),
  /** How reminders and escalations go on Zalo: cs (customer-service text) or transaction (a card; the OA must be approved for it). */
  ZALO_REMINDERS_AS: z.enum(['cs', 'transaction']).default('cs'),
  /** Content of Zalo's domain-verification meta tag, served on GET / when set. */
  ZALO_VERIFICATION_META: optional,
  /** The service's HTTP server (Zalo webhook, health). Default 8080 when Zalo is on; otherwise off unless set. */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional().or(z.literal('').transform(() => undefined)),
  HTTP_HOST: z.string().default('0.0.0.0'),
  /** The service's public https address (the one registered as Zalo's webhook); report files are linked under it. */
  PUBLIC_URL: z.string().trim().url().optional().or(z.literal('').transform(() => undefined)),
  /** Hours a linked report file stays downloadable. */
  FILE_LINK_HOURS: z.coerce.number().positive().default(24),
}).superRefine((c, ctx) => {
  const zalo = [c.ZALO_APP_ID, c.ZALO_APP_SECRET, c.ZALO_OA_SECRET_KEY];
  if (zalo.some(Boolean) && !zalo.every(Boolean)) ctx.addIssue({ code: 'custom', path: ['ZALO_APP_ID'], message: 'set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY together, or none of them' });
});

export type Config = z.infer<typeof schema> & { timeZone: 'Asia/Ho_Chi_Minh' };

/** The only reader of the environment; tests pass their own input. */
export function createConfig(input: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  return { ...parsed.data, timeZone: 'Asia/Ho_Chi_Minh' };
}

/** Zalo is on when its three credentials are set (the schema refuses a partial set). */
export const zaloEnabled = (c: Config): c is Config & { ZALO_APP_ID: string; ZALO_APP_SECRET: string; ZALO_OA_SECRET_KEY: string } => !!c.ZALO_APP_ID;

/** The port of the HTTP server, or undefined when the service needs none. */
export const httpPort = (c: Config): number | undefined => c.HTTP_PORT ?? (zaloEnabled(c) ? 8080 : undefined);

/** Every configured secret, for the logger to scrub. */
export const secretsOf = (c: Config): string[] => [c.TELEGRAM_BOT_TOKEN, c.ZALO_APP_SECRET, c.ZALO_OA_SECRET_KEY].filter((s): s is string => !!s);
