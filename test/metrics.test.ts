import { describe, expect, test } from 'vitest';
import { startHttpServer } from '../src/http/server.js';
import { silentLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { parseExposition, sampleValue } from './support/prometheus.js';

describe('the service\'s metrics', () => {
  test('each service counts on a registry of its own, beside the process\'s memory and CPU', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.sent.inc({ channel: 'telegram' }, 3);
    second.rateLimited.inc({ channel: 'zalo' });
    const a = await first.registry.metrics();
    const b = await second.registry.metrics();
    expect(sampleValue(a, 'bhxh_messages_sent_total', { channel: 'telegram' })).toBe(3);
    expect(sampleValue(b, 'bhxh_messages_sent_total', { channel: 'telegram' })).toBe(0);
    expect(sampleValue(b, 'bhxh_messages_rate_limited_total', { channel: 'zalo' })).toBe(1);
    expect(sampleValue(a, 'bhxh_messages_rate_limited_total', { channel: 'zalo' })).toBe(0);
    for (const text of [a, b]) {
      expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(sampleValue(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    }
  });

  test('the outbox depth is read at each scrape, and a channel with nothing pending reads 0', async () => {
    let rows = [{ status: 'pending', channel: 'telegram', count: 4 }, { status: 'failed', channel: 'zalo', count: 1 }];
    const metrics = createMetrics({ outboxDepth: async () => rows });
    let text = await metrics.registry.metrics();
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'pending', channel: 'telegram' })).toBe(4);
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'failed', channel: 'zalo' })).toBe(1);
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'pending', channel: 'zalo' })).toBe(0);
    rows = [];
    text = await metrics.registry.metrics();
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'pending', channel: 'telegram' })).toBe(0);
    expect(sampleValue(text, 'bhxh_outbox_depth', { status: 'failed', channel: 'zalo' })).toBeUndefined();
  });

  test('inbound handling is timed whether it succeeds or fails', async () => {
    const metrics = createMetrics();
    await metrics.timeInbound('zalo', async () => 'answered');
    await expect(metrics.timeInbound('zalo', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'bhxh_inbound_handling_seconds_count', { channel: 'zalo' })).toBe(2);
    expect(sampleValue(text, 'bhxh_inbound_handling_seconds_count', { channel: 'telegram' })).toBe(0);
  });

  test('GET /metrics serves the text format; a figure that cannot be read answers 503 and says nothing of why', async () => {
    const metrics = createMetrics();
    let failing = false;
    const server = await startHttpServer({
      port: 0, host: '127.0.0.1', webhooks: {}, healthy: async () => true, logger: silentLogger,
      metrics: async () => {
        if (failing) throw new Error('connect ECONNREFUSED postgresql://bhxh:hunter2@db:5432/bhxh');
        return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
      },
    });
    try {
      const ok = await fetch(`${server.url}/metrics`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(parseExposition(await ok.text()).map((s) => s.name)).toContain('bhxh_messages_sent_total');
      failing = true;
      const failed = await fetch(`${server.url}/metrics`);
      expect(failed.status).toBe(503);
      expect(await failed.text()).toBe('');
      expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
