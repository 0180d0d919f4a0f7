import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createConsoleChannel } from '../../src/channels/console.js';
import { addDays, atLocalTime, localDateOf } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { startHarness, type ChatUser } from '../support/chat-harness.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { BOT_TOKEN } from '../support/telegram-emulator.js';
import { cli, root, SEED_PLANS, startApp } from '../support/test-app.js';

const README = readFileSync(join(root, 'README.md'), 'utf8');
const BOT_USERNAME = 'my_bhxh_bot';

/** The README's "first hour" section: the lines typed in the console chat and the CLI commands, in order. */
function walkThrough(): { console: string[]; cli: string[] } {
  const start = README.indexOf('## The first hour');
  const section = README.slice(start, README.indexOf('\n## ', start + 1));
  const lines = [...section.matchAll(/^\s*```\w*\n([\s\S]*?)^\s*```/gm)].flatMap((block) => block[1]!.split('\n').map((l) => l.trim()));
  return {
    console: lines.filter((l) => l.startsWith('/')),
    cli: lines.filter((l) => l.startsWith('npm run cli -- ')).map((l) => l.replace(/\s+#.*$/, '')),
  };
}

/** A command line as the shell would hand it over, `$(date …)` read on the test's clock. */
function shellWords(line: string, today: string): string[] {
  const expanded = line
    .replace(/\$\(date \+%F\)/g, today)
    .replace(/\$\(date -d '\+(\d+) days' \+%F\)/g, (_, days: string) => addDays(today, Number(days)));
  return [...expanded.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(4);
}

describe('the README’s first hour, run as written', () => {
  test('the console try-out, the CLI checks, and a supervisor invited on Telegram who then receives the escalations', async () => {
    const steps = walkThrough();
    expect(steps.console.length).toBeGreaterThanOrEqual(6);
    expect(steps.cli.some((l) => l.includes('reminders preview'))).toBe(true);
    expect(steps.cli.some((l) => l.includes('invite supervisor'))).toBe(true);

    // 1/7/2026: Bình Phước's 30/6 reports are a day late, so escalations fall within the next fortnight.
    const clock = manualClock(atLocalTime('2026-07-01', '09:00'));
    const today = localDateOf(clock.now());
    const databaseUrl = await freshDatabaseUrl('sqlite', { plans: SEED_PLANS });

    // 1. `npm start` with nothing configured: the service and its console chat.
    const local = await startApp({ databaseUrl, clock });
    onTestFinished(() => local.stop());
    let printed = '';
    const output = new PassThrough();
    output.on('data', (d) => (printed += String(d)));
    const app = local.app;
    const chat = createConsoleChannel({ conversation: app.conversation, people: app.repos.people, agencies: app.repos.agencies, now: () => clock.now(), t: app.i18n.getFixedT('vi'), input: new PassThrough(), output });
    app.addSender(chat.sender);
    const said: Record<string, string> = {};
    for (const line of steps.console) {
      printed = '';
      await chat.handleLine(line);
      expect(printed, line).not.toMatch(/^! /m);
      expect(printed, line).not.toContain('Không có lệnh');
      expect(printed, line).not.toContain('Xin lỗi, tôi chưa hiểu');
      expect(printed.endsWith(' › '), line).toBe(true);
      said[line] ??= printed;
    }
    await local.stop();
    expect(said['/as supervisor binh-phuoc']).toContain('✅ Bây giờ bạn là giám sát Bình Phước.');
    expect(said['/hanchot']).toContain('📅 Hạn báo cáo của Bình Phước');
    expect(said['/quahan']).toMatch(/Bình Phước: \d+ hạn báo cáo quá hạn/);
    expect(Object.entries(said).find(([l]) => l.startsWith('/capnhat'))![1]).toContain('✅ Đã ghi nhận số liệu tháng 7/2026 của Sở Nội vụ');
    // Without a period, /baocao is about the last finished month: July is not over.
    expect(said['/baocao']).toContain('📊 Bình Phước · tháng 6/2026');

    // 2.–5. The CLI, in the README's order. Before the invite, with the service stopped (Ctrl+D); from the invite on,
    // with the service running on Telegram, where the supervisor accepts it as soon as it is printed.
    const env = { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_BOT_USERNAME: BOT_USERNAME };
    const firstInvite = steps.cli.findIndex((l) => l.includes(' invite '));
    let supervisor: ChatUser | undefined;
    const previews: string[] = [];
    const statuses: string[] = [];
    for (const [i, line] of steps.cli.entries()) {
      if (i === firstInvite) {
        const telegram = await startHarness('telegram', { databaseUrl, clock, config: { TELEGRAM_BOT_USERNAME: BOT_USERNAME } });
        onTestFinished(() => telegram.stop());
        supervisor = telegram.user(901, 'Lan');
      }
      const args = shellWords(line, today);
      const result = await cli(args, databaseUrl, { env, clock });
      if (args[0] === 'status') statuses.push(result.stdout);
      expect([line, result.code, result.stderr]).toEqual([line, 0, '']);
      if (args[0] === 'reminders') previews.push(result.stdout);
      if (args[0] === 'invite') {
        const link = new RegExp(`^Link mời: https://t\\.me/${BOT_USERNAME}\\?start=(\\S+)$`, 'm').exec(result.stdout);
        expect(link, result.stdout).not.toBeNull();
        expect(result.stdout).toMatch(/^Hết hạn: 04\/07\/2026 09:00 \(giờ Việt Nam\)$/m);
        await supervisor!.say(`/start ${link![1]}`);
        expect((await supervisor!.receive())[0]!.text).toBe('Bạn đã là cán bộ giám sát của Bình Phước.');
      }
    }
    expect(previews).toHaveLength(2);
    const escalations = (preview: string) => preview.split('\n').filter((row) => row.includes('báo giám sát') && row.includes('binh-phuoc.'));
    // Before: the escalations go to the console's make-believe supervisor only; after: each one to Lan as well.
    const before = escalations(previews[0]!);
    expect(before.length).toBeGreaterThan(0);
    expect(previews[0]).not.toContain('Lan (telegram)');
    expect(escalations(previews[1]!).filter((row) => row.includes('Lan (telegram)'))).toHaveLength(before.length);
    // `cli status` at the end: nothing waits in the outbox, and the next 24 hours hold the preview's steps of that window.
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatch(/^Thời điểm: +01\/07\/2026 09:00 \(giờ Việt Nam\)$/m);
    expect(statuses[0]).toMatch(/^Hàng đợi gửi tin: +trống$/m);
    const nextDay = previews[1]!.split('\n').filter((row) => /^(01\/07\/2026 (09|1\d|2\d)|02\/07\/2026 0[0-8]):\d\d /.test(row));
    const nobody = nextDay.filter((row) => row.includes('(chưa có')).length;
    const due = nobody ? `${nextDay.length - nobody} (thêm ${nobody} chưa có người nhận)` : String(nextDay.length);
    expect(nextDay.length).toBeGreaterThan(0);
    expect(statuses[0]).toMatch(new RegExp(`^Lời nhắc đến hạn trong 24 giờ tới: +${due.replace(/[()]/g, '\\$&')}$`, 'm'));
    // A dozen CLI runs, each opening the database and checking the plans as `npm run cli` does: slow on a busy machine.
  }, 300_000);
});
