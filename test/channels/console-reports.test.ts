import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, onTestFinished, test } from 'vitest';
import { createConsoleChannel } from '../../src/channels/console.js';
import { manualClock } from '../../src/services/clock.js';
import { freshDatabaseUrl } from '../support/databases.js';
import { NOW, PLANS_DIR, seedProgress } from '../support/progress-data.js';
import { startApp } from '../support/test-app.js';

/** For one test: Tỉnh Mẫu's reports (test/support/progress-data.ts) and a console chat writing files to a folder of its own. */
async function consoleOverReports() {
  const reportsDir = mkdtempSync(join(tmpdir(), 'bhxh-reports-'));
  const running = await startApp({ databaseUrl: await freshDatabaseUrl('sqlite', { plans: PLANS_DIR, seed: seedProgress }), clock: manualClock(NOW), config: { PLANS_DIR } });
  onTestFinished(() => running.stop());
  let output = '';
  const out = new PassThrough();
  out.on('data', (d) => (output += String(d)));
  const chat = createConsoleChannel({ conversation: running.app.conversation, people: running.app.repos.people, agencies: running.app.repos.agencies, now: () => NOW, t: running.app.i18n.getFixedT('vi'), input: new PassThrough(), output: out, reportsDir });
  const type = async (line: string) => {
    output = '';
    await chat.handleLine(line);
    return output;
  };
  return { reportsDir, type };
}

describe('report files on the console channel', () => {
  test('the files are written to REPORTS_DIR and their paths printed; the spreadsheet and the CSV read back', async () => {
    const { reportsDir, type } = await consoleOverReports();
    await type('/as supervisor tinh-mau');
    const text = await type('/baocao quý 3/2025 xlsx csv');
    const paths = [...text.matchAll(/^📎 (\/.+)$/gm)].map((m) => m[1]!);
    expect(paths.map((p) => p.slice(reportsDir.length + 1))).toEqual(['20251020T100000-bao-cao-tinh-mau-2025-q3.xlsx', '20251020T100000-bao-cao-tinh-mau-2025-q3.csv']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(paths[0]!) as never);
    const ws = workbook.getWorksheet('Tỷ lệ tham gia BHXH tự nguyện')!;
    const q3 = [...Array(ws.rowCount).keys()].map((i) => (ws.getRow(i + 1).values as ExcelJS.CellValue[]).slice(1)).filter((r) => r[1] === 'quý 3/2025');
    // The scope row and the provincial office's row both show the correction, 5.6%.
    expect(q3.map((r) => r[0])).toEqual(['Tỉnh Mẫu (tổng hợp)', 'BHXH tỉnh Mẫu']);
    for (const row of q3) expect(row[2]).toBeCloseTo(0.056, 12);
    // For Excel with Vietnamese regional settings: semicolons and decimal commas.
    const csv = readFileSync(paths[1]!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('\uFEFFChỉ tiêu;Đơn vị;Kỳ báo cáo;Giá trị;Mục tiêu;Năm mục tiêu;Mốc theo lộ trình;Đánh giá;Ngày cập nhật;Tính từ số tham gia');
    expect(csv).toContain('Tỷ lệ tham gia BHXH tự nguyện;Tỉnh Mẫu (tổng hợp);quý 3/2025;5,6;6;2025;5,75;Chậm;;');
  });

  test('in English after /lang en: English headers, the same numbers', async () => {
    const { type } = await consoleOverReports();
    await type('/as supervisor tinh-mau');
    await type('/lang en');
    const text = await type('/summary Q3 2025 csv');
    expect(text).toContain('📊 Tỉnh Mẫu · Q3 2025');
    const [path] = [...text.matchAll(/^📎 (\/.+)$/gm)].map((m) => m[1]!);
    const csv = readFileSync(path!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('\uFEFFMetric,Agency,Period,Value,Target,Target year,Milestone on the path,Assessment,Updated on,From participants');
    expect(csv).toContain('Voluntary SI coverage,Tỉnh Mẫu (overall),Q3 2025,5.6,6,2025,5.75,Behind,,');
  });
});
