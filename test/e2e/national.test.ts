import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { manualClock } from '../../src/services/clock.js';
import { CHAT_CHANNELS, harnessForTest, type ChatChannel, type ChatUser } from '../support/chat-harness.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { BA_TRAM, NOW, PROVINCES, communePlans, nationalPlans, seedBaTram, seedNational, type Commune } from '../support/national-data.js';

const RUNS = CHAT_CHANNELS.flatMap((channel) => DATABASES.map((kind) => [channel, kind] as const));
const collator = new Intl.Collator('vi', { numeric: true });
const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => collator.compare(a.name, b.name));
const vnNumber = (n: number, digits = 2) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(n);
const vnChange = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(n);
const cells = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as ExcelJS.CellValue[]).slice(1);
/** The reply's lines, whatever number of messages the channel split it into (Zalo's are under 2,000 characters). */
const replyLines = async (user: ChatUser) => (await user.receive()).map((m) => m.text).join('\n').split('\n');

async function workbookOf(user: ChatUser, extension = '.xlsx'): Promise<ExcelJS.Workbook> {
  const files = await user.files();
  const file = files.find((f) => f.filename.endsWith(extension));
  if (!file) throw new Error(`no ${extension} among ${files.map((f) => f.filename).join(', ')}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.data as never);
  return workbook;
}

/** A supervisor of `area` (a province code, or `*`), invited and signed in. */
async function supervisorOf(channel: ChatChannel, kind: DatabaseKind, area: string, plans: string, seed: Parameters<typeof harnessForTest>[2]['seed']) {
  const harness = await harnessForTest(channel, kind, { clock: manualClock(NOW), plans, seed });
  const supervisor = harness.user(501, 'Lan');
  await supervisor.say(`/start ${(await harness.running.app.invites.create({ target: { kind: 'supervisor', province: area }, now: NOW })).token}`);
  await supervisor.receive();
  return { harness, supervisor };
}

/** What the country's October looks like, computed here from the figures the communes sent. */
function expectedCountry() {
  const reporting = (p: (typeof PROVINCES)[number]) => p.communes.filter((c): c is Required<Pick<Commune, 'participants' | 'labourForce'>> & Commune => c.participants !== undefined);
  const provinces = PROVINCES.map((p) => {
    const sent = reporting(p);
    const participants = sent.reduce((n, c) => n + c.participants, 0);
    const labourForce = sent.reduce((n, c) => n + c.labourForce, 0);
    // October's end is 10/12 of the way from the 2025 target (held at the end of 2025) to the 2026 one.
    const mark = p.targets[2025] + (p.targets[2026] - p.targets[2025]) * (10 / 12);
    const coverage = (participants / labourForce) * 100;
    return { ...p, agencies: p.communes.length, reported: sent.length, participants, labourForce, coverage, mark, gap: coverage - mark, met: coverage >= p.targets[2026] };
  });
  const silent = byName(PROVINCES.flatMap((p) => p.communes.filter((c) => c.participants === undefined).map((c) => ({ ...c, province: p.name }))));
  const total = { participants: provinces.reduce((n, p) => n + p.participants, 0), labourForce: provinces.reduce((n, p) => n + p.labourForce, 0) };
  const ranked = [...provinces].sort((a, b) => b.gap - a.gap || collator.compare(a.name, b.name));
  return { provinces: byName(provinces), silent, total, ranked };
}

/** Each test seeds hundreds of agencies and their history first: minutes on a machine busy with other work. */
const HEAVY = { timeout: 240_000 };

describe.each(RUNS)('a national roll-up on %s (%s)', HEAVY, (channel, kind) => {
  test("a `*` supervisor's /baocao toàn quốc: the country's figures, the provinces ranked against their own targets, and the spreadsheet of every province", async () => {
    const { supervisor } = await supervisorOf(channel, kind, '*', nationalPlans(), seedNational);
    const country = expectedCountry();
    await supervisor.say('/baocao toàn quốc tháng 10/2026');
    const lines = await replyLines(supervisor);
    const agencies = PROVINCES.length * 3;
    expect(lines.slice(0, 4)).toEqual([
      '📊 Toàn quốc · tháng 10/2026',
      `Đã báo cáo: ${agencies - country.silent.length}/${agencies} đơn vị`,
      `▸ Người tham gia BHXH tự nguyện: ${vnNumber(country.total.participants, 0)}`,
      // Recomputed from the sums, never the average of the provinces' rates.
      `▸ Tỷ lệ tham gia BHXH tự nguyện: ${vnNumber((country.total.participants / country.total.labourForce) * 100)}%`,
    ]);
    const item = (p: (typeof country.ranked)[number]) => {
      const status = p.met ? '🟢' : p.gap >= -1e-9 ? '🟡' : '🔴';
      return `${country.ranked.indexOf(p) + 1}. ${status} ${p.name}: ${vnNumber(p.coverage)}% (mốc ${vnNumber(p.mark)}%, ${vnChange(p.gap)} điểm)`;
    };
    const ranking = lines.indexOf('🏆 Xếp hạng 24 tỉnh theo Tỷ lệ tham gia BHXH tự nguyện, so với mốc lộ trình của từng tỉnh:');
    expect(lines.slice(ranking + 1, ranking + 23)).toEqual(['Cao nhất (10):', ...country.ranked.slice(0, 10).map(item), 'Thấp nhất (10):', ...country.ranked.slice(-10).map(item)]);
    const silentNames = country.silent.map((c) => c.name);
    expect(lines).toContain(`⏳ Chưa báo cáo (${silentNames.length}): ${silentNames.slice(0, 8).join(', ')} và ${silentNames.length - 8} đơn vị khác`);
    expect(lines).toContain(`   ⚠️ Quá hạn chưa hoàn thành: ${agencies}`);
    expect(lines).toContain('📋 Danh sách đầy đủ ở tệp Excel đính kèm.');
    expect(lines).toContain('📎 Gửi kèm 2 tệp.');

    const files = await supervisor.files();
    expect(files.map((f) => f.filename)).toEqual(['bao-cao-toan-quoc-2026-10.xlsx', 'bao-cao-toan-quoc-2026-10-xep-hang-voluntary_coverage.png']);
    expect(files[1]!.data.subarray(1, 4).toString('ascii')).toBe('PNG');
    const workbook = await workbookOf(supervisor);
    // The message as a table first, then the period at a glance, the ranking and the lists the message cut short.
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tóm tắt', 'Tổng hợp', 'Xếp hạng', 'Chưa báo cáo', 'Quá hạn']);
    expect(cells(workbook.getWorksheet('Tóm tắt')!, 2)).toEqual(['Đã báo cáo', `${agencies - country.silent.length}/${agencies}`]);
    // Nobody marked October's report of 10/10 done: the message names eight, the file every commune.
    expect(workbook.getWorksheet('Quá hạn')!.rowCount).toBe(agencies + 1);
    const overview = workbook.getWorksheet('Tổng hợp')!;
    expect(cells(overview, 1)).toEqual(['Tỉnh', 'Mã', 'Số đơn vị', 'Đã báo cáo', 'Người tham gia BHXH tự nguyện', 'Tỷ lệ tham gia BHXH tự nguyện']);
    // Every province's row, cell by cell, against the sums of its communes' figures; the rate from those sums.
    country.provinces.forEach((p, i) => {
      const row = cells(overview, i + 2);
      expect(row.slice(0, 5)).toEqual([p.name, p.code, p.agencies, p.reported, p.participants]);
      expect(row[5]).toBeCloseTo(p.participants / p.labourForce, 12);
    });
    const total = cells(overview, country.provinces.length + 2);
    expect(total.slice(0, 5)).toEqual(['Toàn quốc', undefined, agencies, agencies - country.silent.length, country.total.participants]);
    expect(total[5]).toBeCloseTo(country.total.participants / country.total.labourForce, 12);
    const ranked = workbook.getWorksheet('Xếp hạng')!;
    expect(ranked.rowCount).toBe(25);
    country.ranked.forEach((p, i) => {
      const row = cells(ranked, i + 2);
      expect(row.slice(0, 3)).toEqual(['Tỷ lệ tham gia BHXH tự nguyện', i + 1, p.name]);
      expect([row[3], row[4], row[6], row[7]].map((v) => Number(v))).toEqual([expect.closeTo(p.coverage / 100, 12), expect.closeTo(p.targets[2026] / 100, 12), expect.closeTo(p.mark / 100, 12), expect.closeTo(p.gap, 9)]);
    });
    const silent = workbook.getWorksheet('Chưa báo cáo')!;
    expect(Array.from({ length: silent.rowCount - 1 }, (_, i) => cells(silent, i + 2))).toEqual(country.silent.map((c) => [c.name, c.code, c.province]));
  });

  test('a province supervisor cannot ask for the country', async () => {
    const { supervisor } = await supervisorOf(channel, kind, PROVINCES[0]!.code, nationalPlans(), seedNational);
    await supervisor.say('/baocao toàn quốc');
    expect((await supervisor.receive())[0]!.text).toContain('Không tìm thấy đơn vị hay tỉnh «» trong phạm vi của bạn.');
  });
});

describe.each(RUNS)('a province of 300 communes on %s (%s)', HEAVY, (channel, kind) => {
  const silent = byName([BA_TRAM.committee, ...BA_TRAM.communes.filter((c) => c.participants === undefined)]);
  const reporters = BA_TRAM.communes.filter((c) => c.participants !== undefined);
  const names = (list: readonly { name: string }[]) => list.slice(0, 8).map((c) => c.name).join(', ');

  test('/baocao counts the communes that sent nothing, names eight and lists every one in the spreadsheet', async () => {
    const { supervisor } = await supervisorOf(channel, kind, BA_TRAM.code, communePlans(), seedBaTram);
    await supervisor.say('/baocao tháng 10/2026');
    const lines = await replyLines(supervisor);
    const notDone = BA_TRAM.communes.filter((c) => !c.doneOctober);
    expect(lines.slice(0, 3)).toEqual(['📊 Tỉnh Ba Trăm · tháng 10/2026', `Đã báo cáo: ${reporters.length}/301 đơn vị`, `▸ Người tham gia BHXH tự nguyện: ${vnNumber(reporters.reduce((n, c) => n + c.participants!, 0), 0)}`]);
    expect(lines).toContain(`⏳ Chưa báo cáo (${silent.length}): ${names(silent)} và ${silent.length - 8} đơn vị khác`);
    expect(lines).toContain(`   ✅ Hoàn thành đúng hạn: ${300 - notDone.length}`);
    expect(lines).toContain(`   ⚠️ Quá hạn chưa hoàn thành: ${notDone.length}`);
    expect(lines).toContain(`… và ${notDone.length - 8} mục khác.`);
    expect(lines).toContain('📋 Danh sách đầy đủ ở tệp Excel đính kèm.');
    expect(lines).toContain('📎 Gửi kèm 1 tệp.');
    const workbook = await workbookOf(supervisor);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tóm tắt', 'Tổng hợp', 'Chưa báo cáo', 'Quá hạn']);
    expect(cells(workbook.getWorksheet('Tóm tắt')!, 2)).toEqual(['Đã báo cáo', `${reporters.length}/301`]);
    // October's deadline not done, every one of them, as the message named only eight.
    const late = workbook.getWorksheet('Quá hạn')!;
    expect(Array.from({ length: late.rowCount - 1 }, (_, i) => cells(late, i + 2).slice(0, 2))).toEqual(byName(notDone).map((c) => [c.name, 'Báo cáo số liệu tháng']));
    const list = workbook.getWorksheet('Chưa báo cáo')!;
    expect(Array.from({ length: list.rowCount - 1 }, (_, i) => cells(list, i + 2))).toEqual(silent.map((c) => [c.name, c.code, BA_TRAM.name]));
    const overview = workbook.getWorksheet('Tổng hợp')!;
    expect(overview.rowCount).toBe(1 + 301 + 1);
    expect(cells(overview, 303)).toEqual([BA_TRAM.name, undefined, 301, reporters.length, reporters.reduce((n, c) => n + c.participants!, 0)]);
  });

  test('the communes under the People\'s Committee, and the communes of the province, as groups of their own', async () => {
    const { supervisor } = await supervisorOf(channel, kind, BA_TRAM.code, communePlans(), seedBaTram);
    await supervisor.say(`/baocao tháng 10/2026 ${BA_TRAM.committee.code}`);
    expect((await supervisor.receive())[0]!.text.split('\n').slice(0, 2)).toEqual([`📊 ${BA_TRAM.committee.name} · tháng 10/2026`, `Đã báo cáo: ${reporters.length}/301 đơn vị`]);
    await supervisor.say('/baocao tháng 10/2026 cấp xã');
    const communes = await replyLines(supervisor);
    expect(communes.slice(0, 2)).toEqual(['📊 Tỉnh Ba Trăm – cấp xã · tháng 10/2026', `Đã báo cáo: ${reporters.length}/300 đơn vị`]);
    expect(communes).toContain(`⏳ Chưa báo cáo (${silent.length - 1}): ${names(silent.filter((c) => c !== BA_TRAM.committee))} và ${silent.length - 9} đơn vị khác`);
  });

  test('/quahan counts the overdue deadlines and the communes without a focal point, names the first, and lists them all in the spreadsheet', async () => {
    const { supervisor } = await supervisorOf(channel, kind, BA_TRAM.code, communePlans(), seedBaTram);
    await supervisor.say('/quahan');
    const lines = await replyLines(supervisor);
    // Due 10/10 and not done, and due 10/11 (October's figures) by the communes that sent none.
    const overdue = [
      ...BA_TRAM.communes.filter((c) => !c.doneOctober).map((c) => ({ ...c, due: '10/10/2026' })),
      ...BA_TRAM.communes.filter((c) => c.participants === undefined).map((c) => ({ ...c, due: '10/11/2026' })),
    ];
    expect(lines[0]).toBe(`⚠️ Tỉnh Ba Trăm: ${overdue.length} hạn báo cáo quá hạn chưa hoàn thành:`);
    expect(lines.slice(1, 11)).toEqual(byName(overdue.filter((o) => o.due === '10/10/2026')).slice(0, 10).map((o) => `• ${o.name}: Báo cáo số liệu tháng (hạn 10/10/2026)`));
    expect(lines[11]).toBe(`… và ${overdue.length - 10} mục khác.`);
    expect(lines[12]).toBe(`Chưa có đầu mối (301 đơn vị): ${byName([BA_TRAM.committee, ...BA_TRAM.communes]).slice(0, 8).map((c) => c.name).join('; ')}; …`);
    expect(lines[13]).toBe(`🔕 Chưa gửi số liệu tháng 10/2026 (${silent.length}): ${names(silent)} và ${silent.length - 8} đơn vị khác`);
    const workbook = await workbookOf(supervisor);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Quá hạn', 'Chưa có đầu mối', 'Chưa gửi số liệu']);
    const sheet = workbook.getWorksheet('Quá hạn')!;
    const expected = [...byName(overdue.filter((o) => o.due === '10/10/2026')), ...byName(overdue.filter((o) => o.due === '10/11/2026'))];
    expect(Array.from({ length: sheet.rowCount - 1 }, (_, i) => cells(sheet, i + 2).slice(0, 2))).toEqual(expected.map((o) => [o.name, 'Báo cáo số liệu tháng']));
    expect(workbook.getWorksheet('Chưa có đầu mối')!.rowCount).toBe(302);
    expect(workbook.getWorksheet('Chưa gửi số liệu')!.rowCount).toBe(silent.length + 1);
  });
});
