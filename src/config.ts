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
