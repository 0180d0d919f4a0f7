import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import type { App } from '../../src/app.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { cli, SEED_PLANS } from '../support/test-app.js';

const LONG_QUESTION = `cho tôi hỏi ${'về chuyện đóng bảo hiểm của mẹ tôi ở quê '.repeat(250)}`;

/** Two questions the bot handed off, one of them 10,000 characters long. */
async function loggedQuestions(app: App): Promise<void> {
  const person = await app.repos.people.personForChat({ channel: 'telegram', chatId: '42', name: 'Hoa', language: 'vi', at: atLocalTime('2026-11-02', '09:00') });
  for (const [text, at] of [
    [LONG_QUESTION, atLocalTime('2026-11-02', '09:15')],
    ['giá vàng hôm nay bao nhiêu', atLocalTime('2026-11-03', '20:05')],
  ] as const) {
    await app.repos.questions.record({ personId: person.id, channel: 'telegram', chatId: '42', text, outcome: 'fallback', score: 0.12, askedAt: at });
  }
}

/** `npm run cli -- …` over a database of its own holding the seed plans and two logged questions. */
async function operator() {
  const databaseUrl = await freshDatabaseUrl('sqlite', { plans: SEED_PLANS, seed: loggedQuestions });
  return (...args: string[]) => cli(args, databaseUrl);
}

/** A table's lines as cells: columns are separated by two spaces or more. */
const table = (stdout: string) => stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/));

