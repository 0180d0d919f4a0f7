import { describe, expect, test } from 'vitest';
import { atLocalTime } from '../../../src/domain/calendar/local-time.js';
import { METRICS, findMetric, normaliseName } from '../../../src/domain/progress/metrics.js';
import { parseUpdateLine, readMetricValue, type ParseUpdateResult, type UpdateError } from '../../../src/domain/progress/parse-update.js';

const now = atLocalTime('2026-11-20', '09:00');
const parse = (text: string, defaultPeriod?: string) => parseUpdateLine(text, { now, ...(defaultPeriod ? { defaultPeriod } : {}) });

function accepted(result: ParseUpdateResult) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.update;
}

function refused(result: ParseUpdateResult): UpdateError[] {
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.update)}`);
  return result.errors;
}

describe('the one-line update', () => {
  test('the issue example: count, rate with a decimal comma, note with spaces; current month by default', () => {
    const update = accepted(parse('/capnhat tunguyen=1250 tyle_tunguyen=4,8% ghichu=Tăng nhờ đợt tuyên truyền tháng 10'));
    expect(update).toEqual({ period: '2026-11', values: { voluntary_participants: 1250, voluntary_coverage: 4.8, note: 'Tăng nhờ đợt tuyên truyền tháng 10' } });
  });

  test('English names, a decimal point, no % sign, the command with the bot name', () => {
    const update = accepted(parse('/update@bhxh_bot voluntary=980 voluntary_rate=12.5 pension=55 satisfaction=86.25 note=ok'));
    expect(update.values).toEqual({ voluntary_participants: 980, voluntary_coverage: 12.5, pension_share: 55, satisfaction: 86.25, note: 'ok' });
  });

  test('Vietnamese names with diacritics, spaces or dashes around them', () => {
    const update = accepted(parse('/capnhat tự_nguyện=10 Tỷ-lệ-BHXH=35,2 hưu_trí=40 hài_lòng=85 lao_động=2000'));
    expect(update.values).toEqual({ voluntary_participants: 10, bhxh_coverage: 35.2, pension_share: 40, satisfaction: 85, labour_force: 2000 });
  });

  test('thousands separators in counts: dot, comma or space', () => {
    expect(accepted(parse('bhxh=1.250')).values).toEqual({ bhxh_participants: 1250 });
    expect(accepted(parse('bhxh=1,250')).values).toEqual({ bhxh_participants: 1250 });
    expect(accepted(parse('bhxh=1.250.000')).values).toEqual({ bhxh_participants: 1_250_000 });
    expect(accepted(parse('bhxh=1 250 000 bhtn=900')).values).toEqual({ bhxh_participants: 1_250_000, bhtn_participants: 900 });
  });

  test('a rate has one decimal mark, point or comma; "1.250" as a rate is 1.25', () => {
    expect(accepted(parse('tyle_bhtn=12.5%')).values).toEqual({ bhtn_coverage: 12.5 });
    expect(accepted(parse('tyle_bhtn=12,5 %')).values).toEqual({ bhtn_coverage: 12.5 });
    expect(accepted(parse('tyle_bhtn=1.250')).values).toEqual({ bhtn_coverage: 1.25 });
  });

  test('a participant count written with % is its coverage rate', () => {
    expect(accepted(parse('bhxh=35,5% tunguyen=4%')).values).toEqual({ bhxh_coverage: 35.5, voluntary_coverage: 4 });
  });

  test('the period: a ky= key, period= in English, or bare at the start', () => {
    expect(accepted(parse('/capnhat ky=quý 3/2026 tunguyen=1')).period).toBe('2026-Q3');
    expect(accepted(parse('/capnhat tunguyen=1 kỳ=6 tháng đầu năm 2026')).period).toBe('2026-H1');
    expect(accepted(parse('/update period=Q2 2026 voluntary=1')).period).toBe('2026-Q2');
    expect(accepted(parse('/capnhat tháng 10 tunguyen=1')).period).toBe('2026-10');
    expect(accepted(parse('/capnhat nam 2025 hailong=80')).period).toBe('2025');
  });

  test('the default period the caller chose applies when the line names none', () => {
    expect(accepted(parse('tunguyen=1', '2026-10')).period).toBe('2026-10');
    expect(accepted(parse('ky=2026-Q3 tunguyen=1', '2026-10')).period).toBe('2026-Q3');
  });

  test('a note runs to the next key; a quoted note may contain = and keys', () => {
    expect(accepted(parse('ghichu=đã họp với 3 xã tunguyen=5')).values).toEqual({ note: 'đã họp với 3 xã', voluntary_participants: 5 });
    expect(accepted(parse('ghichu="tỷ lệ = số tham gia / lao động" tunguyen=5')).values).toEqual({ note: 'tỷ lệ = số tham gia / lao động', voluntary_participants: 5 });
    expect(accepted(parse('note=“phone quotes tunguyen=5”')).values).toEqual({ note: 'phone quotes tunguyen=5' });
    expect(accepted(parse("ghichu='đơn' hailong=90")).values).toEqual({ note: 'đơn', satisfaction: 90 });
  });

  test('an agency named with donvi= is passed to the caller to check', () => {
    expect(accepted(parse('donvi=BHXH-BP tunguyen=5')).agencyCode).toBe('BHXH-BP');
  });

  test('0% and 100% are valid rates, 0 a valid count', () => {
    expect(accepted(parse('hailong=100% tyle_bhtn=0 moi_tunguyen=0')).values).toEqual({ satisfaction: 100, bhtn_coverage: 0, voluntary_new: 0 });
  });
});

describe('bad input: every problem named, nothing accepted', () => {
  test('unknown metric, with a suggestion when one is close', () => {
    expect(refused(parse('/capnhat abc=5'))).toEqual([{ code: 'unknown_metric', field: 'abc', value: '5' }]);
    expect(refused(parse('/capnhat tunguyn=5'))).toEqual([{ code: 'unknown_metric', field: 'tunguyn', value: '5', suggestion: 'tunguyen' }]);
  });

  test('a rate over 100%', () => {
    expect(refused(parse('tyle_bhxh=120%'))).toEqual([{ code: 'rate_over_100', field: 'tyle_bhxh', metric: 'bhxh_coverage', value: '120%' }]);
    expect(refused(parse('bhxh=100,5%'))).toEqual([{ code: 'rate_over_100', field: 'bhxh', metric: 'bhxh_coverage', value: '100,5%' }]);
  });

  test('a negative count or rate, with a hyphen or the minus sign', () => {
    expect(refused(parse('tunguyen=-5'))).toEqual([{ code: 'negative_count', field: 'tunguyen', metric: 'voluntary_participants', value: '-5' }]);
    expect(refused(parse('tunguyen=−1.250'))).toEqual([{ code: 'negative_count', field: 'tunguyen', metric: 'voluntary_participants', value: '−1.250' }]);
    expect(refused(parse('hailong=-3%'))).toEqual([{ code: 'negative_rate', field: 'hailong', metric: 'satisfaction', value: '-3%' }]);
  });

  test('a period in the future', () => {
    expect(refused(parse('ky=12/2026 tunguyen=5'))).toEqual([{ code: 'future_period', value: '2026-12' }]);
    expect(refused(parse('/capnhat nam 2027 tunguyen=5'))).toEqual([{ code: 'future_period', value: '2027' }]);
  });

  test('a period that cannot be read', () => {
    expect(refused(parse('ky=quy 5 tunguyen=5'))).toEqual([{ code: 'bad_period', value: 'quy 5' }]);
    expect(refused(parse('/capnhat hôm qua tunguyen=5'))).toEqual([{ code: 'bad_period', value: 'hôm qua' }]);
  });

  test('numbers that are not numbers, or not whole for a count', () => {
    expect(refused(parse('tunguyen=nhiều'))).toEqual([{ code: 'bad_number', field: 'tunguyen', metric: 'voluntary_participants', value: 'nhiều' }]);
    expect(refused(parse('tunguyen=12,5'))).toEqual([{ code: 'not_whole_number', field: 'tunguyen', metric: 'voluntary_participants', value: '12,5' }]);
    expect(refused(parse('tunguyen=1.25.0'))[0]!.code).toBe('bad_number');
    expect(refused(parse('tunguyen=1.250,5'))[0]!.code).toBe('bad_number');
    expect(refused(parse('tyle_bhxh=4,8,1'))[0]!.code).toBe('bad_number');
    expect(refused(parse('bhxh=12 50'))[0]!.code).toBe('bad_number');
  });

  test('% on a count that has no rate', () => {
    expect(refused(parse('moi_tunguyen=5%'))).toEqual([{ code: 'unexpected_percent', field: 'moi_tunguyen', metric: 'voluntary_new', value: '5%' }]);
  });

  test('an empty line, a key with no value, text that is no pair', () => {
    expect(refused(parse('/capnhat'))).toEqual([{ code: 'empty' }]);
    expect(refused(parse('/capnhat   '))).toEqual([{ code: 'empty' }]);
    expect(refused(parse('/capnhat ky=quy 3/2026'))).toEqual([{ code: 'empty' }]);
    expect(refused(parse('tunguyen= tyle_tunguyen=4'))).toEqual([{ code: 'missing_value', field: 'tunguyen' }]);
    expect(refused(parse('ghichu="đã xong" thêm tunguyen=5'))).toEqual([{ code: 'bad_pair', value: 'thêm' }]);
  });

  test('the same metric twice under two names', () => {
    expect(refused(parse('tunguyen=5 voluntary=6'))).toEqual([{ code: 'duplicate_metric', field: 'voluntary', metric: 'voluntary_participants', value: '6' }]);
    expect(refused(parse('tyle_bhxh=30 bhxh=31%'))[0]!.code).toBe('duplicate_metric');
  });

  test('more participants than the labour force', () => {
    expect(refused(parse('bhxh=2.500 laodong=2.000'))).toEqual([{ code: 'participants_over_labour_force', metric: 'bhxh_participants', value: '2500' }]);
  });

  test('a note that is too long', () => {
    expect(refused(parse(`ghichu=${'a'.repeat(1001)}`))[0]!.code).toBe('note_too_long');
  });

  test('all problems at once, in the order written, and nothing half-stored', () => {
    const errors = refused(parse('/capnhat abc=1 tunguyen=-5 tyle_bhtn=101% ky=2027 hailong=90'));
    expect(errors.map((e) => e.code)).toEqual(['unknown_metric', 'negative_count', 'rate_over_100', 'future_period']);
    expect(errors).not.toHaveProperty('update');
  });
});

describe('the metric catalogue', () => {
  test('no two metrics share a name once diacritics and separators are ignored', () => {
    const names = METRICS.flatMap((m) => [...new Set(m.aliases.map(normaliseName))]);
    expect(new Set(names).size).toBe(names.length);
  });

  test('the names the brief lists', () => {
    const expected: Record<string, string> = {
      bhxh: 'bhxh_participants', thamgia_bhxh: 'bhxh_participants', tyle_bhxh: 'bhxh_coverage', bhtn: 'bhtn_participants', tyle_bhtn: 'bhtn_coverage',
      tunguyen: 'voluntary_participants', 'tự_nguyện': 'voluntary_participants', 'Tự nguyện': 'voluntary_participants', tyle_tunguyen: 'voluntary_coverage',
      moi_tunguyen: 'voluntary_new', huutri: 'pension_share', tyle_huutri: 'pension_share', hailong: 'satisfaction', laodong: 'labour_force', ghichu: 'note',
      voluntary: 'voluntary_participants', voluntary_rate: 'voluntary_coverage', note: 'note', 'tỉ_lệ_bhtn': 'bhtn_coverage',
    };
    for (const [name, id] of Object.entries(expected)) expect([name, findMetric(name)?.id]).toEqual([name, id]);
  });

  test('the guided flow reads one value the same way', () => {
    expect(readMetricValue('voluntary_coverage', '4,8%')).toEqual({ metric: 'voluntary_coverage', value: 4.8 });
    expect(readMetricValue('bhxh_participants', '35%')).toEqual({ metric: 'bhxh_coverage', value: 35 });
    expect(readMetricValue('satisfaction', '101')).toEqual({ code: 'rate_over_100', metric: 'satisfaction' });
  });
});
