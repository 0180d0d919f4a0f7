import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import axios from 'axios';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { harnessForTest, type ChatUser } from '../support/chat-harness.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { cli, root } from '../support/test-app.js';

// What only Zalo has: signed webhooks, single-use refresh tokens, the interaction window. The features
// themselves run on Zalo in the shared end-to-end tests (reminders, questions, progress).
const plan = parse(readFileSync(join(root, 'prisma/seed/plans/001-binh-phuoc.yaml'), 'utf8')) as { province: string; tasks: { code: string; title: string; lead: string[]; recurrence: { every?: string; due?: string } }[] };
const june30 = plan.tasks.find((t) => t.recurrence.every === 'year' && t.recurrence.due?.replace(/^0/, '') === '30/06')!;
const VERIFICATION = 'zX9verify42';
const aboutJune30 = <T extends { text: string }>(messages: T[]): T[] => messages.filter((m) => m.text.includes(june30.title) && m.text.includes('30/06/2026'));

/**
 * For one test: the OA (with Telegram beside it) on 1/6/2026 at 09:00, and the people of its stories: Lan, who
 * supervises Bình Phước, and Minh, the focal point of the agency leading the 30/6 report, on Zalo and on Telegram.
 */
async function oaOn1June(kind: DatabaseKind) {
  const clock = manualClock(atLocalTime('2026-06-01', '09:00'));
  const harness = await harnessForTest('zalo', kind, { clock, alsoTelegram: true, config: { WEEKLY_DIGEST: 'on', ZALO_VERIFICATION_META: VERIFICATION } });
  const app = () => harness.running.app;
  const supervisor = harness.user(9101, 'Lan');
  const focal = harness.user(9202, 'Minh');
  const focalOnTelegram = harness.telegramUser!(9202, 'Minh');
  const accept = async (who: ChatUser, target: Parameters<ReturnType<typeof app>['invites']['create']>[0]['target']) => {
    await who.say(`/start ${(await app().invites.create({ target, now: clock.now() })).token}`);
    await who.receive();
  };
  const story = {
    harness,
    zalo: harness.zalo!,
    clock,
    app,
    supervisor,
    focal,
    focalOnTelegram,
    webhook: () => `${harness.running.httpUrl}/zalo/webhook`,
    async moveTo(date: string, time = '08:00') {
      clock.set(atLocalTime(date, time));
      await app().scheduler.runOnce();
    },
    focalReminders: async () => (await app().repos.outbox.list()).filter((m) => m.kind === 'reminder' && m.payload.includes(june30.title) && m.chatId !== supervisor.chatId),
    /** Lan and Minh accept their invites in the OA chat, today. */
    async invited() {
      await accept(supervisor, { kind: 'supervisor', province: plan.province });
      await accept(focal, { kind: 'focal', agencyId: (await app().repos.agencies.byCode(june30.lead[0]!))!.id });
    },
    /** …then Minh says nothing on Zalo for two weeks; Lan wrote on 14/6. It is 15/6, 08:00, a Monday. */
    async quietUntil15June() {
      await story.invited();
      clock.set(atLocalTime('2026-06-14', '09:00'));
      await supervisor.say('/hanchot');
      await supervisor.receive();
      await story.moveTo('2026-06-15');
    },
    /** …or Minh links Telegram on 16/6 with a code from /lienket on Zalo, and writes on Zalo last on 17/6. */
    async linkedOn16June() {
      await story.invited();
      clock.set(atLocalTime('2026-06-16', '09:00'));
      await focal.say('/lienket');
      const code = /\/lienket ([A-Z0-9]{8})/.exec((await focal.receive())[0]!.text)![1]!;
      await focalOnTelegram.say(`/lienket ${code}`);
      await focalOnTelegram.receive();
      await focal.press((await focal.receive())[0]!.buttons[0]!.data);
      await focal.receive();
      clock.set(atLocalTime('2026-06-17', '09:00'));
      await focal.say('/hanchot');
      await focal.receive();
    },
  };
  return story;
}