describe('npm run cli: what the operator types wrong', () => {
  test('no command, an unknown one, a misspelled one: exit code 2 and what to type', async () => {
    const run = await operator();
    const none = await run();
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('Cách dùng: npm run cli -- <lệnh>')]);
    expect(none.stderr).toContain('Mã thoát: 0 thành công, 1 không làm được, 2 sai cú pháp');
    const unknown = await run('nonsense');
    expect([unknown.code, unknown.stderr]).toEqual([2, 'Không có lệnh «nonsense»; gõ npm run cli -- help để xem các lệnh.\n']);
    const misspelled = await run('plan', 'lists');
    expect([misspelled.code, misspelled.stderr]).toEqual([2, 'Không có lệnh «plan lists»; có phải «npm run cli -- plans list [--json]»?\n']);
    const help = await run('help');
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('  reminders preview --from YYYY-MM-DD --to YYYY-MM-DD [--json]')]);
  });

  test('an option a command does not have, or one without its value, names the command’s usage', async () => {
    const run = await operator();
    expect(await run('plans', 'list', '--province', 'an-giang')).toMatchObject({ code: 2, stderr: 'Lệnh «plans list» không có tùy chọn --province. Cách dùng: npm run cli -- plans list [--json]\n' });
    expect(await run('deadlines', 'list', '--from', '--to', '2026-07-01')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^Tùy chọn --from cần một giá trị\. Cách dùng: npm run cli -- deadlines list --from YYYY-MM-DD/) });
    expect(await run('db', 'migrate', 'now')).toMatchObject({ code: 2, stderr: 'Lệnh «db migrate» cần tham số khác. Cách dùng: npm run cli -- db migrate\n' });
    expect(await run('zalo', 'status', '--json')).toMatchObject({ code: 2, stderr: expect.stringContaining('không có tùy chọn --json') });
  });

  test('plans: a missing folder, a broken file, an unknown plan or task, a bad date', async () => {
    const run = await operator();
    expect(await run('plans', 'import', '--dir', '/no/such/folder')).toMatchObject({ code: 2, stderr: 'Không có thư mục kế hoạch «/no/such/folder»; chỉ thư mục chứa các tệp .yaml bằng --dir THƯ_MỤC.\n' });
    const broken = mkdtempSync(join(tmpdir(), 'plans-'));
    writeFileSync(join(broken, '900-hong.yaml'), 'code: hong\ntitle: 12\n');
    const imported = await run('plans', 'import', '--dir', broken);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/^900-hong\.yaml, dòng \d+, trường «[^»]+»: /);
    expect(imported.stderr).toContain('Chưa nhập 1 tệp có lỗi ở trên; sửa các dòng đó rồi chạy lại npm run cli -- plans import.');
    expect(await run('plans', 'set-date', 'khong-co', 'x', '2026-07-10')).toMatchObject({ code: 2, stderr: 'Không có kế hoạch «khong-co»; xem mã kế hoạch bằng npm run cli -- plans list.\n' });
    expect(await run('plans', 'set-date', 'binh-phuoc-kh-2022', 'khong-co', '2026-07-10')).toMatchObject({
      code: 2,
      stderr: 'Kế hoạch «binh-phuoc-kh-2022» không có nhiệm vụ «khong-co»; các nhiệm vụ nhận ngày: socioeconomic-targets-report, budget-proposal.\n',
    });
    expect(await run('plans', 'set-date', 'binh-phuoc-kh-2022', 'socioeconomic-targets-report', '10/07/2026')).toMatchObject({ code: 2, stderr: 'date phải là một ngày dạng YYYY-MM-DD, ví dụ date 2026-07-01 (nhận được «10/07/2026»).\n' });
    expect(await run('plans', 'set-date', 'binh-phuoc-kh-2022', 'socioeconomic-targets-report', '2026-07-10')).toMatchObject({ code: 0, stdout: expect.stringContaining('Đã đặt hạn 10/07/2026 cho:') });
  });

  test('agencies: an unknown province or code, a merge into itself, a rename without a name change nothing', async () => {
    const run = await operator();
    expect(await run('agencies', 'list', '--province', 'khong-co')).toMatchObject({ code: 2, stderr: 'Không có tỉnh mã «khong-co»; các tỉnh: an-giang, binh-phuoc, ha-noi, nghe-an, unknown-003.\n' });
    expect(await run('agencies', 'rename', 'khong-co', 'Tên mới')).toMatchObject({ code: 2, stderr: 'Không có đơn vị mã «khong-co»; xem mã đơn vị bằng npm run cli -- agencies list.\n' });
    expect(await run('agencies', 'rename', 'binh-phuoc.so-noi-vu')).toMatchObject({ code: 2, stderr: expect.stringContaining('Cách dùng: npm run cli -- agencies rename <mã> <tên mới>') });
    expect(await run('agencies', 'merge', 'binh-phuoc.so-noi-vu', 'binh-phuoc.so-noi-vu')).toMatchObject({ code: 2, stderr: expect.stringContaining('Không gộp được «binh-phuoc.so-noi-vu» vào chính nó') });
    expect(await run('agencies', 'set-level', 'binh-phuoc.so-noi-vu')).toMatchObject({ code: 2, stderr: expect.stringContaining('Cách dùng: npm run cli -- agencies set-level <mã> <commune|province|country>') });
    expect(await run('agencies', 'set-level', 'khong-co', 'commune')).toMatchObject({ code: 2, stderr: 'Không có đơn vị mã «khong-co»; xem mã đơn vị bằng npm run cli -- agencies list.\n' });
    expect(await run('agencies', 'set-parent', 'binh-phuoc.so-noi-vu', 'khong-co')).toMatchObject({ code: 2, stderr: 'Không có đơn vị mã «khong-co»; xem mã đơn vị bằng npm run cli -- agencies list.\n' });
    const listed = await run('agencies', 'list', '--province', 'binh-phuoc', '--json');
    const agencies = JSON.parse(listed.stdout) as { code: string; provinceName: string; mergedInto: string | null }[];
    expect(agencies.find((a) => a.code === 'binh-phuoc.so-noi-vu')).toEqual(expect.objectContaining({ provinceName: 'Bình Phước', mergedInto: null }));
  });

  test('deadlines and reminders: dates missing, malformed or backwards; an unknown province or agency', async () => {
    const run = await operator();
    expect(await run('deadlines', 'list', '--from', '2026-07-01')).toMatchObject({ code: 2, stderr: '--to phải là một ngày dạng YYYY-MM-DD, ví dụ --to 2026-07-01 (nhận được «»).\n' });
    expect(await run('deadlines', 'list', '--from', '2026-07-31', '--to', '2026-07-01')).toMatchObject({ code: 2, stderr: '--from (2026-07-31) phải trước hoặc bằng --to (2026-07-01); đổi chỗ hai ngày.\n' });
    expect(await run('deadlines', 'list', '--from', '2026-07-01', '--to', '2026-07-31', '--province', 'khong-co')).toMatchObject({ code: 2, stderr: expect.stringContaining('Không có tỉnh mã «khong-co»') });
    expect(await run('deadlines', 'list', '--from', '2026-07-01', '--to', '2026-07-31', '--agency', 'khong-co')).toMatchObject({ code: 2, stderr: expect.stringContaining('Không có đơn vị mã «khong-co»') });
    expect(await run('reminders', 'preview', '--from', '2026-02-30', '--to', '2026-03-01')).toMatchObject({ code: 2, stderr: expect.stringContaining('--from phải là một ngày dạng YYYY-MM-DD') });
  });

  test('questions: an unknown number marks none; a bad date or a rules file that is not there', async () => {
    const run = await operator();
    const before = JSON.parse((await run('questions', 'unanswered', '--json')).stdout) as { id: number }[];
    const [first] = before;
    expect(await run('questions', 'reviewed', String(first!.id), '99')).toMatchObject({ code: 2, stderr: 'Không có câu hỏi #99; chưa đánh dấu câu nào. Xem số câu hỏi bằng npm run cli -- questions unanswered --all.\n' });
    expect(JSON.parse((await run('questions', 'unanswered', '--json')).stdout)).toHaveLength(2);
    expect(await run('questions', 'reviewed', 'năm')).toMatchObject({ code: 2, stderr: expect.stringContaining('Cách dùng: npm run cli -- questions reviewed <số câu hỏi> …') });
    expect(await run('questions', 'unanswered', '--since', 'hôm qua')).toMatchObject({ code: 2, stderr: expect.stringContaining('--since phải là một ngày dạng YYYY-MM-DD') });
    expect(await run('questions', 'replay', '--rules', '/no/rules.yaml')).toMatchObject({ code: 2, stderr: 'Không có tệp «/no/rules.yaml»; ghi đúng đường dẫn sau --rules.\n' });
    expect(await run('questions', 'reviewed', String(first!.id))).toMatchObject({ code: 0, stdout: 'Đã đánh dấu 1 câu hỏi là đã xem.\n' });
  });

  test('invite: an unknown kind, province or agency', async () => {
    const run = await operator();
    expect(await run('invite', 'giamsat', '--province', 'binh-phuoc')).toMatchObject({ code: 2, stderr: expect.stringContaining('Cách dùng: npm run cli -- invite supervisor --province MÃ|* | invite focal --agency MÃ') });
    expect(await run('invite', 'supervisor', '--province', 'khong-co')).toMatchObject({ code: 2, stderr: expect.stringContaining('Không có tỉnh mã «khong-co»') });
    expect(await run('invite', 'focal', '--agency', 'khong-co')).toMatchObject({ code: 2, stderr: expect.stringContaining('Không có đơn vị mã «khong-co»') });
    expect(await run('report', '--lang', 'fr')).toMatchObject({ code: 2, stderr: 'Không có ngôn ngữ «fr»; dùng --lang vi hoặc --lang en.\n' });
  });

  test('an unreachable PostgreSQL: one line naming the host and what to check, exit code 1, no stack', async () => {
    const result = await cli(['plans', 'list'], 'postgresql://bhxh:secret@127.0.0.1:1/bhxh');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Không kết nối được cơ sở dữ liệu PostgreSQL tại 127.0.0.1:1: kiểm tra máy chủ đang chạy, địa chỉ và cổng trong DATABASE_URL, và tường lửa giữa hai máy.\n',
    });
  });
});

