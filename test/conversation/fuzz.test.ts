import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { describe, expect, onTestFinished, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { BUTTON_REGISTRY, MAX_DATA_BYTES } from '../../src/messaging/buttons.js';
import { features } from '../../src/conversation/features/index.js';
import type { RoleInfo } from '../../src/repositories/people-repo.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { SEED_PLANS, startApp } from '../support/test-app.js';
import { threadCpuMs } from '../support/thread-cpu.js';

/**
 * Property-based fuzzing of the conversation core (issue 10): any text, command or button data from any role, in any
 * order, gets replies, never a throw, a raw i18n key, "undefined" or "NaN", a reply Telegram would refuse (over 4,096
 * characters) or button data over 64 bytes. A fixed seed makes a failure reproducible.
 *
 * Time: what bounds a message is the CPU it costs this thread (test/support/thread-cpu.ts), the database driver's
 * work included: its MEAN over hundreds of messages is held under 50 ms. Not wall time: the suite runs three workers
 * on a shared 2-core machine, where a message's wall time is mostly waiting for others (measured: a median of 60 ms
 * on PostgreSQL under load against 3 ms idle, for the same messages). The wall-time median, 90th percentile and
 * slowest are printed beside it.
 */
const SEED = 20_261_123;
const TELEGRAM_MAX_CHARS = 4096;
const GOAL_MS = 50;
const RAW_KEY = /\b(?:common|citizen|subsidy|progress|reminders|cli):[A-Za-z_]+(?:\.[A-Za-z_]+)+/;

const COMMANDS = features.flatMap((f) => f.commands ?? []);
const PREFIXES = Object.values(BUTTON_REGISTRY).flatMap((k) => [k.prefix, ...('legacy' in k ? k.legacy : [])]);
const WORDS = ['hộ nghèo', 'cận nghèo', 'bao nhiêu', 'Hà Nội', 'Nghệ An', 'Bình Phước', 'xong', 'đã nhận', 'nhắc lại', 'huỷ', 'lưu', 'tháng 10/2026', 'quý 3/2026', '3tr', '1.500.000', '6 tháng', 'tunguyen=12', 'ky=năm 2026', 'giamsat', 'binh-phuoc.ubnd-tinh', '-1', '0', '99999999999', 'NaN', 'undefined', '%', '{{x}}', '$t(common:x)', ':', '@bot'];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }), fc.integer().map(String), fc.constantFrom('abc', '', ' ', '\n', '🙂', 'ứ̛'));
const words = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
/** What people (and attackers) send: prose, a command with arguments, button data typed or pressed. */
const message = fc.oneof(
  { weight: 3, arbitrary: words.map((text) => ({ text })) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...COMMANDS), words).map(([c, rest]) => ({ text: `/${c} ${rest}`.trim() })) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...PREFIXES), fc.array(fc.oneof(word, fc.nat().map(String), fc.constantFrom('2147483648', '99999999999999999')), { maxLength: 3 })).map(([p, fields]) => ({ data: [p, ...fields].join(':') })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.constantFrom('/lienket', '/hotro', '/capnhat', '/moi', '/traloi 1 chào').map((text) => ({ text })) },
);
const CHATS = ['citizen', 'focal', 'supervisor', 'national', 'staff'] as const;
const turn = fc.record({ chat: fc.constantFrom(...CHATS), message });

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

describe.each(DATABASES)('fuzzing the conversation core (%s)', (kind) => {
  test('any message from anyone gets plain, translated replies within bounds', async () => {
    const clock = manualClock(atLocalTime('2026-11-23', '09:00'));
    const running = await startApp({ databaseUrl: await freshDatabaseUrl(kind, { plans: SEED_PLANS }), clock, config: { STAFF_CHAT: 'console:staff' } });
    onTestFinished(() => running.stop());
    const { app } = running;
    const [agency] = await app.repos.agencies.list({ province: 'binh-phuoc' });
    const roles: Record<(typeof CHATS)[number], RoleInfo[]> = {
      citizen: [],
      focal: [{ kind: 'focal', agencyId: agency!.id, province: null }],
      supervisor: [{ kind: 'supervisor', agencyId: null, province: 'binh-phuoc' }],
      national: [{ kind: 'supervisor', agencyId: null, province: '*' }],
      staff: [],
    };
    for (const chat of CHATS) {
      const p = await app.repos.people.personForChat({ channel: 'console', chatId: chat, name: chat, language: 'vi', at: clock.now() });
      for (const r of roles[chat]) await app.repos.people.addRole(p.id, r);
    }
    const times: number[] = [];
    const cpuBefore = threadCpuMs();
    await fc.assert(
      fc.asyncProperty(fc.array(turn, { minLength: 1, maxLength: 6 }), async (turns) => {
        for (const { chat, message } of turns) {
          const t0 = performance.now();
          const replies = await app.conversation.handle({ channel: 'console', chatId: chat, name: chat, ...message });
          const sent = JSON.stringify(message);
          times.push(performance.now() - t0);
          expect(replies.length, JSON.stringify(message)).toBeGreaterThan(0);
          for (const r of replies) {
            const where = `${JSON.stringify(message)} → ${r.text.slice(0, 200)}`;
            expect(r.text.trim(), where).not.toBe('');
            expect(r.text, where).not.toMatch(RAW_KEY);
            // What the person wrote may come back quoted ("no province «NaN»"); the service's own words may not say it.
            for (const bad of ['undefined', 'NaN']) if (!sent.includes(bad)) expect(r.text, where).not.toMatch(new RegExp(`\\b${bad}\\b`));
            expect(r.text.length, where).toBeLessThanOrEqual(TELEGRAM_MAX_CHARS);
            for (const b of r.buttons?.flat() ?? []) expect(Buffer.byteLength(b.data ?? ''), where).toBeLessThanOrEqual(MAX_DATA_BYTES);
          }
        }
        clock.advance(7 * 60_000);
      }),
      { seed: SEED, numRuns: kind === 'sqlite' ? 150 : 60, endOnFailure: true },
    );
    await app.conversation.written();
    // The thread's CPU over the whole run (checks and the fuzzer's own work included: an upper bound on handling's).
    const cpuPerMessage = (threadCpuMs() - cpuBefore) / times.length;
    console.log(`fuzz ${kind}: ${times.length} messages, CPU ${cpuPerMessage.toFixed(1)} ms a message (goal: under ${GOAL_MS} ms); wall median ${percentile(times, 0.5).toFixed(1)} ms, p90 ${percentile(times, 0.9).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
    expect(cpuPerMessage).toBeLessThan(GOAL_MS);
  });
});
