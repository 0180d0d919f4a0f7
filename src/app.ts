import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from './config.js';
import { openDb, providerOf, type Db } from './db/connect.js';
import { listenForOutbox } from './db/notify.js';
import { openChatLock, START_TURN } from './db/chat-lock.js';
import { migrate } from './db/migrate.js';
import { createWorkCalendar, missingHolidayYears } from './domain/calendar/work-calendar.js';
import { localDateOf } from './domain/calendar/local-time.js';
import { createConversation } from './conversation/core.js';
import { fallback, features } from './conversation/features/index.js';
import { createI18n } from './i18n.js';
import type { Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { readHolidays } from './plans/holidays-file.js';
import { createAgenciesRepo } from './repositories/agencies-repo.js';
import { createQuestionsRepo } from './repositories/questions-repo.js';
import { DEFAULT_THRESHOLD, loadRules, prepareMatcher } from './domain/subsidy/index.js';
import { createChatStateRepo } from './repositories/chat-state-repo.js';
import { createInvitesRepo } from './repositories/invites-repo.js';
import { createOutboxRepo } from './repositories/outbox-repo.js';
import { createOperationsRepo } from './repositories/operations-repo.js';
import { createPeopleRepo } from './repositories/people-repo.js';
import type { Channel } from './messaging/channel.js';
import { createPlansRepo } from './repositories/plans-repo.js';
import { createRemindersRepo } from './repositories/reminders-repo.js';
import { createExtensionsRepo } from './repositories/extensions-repo.js';
import { createDeadlineLogRepo } from './repositories/deadline-log-repo.js';
import type { EvidenceLogDeps } from './services/evidence-log.js';
import { createProgressRepo } from './repositories/progress-repo.js';
import { createProgressFiguresRepo } from './repositories/progress-figures-repo.js';
import { createDeadlineStatsRepo } from './repositories/deadline-stats-repo.js';
import { createChannelTokenRepo } from './repositories/channel-token-repo.js';
import { createInboundEventRepo } from './repositories/inbound-event-repo.js';
import { createProgressService } from './services/progress-service.js';
import { createDeadlineStats } from './services/deadline-stats.js';
import { createDigest } from './services/digest.js';
import type { ChannelSender } from './messaging/sender.js';
import { createReplies } from './channels/replies.js';
import { systemClock, type Clock } from './services/clock.js';
import { createInviteService } from './services/invite-service.js';
import { createDeliveryFailuresRepo } from './repositories/delivery-failures-repo.js';
import { createOutboxWorker } from './services/outbox-worker.js';
import { importPlans } from './services/plan-import.js';
import { applyConfiguredReorganisation } from './services/reorganisation.js';
import { createRateLimiter, type RateLimits } from './services/rate-limiter.js';
import { createRateBudget } from './repositories/rate-budget-repo.js';
import { createReminderService } from './services/reminder-service.js';
import { createReminderPlanner } from './services/reminder-planner.js';
import { createPlannerRepo } from './repositories/planner-repo.js';
import { createScheduler } from './services/scheduler.js';
import { createPrivacyRepo } from './repositories/privacy-repo.js';
import { createRetention } from './services/retention.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** Import the plan files first (default true). */
  importPlans?: boolean;
  /** The bot's username for invite links, once Telegram has told it; the configured one wins. */
  botUsername?: () => string | undefined;
}

