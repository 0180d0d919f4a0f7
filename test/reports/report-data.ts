import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportLabels } from '../../src/reports/table.js';
import { NOW, agencies, deadlines, targets, updates } from '../domain/progress/fixture.js';
import { seriesOf } from '../domain/progress/in-memory.js';

export const PERIODS = ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3'];

export const series = seriesOf({ agencies, targets, updates, deadlines }, { scope: { province: 'BP' }, periods: PERIODS, now: NOW });

const vi = JSON.parse(readFileSync(join(import.meta.dirname, '../../locales/vi/progress.json'), 'utf8'));

/** What the caller passes: the Vietnamese texts straight from the locale file. */
export const labels: ReportLabels = {
  headers: { ...vi.xlsx, total: 'Bình Phước (tổng hợp)' },
  metricNames: vi.metric,
  periodLabel: (code) => code.replace(/^(\d{4})-Q(\d)$/, 'Quý $2/$1'),
  statusNames: { met: 'Đạt', on_track: 'Đúng lộ trình', behind: 'Chậm', no_data: 'Chưa có số liệu' },
};
