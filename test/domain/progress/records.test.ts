import { describe, expect, test } from 'vitest';
import { parseUpdateLine } from '../../../src/domain/progress/parse-update.js';
import { deadlinesAnsweredBy, isCorrection, recordsOf } from '../../../src/domain/progress/records.js';
import { DONG_PHU, LOC_NINH, NOW, at, deadlines, updates } from './fixture.js';

function parsed(text: string) {
  const result = parseUpdateLine(text, { now: NOW });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.update;
}

describe('storing an accepted update', () => {
  test('one record per value, stamped with who sent it and when', () => {
    const receivedAt = at('2024-10-19');
    expect(recordsOf(parsed('ky=2024-09 tunguyen=3.130 ghichu=sửa số'), { agencyId: DONG_PHU, personId: 7, receivedAt })).toEqual([
      { agencyId: DONG_PHU, period: '2024-09', metric: 'voluntary_participants', value: 3130, receivedAt, personId: 7 },
      { agencyId: DONG_PHU, period: '2024-09', metric: 'note', value: 'sửa số', receivedAt, personId: 7 },
    ]);
  });

  test('sending again for a period and metric already reported is a correction', () => {
    expect(isCorrection(parsed('ky=2024-09 tunguyen=3130'), DONG_PHU, updates)).toBe(true);
    expect(isCorrection(parsed('ky=2024-09 huutri=52'), LOC_NINH, updates)).toBe(false);
    expect(isCorrection(parsed('ky=2024-10 tunguyen=3130'), DONG_PHU, updates)).toBe(false);
  });
});

describe('deadlines an update may answer', () => {
  test("September's figures answer the open deadline of 15/10, not those already done", () => {
    expect(deadlinesAnsweredBy({ agencyId: DONG_PHU, period: '2024-09', deadlines, now: NOW }).map((d) => d.key)).toEqual(['d7']);
    // Done on 25/10, after now: still open now.
    expect(deadlinesAnsweredBy({ agencyId: LOC_NINH, period: '2024-09', deadlines, now: NOW }).map((d) => d.key)).toEqual(['d8']);
    expect(deadlinesAnsweredBy({ agencyId: DONG_PHU, period: '2024-06', deadlines, now: NOW })).toEqual([]);
  });
});