describe.each(DATABASES)('Zalo OA channel (%s)', (kind) => {
  test('the HTTP server answers the load balancer and Zalo\'s domain check', async () => {
    const { harness, webhook } = await oaOn1June(kind);
    const base = harness.running.httpUrl!;
    const health = await axios.get(`${base}/health`, { validateStatus: () => true });
    expect([health.status, health.data]).toEqual([200, { status: 'ok' }]);
    for (const path of ['/', `/zalo_verifier${VERIFICATION}.html`]) {
      const page = await axios.get<string>(`${base}${path}`, { validateStatus: () => true });
      expect(page.status).toBe(200);
      expect(page.data).toContain(`<meta name="zalo-platform-site-verification" content="${VERIFICATION}" />`);
    }
    expect((await axios.get(webhook(), { validateStatus: () => true })).status).toBe(405);
    expect((await axios.get(`${base}/nothing-here`, { validateStatus: () => true })).status).toBe(404);
  });

  test('a new follower is welcomed, by the name on their Zalo profile', async () => {
    const { harness, zalo, app, webhook } = await oaOn1June(kind);
    const thao = harness.user(9301, 'Thảo');
    expect(await zalo.deliver(webhook(), zalo.followEvent(thao.chatId))).toBe(200);
    const [welcome] = await thao.receive();
    expect(welcome!.text).toContain('Thảo');
    expect((await app().repos.people.listPeople()).map((p) => p.name)).toContain('Thảo');
  });

  test('a forged, tampered or unsigned event is refused with 401 and nothing is stored', async () => {
    const { harness, zalo, app, webhook } = await oaOn1June(kind);
    const events = await app().repos.inboundEvents.count('zalo');
    const people = (await app().repos.people.listPeople()).length;
    const genuine = zalo.userText('9401', 'hộ nghèo được hỗ trợ bao nhiêu');
    const tampered = { ...genuine, body: genuine.body.replace('hộ nghèo', 'hộ cận nghèo') };
    const unsigned = { ...genuine, headers: { 'content-type': 'application/json' } };
    const otherSecret = { ...genuine, headers: { ...genuine.headers, 'x-zevent-signature': `mac=${'0'.repeat(64)}` } };
    for (const event of [tampered, unsigned, otherSecret]) expect(await zalo.deliver(webhook(), event)).toBe(401);
    expect(await app().repos.inboundEvents.count('zalo')).toBe(events);
    expect((await app().repos.people.listPeople()).length).toBe(people);
    expect(await harness.user(9401, 'Khách').receiveAll()).toEqual([]);
  });

  test('the same event delivered twice is answered once', async () => {
    const { harness, zalo, webhook } = await oaOn1June(kind);
    const citizen = harness.user(9402, 'Hoa');
    const event = zalo.userText(citizen.chatId, 'ho ngheo dong bhxh tu nguyen bao nhieu');
    expect(await Promise.all([zalo.deliver(webhook(), event), zalo.deliver(webhook(), event)])).toEqual([200, 200]);
    const replies = [...(await citizen.receive()), ...(await citizen.receiveAll())];
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('165.000 đ');
  });

  test('a reply Zalo does not take (a server error) is kept and sent once Zalo is back', async () => {
    const { harness, zalo, app, clock } = await oaOn1June(kind);
    const citizen = harness.user(9405, 'Hạnh');
    zalo.failNext = 1;
    await citizen.say('/tinh can ngheo 3tr');
    expect(await citizen.receiveAll()).toEqual([]);
    const queued = (await app().repos.outbox.list({ status: 'pending' })).filter((m) => m.chatId === citizen.chatId);
    expect(queued).toHaveLength(1);
    clock.advance(60_000);
    await app().scheduler.runOnce();
    const [reply] = await citizen.receive();
    expect(reply!.text).toContain('528.000 đ');
    expect(await citizen.receiveAll()).toEqual([]);
  });

  test('a message accepted just before a crash is answered after the restart', async () => {
    const { harness, zalo, app, clock, webhook } = await oaOn1June(kind);
    const citizen = harness.user(9404, 'Dũng');
    const event = zalo.userText(citizen.chatId, '/tinh can ngheo 3tr', 'msg-before-crash');
    // What the webhook had done when the process died: the event recorded and answered 200, not processed.
    await app().repos.inboundEvents.record('zalo', 'msg-before-crash', 'user_send_text', event.body, new Date(clock.now().getTime() - 5 * 60_000));
    await harness.restart();
    const [reply] = await citizen.receive();
    expect(reply!.text).toContain('528.000 đ');
    expect((await app().repos.inboundEvents.orphans('zalo', clock.now())).map((o) => o.eventId)).not.toContain('msg-before-crash');
    // Zalo retrying the same delivery later changes nothing.
    expect(await zalo.deliver(webhook(), event)).toBe(200);
    expect(await citizen.receiveAll()).toEqual([]);
  });

  test('invites are accepted by typing the token in the OA chat', async () => {
    const { app, clock, supervisor, focal } = await oaOn1June(kind);
    const { token } = await app().invites.create({ target: { kind: 'supervisor', province: plan.province }, now: clock.now() });
    await supervisor.say(`/start ${token}`);
    expect((await supervisor.receive())[0]!.text).toContain('cán bộ giám sát của Bình Phước');
    await supervisor.say(`/moi ${june30.lead[0]}`);
    const invite = (await supervisor.receive(2)).map((m) => m.text).join('\n');
    await focal.say(`/start ${/start ([A-Za-z0-9_-]{20,})/.exec(invite)![1]}`);
    expect((await focal.receive())[0]!.text).toMatch(/^Bạn đã là đầu mối của /);
  });

  test('an expired access token is refreshed once mid-run, for two users at once, and the new refresh token is kept', async () => {
    const { harness, zalo, app, supervisor, focal, invited } = await oaOn1June(kind);
    await invited();
    const before = (await app().repos.channelTokens.get('zalo'))!;
    const calls = zalo.refreshCalls;
    zalo.expireAccessTokens();
    await Promise.all([supervisor.say('/trogiup'), focal.say('/trogiup')]);
    expect((await supervisor.receive())[0]!.text).toContain('/quahan');
    expect((await focal.receive())[0]!.text).toContain('/hanchot');
    expect(zalo.refreshCalls).toBe(calls + 1);
    const after = (await app().repos.channelTokens.get('zalo'))!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The old refresh token was spent: Zalo refuses it, so only the stored one can work.
    const reuse = await axios.post(`${zalo.url}/v4/oa/access_token`, new URLSearchParams({ refresh_token: before.refreshToken, app_id: zalo.appId, grant_type: 'refresh_token' }).toString(), { headers: { secret_key: zalo.appSecret } });
    expect(reuse.data.error).toBe(-14014);
    // A restart reads the stored tokens and does not refresh again.
    const refreshes = zalo.refreshCalls;
    await harness.restart();
    await focal.say('/trogiup');
    expect(await focal.receive()).toHaveLength(1);
    expect(zalo.refreshCalls).toBe(refreshes);
  });

  test('the operator sets a refresh token from the CLI: read from stdin, never echoed, bad input stores nothing', async () => {
    const { harness, zalo, app, focal, invited } = await oaOn1June(kind);
    await invited();
    const fresh = zalo.issueRefreshToken();
    const set = await cli(['zalo', 'set-refresh-token'], harness.databaseUrl, { stdin: `${fresh}\n` });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Đã lưu refresh token');
    expect(set.stdout + set.stderr).not.toContain(fresh);
    expect((await app().repos.channelTokens.get('zalo'))!.refreshToken).toBe(fresh);
    const bad = await cli(['zalo', 'set-refresh-token'], harness.databaseUrl, { stdin: 'not a token\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Không có gì được lưu');
    expect((await app().repos.channelTokens.get('zalo'))!.refreshToken).toBe(fresh);
    const status = await cli(['zalo', 'status'], harness.databaseUrl, { stdin: '' });
    expect(status.stdout).toContain('đã có refresh token');
    expect(status.stdout).not.toContain(fresh);
    // The service picks the new token up on its next send.
    await focal.say('/trogiup');
    expect(await focal.receive()).toHaveLength(1);
    expect((await app().repos.channelTokens.get('zalo'))!.refreshToken).not.toBe(fresh);
  });

  test('a picture gets a text-only answer; an unfollow marks the chat blocked', async () => {
    const { harness, zalo, app, webhook } = await oaOn1June(kind);
    const an = harness.user(9403, 'An');
    await zalo.deliver(webhook(), zalo.signed({ event_name: 'user_send_image', sender: { id: an.chatId }, recipient: { id: 'oa' }, message: { msg_id: 'img-1', attachments: [{ type: 'image' }] } }));
    expect((await an.receive())[0]!.text).toBeTruthy();
    expect(await zalo.deliver(webhook(), zalo.followEvent(an.chatId, 'unfollow'))).toBe(200);
    await an.receiveAll();
    expect((await app().repos.people.chat('zalo', an.chatId))!.blocked).toBe(true);
  });

  describe('the interaction window', () => {
    test('a focal point silent for two weeks is not sent the reminder on Zalo: it is recorded undeliverable and not retried', async () => {
      const { zalo, focal, moveTo, focalReminders, quietUntil15June } = await oaOn1June(kind);
      // The supervisor wrote yesterday; the focal point last wrote on 1/6.
      await quietUntil15June();
      expect(aboutJune30(await focal.receiveAll())).toEqual([]);
      const [row] = await focalReminders();
      expect([row!.channel, row!.status, row!.lastError]).toEqual(['zalo', 'undeliverable', 'outside the interaction window']);
      await moveTo('2026-06-15', '09:00');
      expect(await focalReminders()).toEqual([row]);
      expect(zalo.sent.filter((m) => m.userId === focal.chatId && m.text?.includes(june30.title))).toEqual([]);
    });

    test('the Monday digest names who must open the OA chat again', async () => {
      const { supervisor, quietUntil15June } = await oaOn1June(kind);
      await quietUntil15June();
      const digest = (await supervisor.receiveAll()).find((m) => m.text.includes('📵'));
      expect(digest!.text).toContain('Minh (01/06/2026)');
      expect(digest!.text).not.toContain('Lan (');
    });

    test('the focal point links Telegram: a code from /lienket on Zalo, typed on Telegram', async () => {
      const { clock, focal, focalOnTelegram, invited } = await oaOn1June(kind);
      await invited();
      clock.set(atLocalTime('2026-06-16', '09:00'));
      await focal.say('/lienket');
      const code = /\/lienket ([A-Z0-9]{8})/.exec((await focal.receive())[0]!.text)![1]!;
      await focalOnTelegram.say(`/lienket ${code}`);
      expect((await focalOnTelegram.receive())[0]!.text).toContain('Gần xong');
      // Confirmed on Zalo, the chat that made the code.
      const [ask] = await focal.receive();
      expect(ask!.text).toContain('Kênh telegram «Minh» vừa nhập mã liên kết của bạn');
      await focal.press(ask!.buttons[0]!.data);
      expect((await focal.receive())[0]!.text).toContain('Đã liên kết kênh telegram với Minh');
      await focalOnTelegram.say(`/lienket ${code}`);
      expect((await focalOnTelegram.receive())[0]!.text).toContain('đã được dùng');
      // The next day Zalo is the chat used last.
      clock.set(atLocalTime('2026-06-17', '09:00'));
      await focal.say('/hanchot');
      expect((await focal.receive())[0]!.text).toContain(june30.title);
    });

    test('the 7-day reminder reaches Zalo, written to five days ago', async () => {
      const { focal, focalOnTelegram, moveTo, linkedOn16June } = await oaOn1June(kind);
      await linkedOn16June();
      await moveTo('2026-06-22');
      expect(aboutJune30(await focal.receive())).toHaveLength(1);
      expect(aboutJune30(await focalOnTelegram.receiveAll())).toEqual([]);
    });

    test('the 3-day reminder, outside the window, comes on Telegram instead', async () => {
      const { focal, focalOnTelegram, moveTo, focalReminders, linkedOn16June } = await oaOn1June(kind);
      await linkedOn16June();
      // The 7-day reminder came on Zalo.
      await moveTo('2026-06-22');
      await focal.receive();
      await moveTo('2026-06-26');
      expect(aboutJune30(await focal.receiveAll())).toEqual([]);
      const [reminder] = aboutJune30(await focalOnTelegram.receive());
      expect(reminder!.text).toContain('còn 3 ngày');
      expect(reminder!.buttons.map((b) => b.text)).toEqual(['✅ Đã xong', '👌 Đã nhận', '⏳ Nhắc lại sau 1 ngày', '🗓 Xin gia hạn']);
      const rows = (await focalReminders()).slice(-2);
      expect(rows.map((r) => [r.channel, r.status])).toEqual([['zalo', 'undeliverable'], ['telegram', 'sent']]);
      expect(rows[1]!.dedupeKey).toBe(`${rows[0]!.dedupeKey}>telegram`);
    });

    test('typing "xong" on Zalo closes the deadline; nothing more comes on either channel', async () => {
      const { clock, focal, focalOnTelegram, moveTo, linkedOn16June } = await oaOn1June(kind);
      await linkedOn16June();
      // The 7-day reminder came on Zalo, the 3-day one on Telegram.
      await moveTo('2026-06-22');
      await focal.receive();
      await moveTo('2026-06-26');
      await focalOnTelegram.receive();
      clock.set(atLocalTime('2026-06-27', '09:00'));
      await focal.say('Xong rồi');
      expect((await focal.receive())[0]!.text).toContain('Đã ghi nhận hoàn thành');
      for (const day of ['2026-06-29', '2026-06-30', '2026-07-01']) await moveTo(day);
      expect(aboutJune30(await focal.receiveAll())).toEqual([]);
      expect(aboutJune30(await focalOnTelegram.receiveAll())).toEqual([]);
    });
  });
});
