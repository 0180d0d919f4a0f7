import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createInboundEventRepo } from '../../src/repositories/inbound-event-repo.js';
import { recoverZaloEvents, zaloWebhookHandler, type ZaloEvent } from '../../src/channels/zalo/webhook.js';
import { DATABASES, freshDatabaseUrl, type DatabaseKind } from '../support/databases.js';
import { ZaloEmulator } from '../support/zalo-emulator.js';

/**
 * The handler over a migrated database of the test's own, behind an HTTP server. It answers before it processes;
 * `settle` waits until it has finished with every request it took.
 */
async function webhook(kind: DatabaseKind, failFirst = 0) {
  const dbUrl = await freshDatabaseUrl(kind);
  await migrate(dbUrl);
  const db: Db = await openDb(dbUrl);
  const processed: ZaloEvent[] = [];
  let failures = failFirst;
  const process = async (e: ZaloEvent) => {
    if (failures-- > 0) throw new Error('database unreachable');
    processed.push(e);
  };
  const handler = zaloWebhookHandler({ appId: 'app-1', oaSecretKey: 'oa-secret', events: createInboundEventRepo(db), process, onError: () => undefined });
  const handling = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const done = handler(req, res).finally(() => handling.delete(done));
    handling.add(done);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onTestFinished(async () => { await new Promise((r) => server.close(r)); await db.$disconnect(); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo/webhook`;
  return {
    db,
    processed,
    process,
    post: (body: string, headers: Record<string, string>) => axios.post(url, body, { headers, validateStatus: () => true, transformRequest: [(d: string) => d] }),
    settle: async () => void (await Promise.all(handling)),
  };
}

describe.each(DATABASES)('Zalo webhook handler on %s', (kind) => {
  const emu = new ZaloEmulator('app-1', 'app-secret', 'oa-secret');

  it('rejects forged and unsigned events with 401 and stores nothing', async () => {
    const { db, processed, post, settle } = await webhook(kind);
    const ev = emu.userText('u1', 'xin chào');
    expect((await post(ev.body, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post(ev.body.replace('xin chào', 'chuyển tiền'), ev.headers)).status).toBe(401);
    await settle();
    expect(await createInboundEventRepo(db).count('zalo')).toBe(0);
    expect(processed).toHaveLength(0);
  });

  it('processes a signed event once even when delivered twice', async () => {
    const { db, processed, post, settle } = await webhook(kind);
    const ev = emu.userText('u1', '/hotro');
    expect((await post(ev.body, ev.headers)).status).toBe(200);
    expect((await post(ev.body, ev.headers)).status).toBe(200);
    await settle();
    expect(processed.map((e) => e.message?.text)).toEqual(['/hotro']);
    expect(await createInboundEventRepo(db).count('zalo')).toBe(1);
  });

  it('keeps an event whose processing failed, and processes it when the recovery comes round', async () => {
    const { db, processed, process, post, settle } = await webhook(kind, 1);
    const ev = emu.userText('u2', 'hộ nghèo được hỗ trợ bao nhiêu');
    expect((await post(ev.body, ev.headers)).status).toBe(200);
    await settle();
    expect(processed).toHaveLength(0);
    const events = createInboundEventRepo(db);
    expect(await db.inboundEvent.findFirst()).toMatchObject({ processedAt: null, error: 'database unreachable' });
    // A minute later it is not yet taken for dropped; three minutes later it is, and processed once.
    const receivedAt = (await db.inboundEvent.findFirst())!.receivedAt.getTime();
    expect(await recoverZaloEvents({ events, process, now: () => new Date(receivedAt + 60_000) })).toBe(0);
    expect(await recoverZaloEvents({ events, process, now: () => new Date(receivedAt + 180_000) })).toBe(1);
    expect(processed.map((e) => e.message?.text)).toEqual(['hộ nghèo được hỗ trợ bao nhiêu']);
    expect(await db.inboundEvent.findFirst()).toMatchObject({ processedAt: expect.any(Date), error: null });
    expect(await recoverZaloEvents({ events, process, now: () => new Date(receivedAt + 300_000) })).toBe(0);
  });
});
