import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../src/domain/calendar/local-time.js';
import { manualClock } from '../../src/services/clock.js';
import { DATABASES, freshDatabaseUrl } from '../support/databases.js';
import { cli, root, SEED_PLANS } from '../support/test-app.js';

const clock = () => manualClock(atLocalTime('2026-11-30', '09:00'));
const MERGE = ['provinces', 'merge', 'binh-phuoc', 'dong-nai', '--name', 'Đồng Nai', '--basis', 'NQ 202/2025/QH15', '--on', '2025-07-01'];

describe.each(DATABASES)('provinces merge, from the command line (%s)', (kind) => {
  test('Bình Phước into Đồng Nai: its agencies and plan answer to Đồng Nai under their codes; again, nothing changes', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const run = (args: string[]) => cli(args, databaseUrl, { clock: clock() });
    const merged = await run(MERGE);
    expect(merged.stderr).toBe('');
    expect(merged.stdout.trim()).toBe('Đã gộp tỉnh binh-phuoc vào dong-nai (Đồng Nai), hiệu lực 01/07/2025: đơn vị, kế hoạch, chỉ tiêu và cán bộ giám sát chuyển sang dong-nai; mã giữ nguyên.');
    const plans = JSON.parse((await run(['plans', 'list', '--json'])).stdout) as { code: string; province: string; targets: number }[];
    expect(plans.find((p) => p.code === 'binh-phuoc-kh-2022')).toMatchObject({ province: 'dong-nai', targets: 12 });
    // The old code still finds the agencies: they are Đồng Nai's now.
    const agencies = JSON.parse((await run(['agencies', 'list', '--province', 'binh-phuoc', '--json'])).stdout) as { code: string; provinceName: string }[];
    expect(agencies.find((a) => a.code === 'binh-phuoc.so-noi-vu')).toMatchObject({ provinceName: 'Đồng Nai' });
    const again = await run(MERGE);
    expect(again.stdout.trim()).toBe('Tỉnh binh-phuoc đã được gộp vào dong-nai (Đồng Nai), không thay đổi gì.');
  });

  test('plans import brings the imported agencies to how they are today, as the service does on start', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const imported = await cli(['plans', 'import'], databaseUrl, { clock: clock(), env: { REORGANISATION_FILE: join(root, 'data/reorganisation-2025.yaml') } });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Đã áp dụng (hiệu lực 01/07/2025): binh-phuoc → dong-nai (Đồng Nai)');
    expect(imported.stdout).toContain('Đã áp dụng (hiệu lực 01/03/2025): binh-phuoc.so-ldtbxh → binh-phuoc.so-noi-vu');
    const again = await cli(['plans', 'import'], databaseUrl, { clock: clock(), env: { REORGANISATION_FILE: join(root, 'data/reorganisation-2025.yaml') } });
    expect(again.stdout).not.toContain('Đã áp dụng');
  });

  test('bad input: one sentence saying what to type, exit code 2, nothing changed', async () => {
    const databaseUrl = await freshDatabaseUrl(kind, { plans: SEED_PLANS });
    const run = (args: string[]) => cli(args, databaseUrl, { clock: clock() });
    const cases: [string[], string][] = [
      [['provinces', 'merge', 'binh-phuoc', 'dong-nai', '--basis', 'NQ 202/2025/QH15'], 'Ghi tên tỉnh hiện nay và văn bản làm căn cứ'],
      [['provinces', 'merge', 'binh-phuoc', 'dong-nai', '--name', 'Đồng Nai'], 'Ghi tên tỉnh hiện nay và văn bản làm căn cứ'],
      [['provinces', 'merge', 'binh-phuoc', 'dong-nai', '--name', 'Đồng Nai', '--basis', 'NQ 202', '--on', '1/7/2025'], '--on phải là một ngày dạng YYYY-MM-DD'],
      [['provinces', 'merge', 'khong-co', 'dong-nai', '--name', 'Đồng Nai', '--basis', 'NQ 202'], 'Không có tỉnh mã «khong-co»'],
      [['provinces', 'merge', 'an-giang', 'an-giang', '--name', 'An Giang', '--basis', 'NQ 202'], 'Không gộp được tỉnh an-giang vào an-giang'],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    const plans = JSON.parse((await run(['plans', 'list', '--json'])).stdout) as { code: string; province: string }[];
    expect(plans.find((p) => p.code === 'binh-phuoc-kh-2022')?.province).toBe('binh-phuoc');
  });
});
