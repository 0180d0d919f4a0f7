import { describe, expect, it, onTestFinished } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { TEST_SECRET_KEY } from '../support/test-app.js';
import { createChannelTokenRepo } from '../../src/repositories/channel-token-repo.js';
import { ZaloClient } from '../../src/channels/zalo/client.js';
import { ZaloTokenManager } from '../../src/channels/zalo/tokens.js';
import { ZaloSender } from '../../src/channels/zalo/channel.js';
import { ChannelError } from '../../src/messaging/sender.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { ZaloEmulator } from '../support/zalo-emulator.js';

/** For one test: an OA emulator, a database holding the OA's refresh token, a sender; user u1 has just written to the OA. */
async function oa() {
  const emu = new ZaloEmulator('app-1', 'app-secret', 'oa-secret');
  const api = await emu.start();
  const url = await freshDatabaseUrl('sqlite');
  await migrate(url);
  const db: Db = await openDb(url);
  onTestFinished(async () => { await db.$disconnect(); await emu.stop(); });
  const repo = createChannelTokenRepo(db, TEST_SECRET_KEY);
  await repo.setRefreshToken('zalo', emu.issueRefreshToken());
  const client = new ZaloClient({ apiRoot: api, oauthRoot: api, appId: 'app-1', appSecret: 'app-secret' });
  emu.userText('u1', 'hi');
  return { emu, db, sender: new ZaloSender(client, new ZaloTokenManager(repo, client)) };
}

describe('ZaloSender over HTTP (SQLite)', () => {
  it('splits under 2,000 characters, puts buttons on the last part, summarises attachments', async () => {
    const { emu, sender } = await oa();
    const long = Array.from({ length: 60 }, (_, i) => `dòng ${i} `.padEnd(60, 'x')).join('\n');
    await sender.send('u1', {
      text: long,
      buttons: [[{ text: 'Đã xong', data: 'r:d:k1' }]],
      attachments: [{ kind: 'document', filename: 'bao-cao.csv', mime: 'text/csv', data: Buffer.from('a'), summary: 'Báo cáo: 3 đơn vị' } as never],
    });
    expect(emu.sent.length).toBeGreaterThan(1);
    expect(emu.sent.every((m) => (m.text ?? '').length <= 2000)).toBe(true);
    expect(emu.sent.at(-1)!.buttons).toEqual([{ title: 'Đã xong', type: 'oa.query.show', payload: 'r:d:k1' }]);
    expect(emu.sent.at(-1)!.text).toContain('Báo cáo: 3 đơn vị');
    expect(emu.sent.slice(0, -1).every((m) => m.buttons.length === 0)).toBe(true);
  });

  it('refreshes an expired token mid-run and retries; outside the window is undeliverable (not retried)', async () => {
    const { emu, sender } = await oa();
    emu.sent.length = 0;
    const calls = emu.refreshCalls;
    emu.expireAccessTokens();
    await sender.send('u1', { text: 'sau khi hết hạn' });
    expect(emu.refreshCalls).toBe(calls + 1);
    expect(emu.sent.map((m) => m.text)).toEqual(['sau khi hết hạn']);
    const err = await sender.send('never-wrote', { text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).kind).toBe('undeliverable');
  });

  it('puts more than five buttons in groups of five, every one of them pressable', async () => {
    const { emu, sender } = await oa();
    emu.sent.length = 0;
    const provinces = Array.from({ length: 12 }, (_, i) => [{ text: `Tỉnh ${i + 1}`, data: `s:p:${i + 1}` }]);
    await sender.send('u1', { text: 'Chọn tỉnh:', buttons: provinces });
    expect(emu.sent.map((m) => m.text)).toEqual(['Chọn tỉnh:', '(6–10)', '(11–12)']);
    expect(emu.sent.map((m) => m.buttons.length)).toEqual([5, 5, 2]);
    expect(emu.sent.flatMap((m) => m.buttons.map((b) => b.payload))).toEqual(provinces.map((row) => row[0]!.data));
  });

  it('with ZALO_REMINDERS_AS=transaction, a reminder goes as a transaction card with its buttons; a reply stays a text', async () => {
    const { emu, db } = await oa();
    const repo = createChannelTokenRepo(db, TEST_SECRET_KEY);
    const client = new ZaloClient({ apiRoot: emu.url, oauthRoot: emu.url, appId: 'app-1', appSecret: 'app-secret' });
    const cards = new ZaloSender(client, new ZaloTokenManager(repo, client), undefined, undefined, 'transaction');
    emu.sent.length = 0;
    const reminder = { text: '⏰ Nhắc hạn: Báo cáo lao động\nĐơn vị: Sở Nội vụ\nHạn: 30/06/2026', buttons: [[{ text: '✅ Đã xong', data: 'r:d:k1' }], [{ text: '👌 Đã nhận', data: 'r:a:k1' }]] };
    await cards.send('u1', reminder, { kind: 'reminder', language: 'vi' });
    await cards.send('u1', { text: 'Đã ghi nhận hoàn thành.' });
    expect(emu.sent.map((m) => [m.kind, m.text])).toEqual([
      ['transaction', reminder.text],
      ['cs', 'Đã ghi nhận hoàn thành.'],
    ]);
    expect(emu.sent[0]!.buttons.map((b) => b.payload)).toEqual(['r:d:k1', 'r:a:k1']);
  });
});