describe('npm run cli: what the operator reads', () => {
  test('deadlines across provinces under headers, with the province of each agency and local dates', async () => {
    const run = await operator();
    const listed = await run('deadlines', 'list', '--from', '2026-12-01', '--to', '2026-12-31');
    expect(listed.code).toBe(0);
    const [header, rule, ...rows] = table(listed.stdout);
    expect(header).toEqual(['Hạn', 'Trạng thái', 'Tỉnh', 'Đơn vị', 'Nhiệm vụ']);
    expect(rule!.every((cell) => /^─+$/.test(cell))).toBe(true);
    expect(rows).toContainEqual(['15/12/2026', expect.any(String), 'An Giang', 'Bảo hiểm xã hội tỉnh', 'Báo cáo kết quả thực hiện Kế hoạch về UBND tỉnh (qua Sở LĐ-TB&XH)']);
    expect(new Set(rows.slice(0, -1).map((r) => r[2])).size).toBeGreaterThan(1);
    expect(rows.at(-1)).toEqual([`Tổng cộng: ${rows.length - 1}`]);
  });

  test('columns line up: left-aligned cells start under their header, counts end under theirs', async () => {
    const run = await operator();
    const [header, , ...rows] = (await run('plans', 'list')).stdout.trimEnd().split('\n').slice(0, -1);
    expect(header!.split(/ {2,}/)).toEqual(['Mã', 'Tỉnh', 'Văn bản', 'Ban hành', 'Nhiệm vụ', 'Mục tiêu', 'Tên kế hoạch']);
    const start = (title: string) => header!.indexOf(title);
    for (const row of rows) {
      for (const title of ['Tỉnh', 'Văn bản', 'Ban hành', 'Tên kế hoạch']) expect([row.slice(start(title) - 2, start(title)), row[start(title)]]).toEqual(['  ', expect.stringMatching(/\S/)]);
      for (const title of ['Nhiệm vụ', 'Mục tiêu']) expect(row.slice(start(title), start(title) + title.length)).toMatch(/^ *\d+$/);
    }
    expect(rows.find((r) => r.startsWith('binh-phuoc-kh-2022'))).toContain('01/01/2022');
  });

  test('questions: a long one is cut on a word with "…", the score has its header, times are Vietnamese', async () => {
    const run = await operator();
    const listed = await run('questions', 'unanswered');
    const [header, , long, short] = table(listed.stdout);
    expect(header).toEqual(['Số', 'Hỏi lúc (giờ VN)', 'Kênh', 'Trạng thái', 'Chủ đề', 'Độ tin cậy', 'Câu hỏi']);
    expect(long!.slice(1, 6)).toEqual(['02/11/2026 09:15', 'telegram', 'chưa xử lý', '—', '0.12']);
    expect(long![6]!.endsWith('…')).toBe(true);
    expect(LONG_QUESTION.startsWith(long![6]!.slice(0, -1))).toBe(true);
    expect(LONG_QUESTION[long![6]!.length - 1]).toBe(' ');
    expect([...long![6]!].length).toBeLessThanOrEqual(70);
    expect(short!.slice(1)).toEqual(['03/11/2026 20:05', 'telegram', 'chưa xử lý', '—', '0.12', 'giá vàng hôm nay bao nhiêu']);
    const json = JSON.parse((await run('questions', 'unanswered', '--json')).stdout) as { text: string; askedAt: string }[];
    expect(json[0]).toMatchObject({ text: LONG_QUESTION, askedAt: '2026-11-02T09:15:00+07:00' });
  });

  test('reminders preview at the local hour, each step in words', async () => {
    const run = await operator();
    const preview = await run('reminders', 'preview', '--from', '2026-06-15', '--to', '2026-06-16');
    const [header, , ...rows] = table(preview.stdout);
    expect(header).toEqual(['Gửi lúc (giờ VN)', 'Bước', 'Hạn', 'Đơn vị', 'Người nhận', 'Nhiệm vụ']);
    expect(rows).toContainEqual(['15/06/2026 08:00', 'trước hạn 14 ngày', '30/06/2026', 'binh-phuoc.ban-to-chuc-tinh-uy', '(chưa có đầu mối)', expect.stringMatching(/^Tổng hợp và cung cấp thông tin/)]);
    const json = JSON.parse((await run('reminders', 'preview', '--from', '2026-06-15', '--to', '2026-06-16', '--json')).stdout) as { fireAt: string; step: string }[];
    expect(json).toContainEqual(expect.objectContaining({ fireAt: '2026-06-15T08:00:00+07:00', step: 'before-14' }));
  });

  test('an invite expires at a Vietnamese time; without TELEGRAM_BOT_USERNAME it says what to type and what to set', async () => {
    const databaseUrl = await freshDatabaseUrl('sqlite', { plans: SEED_PLANS });
    const plain = await cli(['invite', 'supervisor', '--province', 'binh-phuoc'], databaseUrl);
    const token = /Mã: (\S+)/.exec(plain.stdout)![1]!;
    expect(plain.stdout.split('\n')[0]).toBe(
      `Chưa có link vì chưa đặt TELEGRAM_BOT_USERNAME: người được mời gõ «/start ${token}» trong khung chat với bot (Telegram hoặc Zalo), hoặc đặt TELEGRAM_BOT_USERNAME=<tên bot, không có @> để có link t.me.`,
    );
    expect(plain.stdout).toMatch(/^Hết hạn: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)$/m);
    const linked = await cli(['invite', 'focal', '--agency', 'binh-phuoc.so-noi-vu', '--json'], databaseUrl, { env: { TELEGRAM_BOT_TOKEN: '123456:unused-by-the-cli', TELEGRAM_BOT_USERNAME: 'bhxh_bot' } });
    const invite = JSON.parse(linked.stdout) as { link: string; token: string; expiresAt: string };
    expect(invite.link).toBe(`https://t.me/bhxh_bot?start=${invite.token}`);
    expect(invite.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    // 72 hours from now, on the Vietnamese clock.
    expect(Math.abs(Date.parse(invite.expiresAt) - Date.now() - 72 * 3_600_000)).toBeLessThan(600_000);
  });

  test('work that takes longer than the threshold says so on stderr, leaving stdout to the data', async () => {
    const databaseUrl = await freshDatabaseUrl('sqlite', { plans: SEED_PLANS });
    const slow = await cli(['plans', 'list', '--json'], databaseUrl, { slowAfterMs: 0 });
    expect(slow.stderr).toBe('⏳ Đang chạy «plans list»…\n');
    expect(JSON.parse(slow.stdout)).toHaveLength(5);
    const quick = await cli(['plans', 'list', '--json'], databaseUrl);
    expect(quick.stderr).toBe('');
  });
});
