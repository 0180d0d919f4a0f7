import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Channel } from './messaging/channel.js';

/** One row of the outbox's depth: how many messages wait (or were given up) in a status on a channel. */
export interface OutboxDepth {
  status: string;
  channel: string;
  count: number;
}

const CHANNELS: Channel[] = ['telegram', 'zalo', 'console'];

// prom-client's default metrics start a GC observer and an event-loop monitor per call that are never stopped;
// they describe the process, not a service, so every service started in one process (the tests) shares one set.
let processMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/**
 * The service's Prometheus metrics, on a registry of its own (never prom-client's global one: tests run several
 * services in one process). Labels are channels and statuses only: no chat, person, token or address.
 * `outboxDepth` is asked once per scrape; everything else is counted where it happens.
 */
export function createMetrics(options: { outboxDepth?: () => Promise<OutboxDepth[]> } = {}) {
  const own = new Registry();
  const registers = [own];
  const sent = new Counter({ name: 'bhxh_messages_sent_total', help: 'Messages the platform accepted (replies and outbox), by channel.', labelNames: ['channel'], registers });
  const failed = new Counter({ name: 'bhxh_messages_failed_total', help: 'Messages the platform refused for good (blocked, undeliverable, permanent errors), by channel.', labelNames: ['channel'], registers });
  const rateLimited = new Counter({ name: 'bhxh_messages_rate_limited_total', help: 'Platform calls answered 429 (or the platform\'s rate-limit error), by channel.', labelNames: ['channel'], registers });
  const tickSeconds = new Histogram({ name: 'bhxh_scheduler_tick_seconds', help: 'Duration of one scheduler run: planning due reminders and draining the outbox.', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers });
  const inboundSeconds = new Histogram({ name: 'bhxh_inbound_handling_seconds', help: 'From a person\'s message reaching the service to its replies sent or queued, by channel.', labelNames: ['channel'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers });
  const outboxDepth = new Gauge({
    name: 'bhxh_outbox_depth',
    help: 'Messages in the outbox by status and channel (sent messages are not counted), read from the database at each scrape.',
    labelNames: ['status', 'channel'],
    registers,
    async collect() {
      const rows = (await options.outboxDepth?.()) ?? [];
      this.reset();
      // Zero rather than absent, so that a queue that empties reads 0 on a dashboard.
      for (const channel of CHANNELS) this.set({ status: 'pending', channel }, 0);
      for (const row of rows) this.set({ status: row.status, channel: row.channel }, row.count);
    },
  });
  // Channels start at zero, so that rate() works from the first message.
  for (const channel of CHANNELS) for (const counter of [sent, failed, rateLimited]) counter.inc({ channel }, 0);
  for (const channel of CHANNELS) inboundSeconds.zero({ channel });

  const registry = Registry.merge([processRegistry(), own]);
  return {
    registry,
    sent,
    failed,
    rateLimited,
    tickSeconds,
    inboundSeconds,
    outboxDepth,
    /** Times `work` into the inbound histogram, whether it succeeds or throws. */
    async timeInbound<T>(channel: Channel, work: () => Promise<T>): Promise<T> {
      const end = inboundSeconds.startTimer({ channel });
      try {
        return await work();
      } finally {
        end();
      }
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