/** Builds the service's parts over one database; channels plug their senders in afterwards. */
export async function createApp(options: AppOptions) {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  if (options.migrate !== false) {
    const applied = await migrate(config.databaseUrl);
    if (applied.length) logger.info('database migrated', { applied });
  }
  const db: Db = await openDb(config.databaseUrl);
  const provider = providerOf(config.databaseUrl);
  const instanceId = randomUUID();
  // Whoever queues a message wakes this instance's outbox, and on PostgreSQL every other instance's.
  const outboxSignal = await listenForOutbox(config.databaseUrl, instanceId, () => outbox.wake(), logger);
  // A chat's webhook updates handled one at a time across instances (PostgreSQL); connects only when first used.
  const chatLock = await openChatLock(config.databaseUrl, logger);
  const i18n = await createI18n(config.language);
  // Read once at start: a wrong rules file stops the service with its line and field, rather than answering wrongly.
  const subsidyFile = resolve(config.files.subsidyRulesFile);
  const subsidy = { rules: loadRules(readFileSync(subsidyFile, 'utf8'), subsidyFile), threshold: config.answerThreshold ?? DEFAULT_THRESHOLD };
  prepareMatcher();
  const holidays = readHolidays(resolve(config.files.holidaysFile));
  const calendar = createWorkCalendar(holidays);
  const calendarGaps = (now: Date) => missingHolidayYears(holidays, localDateOf(now));
  const gaps = calendarGaps(clock.now());
  if (gaps.length) logger.warn('no holiday calendar for a year in use: only weekends are days off', { years: gaps, file: config.files.holidaysFile });
  const repos = {
    plans: createPlansRepo(db, { ladder: { hour: config.reminderHour } }),
    agencies: createAgenciesRepo(db),
    people: createPeopleRepo(db, provider),
    invitesRepo: createInvitesRepo(db),
    reminders: createRemindersRepo(db, provider),
    extensions: createExtensionsRepo(db),
    deadlineLog: createDeadlineLogRepo(db),
    outbox: createOutboxRepo(db, instanceId, { provider, onQueued: () => outboxSignal.queued() }),
    operations: createOperationsRepo(db),
    chatState: createChatStateRepo(db),
    questions: createQuestionsRepo(db, provider),
    progressUpdates: createProgressRepo(db),
    progressFigures: createProgressFiguresRepo(db),
    deadlineStats: createDeadlineStatsRepo(db),
    channelTokens: createChannelTokenRepo(db, config.secretKey),
    inboundEvents: createInboundEventRepo(db),
    privacy: createPrivacyRepo(db),
    deliveryFailures: createDeliveryFailuresRepo(db),
  };
  // A history kept before figures were computed in the database gets them once (the tables exist once migrated).
  if (options.migrate !== false && (await repos.progressUpdates.ensureFigures())) logger.info('progress figures rebuilt from the history');
  if (options.importPlans !== false) {
    // Instances started together take turns: the second finds the plans and the reorganisation in place.
    await chatLock.hold(START_TURN, async () => {
      const report = await importPlans(resolve(config.files.plansDir), repos.plans);
      for (const issue of report.invalid) logger.error('invalid plan file', { ...issue });
      const changed = report.imported.filter((p) => p.outcome !== 'unchanged');
      if (changed.length) logger.info('plans imported', { plans: changed });
      await applyConfiguredReorganisation(config, repos.agencies, logger, clock.now());
    });
  }
  // One registry per app: tests start several services in one process.
  const metrics = createMetrics({ outboxDepth: () => repos.operations.depth() });
  const invites = createInviteService({ invites: repos.invitesRepo, agencies: repos.agencies, ttlHours: config.inviteTtlHours });
  const planner = createReminderPlanner({ ...repos, planner: createPlannerRepo(db, provider), calendar, calendarVersion: JSON.stringify(holidays), instanceId, logger, onQueued: () => outboxSignal.queued() });
  const reminders = createReminderService({ ...repos, calendar, logger, planner });
  const senders = new Map<Channel, ChannelSender>();
  const outcomes = { sent: metrics.sent, failed: metrics.failed, rate_limited: metrics.rateLimited };
  const outbox = createOutboxWorker({ outbox: repos.outbox, people: repos.people, i18n, clock, logger, senders, maxAttempts: config.delivery.maxAttempts, retryBaseMs: config.delivery.retryBaseMs, retryMaxMs: config.delivery.retryMaxMs, onOutcome: (channel, outcome) => outcomes[outcome].inc({ channel }) });
  const deadlineStats = createDeadlineStats(repos);
  const evidenceLog: EvidenceLogDeps = { reminders, plans: repos.plans, agencies: repos.agencies, log: repos.deadlineLog, extensions: repos.extensions };
  const progress = createProgressService({ progress: repos.progressUpdates, figures: repos.progressFigures, deadlines: deadlineStats, agencies: repos.agencies, reminders });
  const digest = createDigest({ ...repos, progress, deadlines: deadlineStats, logger, hour: config.reminderHour, ...(config.zalo ? { zaloWindowMs: config.zalo.windowMs } : {}) });
  const retention = createRetention({ privacy: repos.privacy, days: config.retentionDays, logger });
  const scheduler = createScheduler({ clock, reminders, outbox, logger, metrics, housekeeping: retention, ...(config.weeklyDigest ? { digest } : {}) });
  const replies = createReplies({ outbox: repos.outbox, people: repos.people, clock, logger, metrics });
  const botUsername = () => config.telegram?.username ?? options.botUsername?.();
  const conversation = createConversation({ ...repos, subsidy, invites, reminders, progress, evidenceLog, clock, config, botUsername, logger, i18n, features, fallback, calendarGaps });

  return {
    db, i18n, clock, calendar, chatLock, repos, subsidy, invites, reminders, progress, evidenceLog, deadlineStats, digest, outbox, scheduler, conversation, replies, metrics, retention,
    botUsername,
    /** The one limiter for everything that leaves for a platform, its budget shared through the database. */
    limiter: (channel: Channel, limits: RateLimits) => createRateLimiter(limits, { budget: createRateBudget(db, provider, channel) }),
    addSender(sender: ChannelSender): void {
      senders.set(sender.channel, sender);
    },
    /** For the load balancer: the database answers. */
    async healthy(): Promise<boolean> {
      await db.$queryRawUnsafe('SELECT 1');
      return true;
    },
    async close(): Promise<void> {
      await scheduler.stop();
      await retention.idle();
      await planner.release().catch((e: unknown) => logger.warn('planner lease not released', { error: String(e) }));
      await outboxSignal.close();
      await outbox.stop();
      await chatLock.close();
      // What turns logged after their replies is stored before the database closes.
      await conversation.written().catch((e: unknown) => logger.error('logged rows not stored', { error: String(e) }));
      await db.$disconnect();
    },
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;
