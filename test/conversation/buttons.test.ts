import { describe, expect, test } from 'vitest';
import { features, fallback } from '../../src/conversation/features/index.js';
import { METRICS } from '../../src/domain/progress/index.js';
import { CATEGORIES, PROVINCES, TOPICS } from '../../src/domain/subsidy/index.js';
import { BUTTON_KINDS, BUTTON_REGISTRY, MAX_DATA_BYTES, MAX_ID, buttonFeature, decodeButton, encodeButton, registryProblems, type Button } from '../../src/messaging/buttons.js';

// The kinds' encoders are typed one by one; a test walking all of them calls the one function.
const encode = ({ kind, ...fields }: Button) => (encodeButton as (kind: string, fields: object) => string)(kind, fields);

/** One button of each kind, with the longest values the app writes. */
const SAMPLES: Button[] = [
  { kind: 'lang', language: 'vi' },
  { kind: 'invite.agency', agencyId: 123_456 },
  { kind: 'link.confirm', inviteId: 4_321 },
  { kind: 'reminder.done', key: '123456:123456:2026-06-30' },
  { kind: 'reminder.ack', key: '1:2:2026-06-30' },
  { kind: 'reminder.snooze', key: '1:2:2026-06-30' },
  // The longest occurrence key a plan can give (ids of 15 digits) still fits Telegram's 64 bytes.
  { kind: 'extension.request', key: '999999999999999:999999999999999:2026-06-30' },
  { kind: 'extension.approve', id: 12 },
  { kind: 'extension.decline', id: 12 },
  { kind: 'extension.cancel' },
  { kind: 'update.agency', agencyId: 42 },
  { kind: 'update.period', period: '2025-Q3' },
  { kind: 'update.metric', metric: 'voluntary_participants' },
  { kind: 'update.save' },
  { kind: 'update.cancel' },
  { kind: 'subsidy.category', category: 'ethnic_minority' },
  { kind: 'subsidy.category', category: '' },
  { kind: 'subsidy.province', province: '-' },
  { kind: 'subsidy.income', income: 'min' },
  { kind: 'subsidy.months', months: 120 },
  { kind: 'subsidy.cancel' },
  { kind: 'question.topic', topic: 'calculator' },
  { kind: 'question.handOff', questionId: 98_765 },
  { kind: 'question.category', questionId: 98_765_432, category: 'ethnic_minority' },
  { kind: 'question.province', questionId: 98_765_432, province: 'ho-chi-minh' },
];

describe('button data', () => {
  test('every kind has a sample, and each comes back as it went', () => {
    expect(new Set(SAMPLES.map((b) => b.kind))).toEqual(new Set(BUTTON_KINDS));
    for (const button of SAMPLES) expect(decodeButton(encode(button))).toEqual(button);
  });

  test('data in chats from before the registry still reads: every form written until now', () => {
    expect(decodeButton('l:en')).toEqual({ kind: 'lang', language: 'en' });
    expect(decodeButton('i:12')).toEqual({ kind: 'invite.agency', agencyId: 12 });
    expect(decodeButton('r:d:3:45:2026-06-30')).toEqual({ kind: 'reminder.done', key: '3:45:2026-06-30' });
    expect(decodeButton('r:a:3:45:2026-06-30')).toEqual({ kind: 'reminder.ack', key: '3:45:2026-06-30' });
    expect(decodeButton('r:s:3:45:2026-06-30')).toEqual({ kind: 'reminder.snooze', key: '3:45:2026-06-30' });
    expect(decodeButton('u:a:7')).toEqual({ kind: 'update.agency', agencyId: 7 });
    expect(decodeButton('u:p:2025-09')).toEqual({ kind: 'update.period', period: '2025-09' });
    expect(decodeButton('u:m:voluntary_new')).toEqual({ kind: 'update.metric', metric: 'voluntary_new' });
    expect(decodeButton('u:s')).toEqual({ kind: 'update.save' });
    expect(decodeButton('u:x')).toEqual({ kind: 'update.cancel' });
    expect(decodeButton('s:c:near_poor')).toEqual({ kind: 'subsidy.category', category: 'near_poor' });
    expect(decodeButton('s:c:')).toEqual({ kind: 'subsidy.category', category: '' });
    expect(decodeButton('s:p:ha-noi')).toEqual({ kind: 'subsidy.province', province: 'ha-noi' });
    expect(decodeButton('s:i:3000000')).toEqual({ kind: 'subsidy.income', income: '3000000' });
    expect(decodeButton('s:m:6')).toEqual({ kind: 'subsidy.months', months: 6 });
    expect(decodeButton('s:x')).toEqual({ kind: 'subsidy.cancel' });
    // The answers' buttons were written under the calculator's `s:`; they now have `q:` of their own.
    expect(decodeButton('s:t:calculator')).toEqual({ kind: 'question.topic', topic: 'calculator' });
    expect(decodeButton('s:h:12')).toEqual({ kind: 'question.handOff', questionId: 12 });
    expect(encodeButton('question.handOff', { questionId: 12 })).toBe('q:h:12');
    // A clarifying question's options, new with the registry: written only in this form.
    expect(encodeButton('question.category', { questionId: 12, category: 'near_poor' })).toBe('q:c:12:near_poor');
    expect(decodeButton('q:p:12:ha-noi')).toEqual({ kind: 'question.province', questionId: 12, province: 'ha-noi' });
  });

  test('data no kind writes is refused', () => {
    for (const data of ['', 'x', 'z:1', 'l', 'i:', 'i:abc', 'i:-1', 'u:q:1', 'u:s:more', 's:x:1', 's:m:six', 's:', 'r:d', 'q:t:a b', 'l:vi ', 'S:X']) {
      expect(decodeButton(data), data).toBeUndefined();
    }
  });

  test('no prefix is registered twice, inside another or for two features', () => {
    expect(registryProblems(BUTTON_REGISTRY)).toEqual([]);
    const twice = { a: { feature: 'x', prefix: 'q:t', fields: [] }, b: { feature: 'x', prefix: 'z', legacy: ['q:t'], fields: [] } };
    expect(registryProblems(twice)).toEqual(['prefix q:t is registered for a and b']);
    const inside = { a: { feature: 'x', prefix: 'r', fields: [] }, b: { feature: 'x', prefix: 'r:d', fields: [] } };
    expect(registryProblems(inside)).toEqual(['prefix r (a) and r:d (b) overlap']);
    const shared = { a: { feature: 'x', prefix: 's:c', fields: [] }, b: { feature: 'y', prefix: 's:t', fields: [] } };
    expect(registryProblems(shared)).toEqual(['prefix s: is used by x and y']);
  });

  test("every value the app puts on a button fits Telegram's 64 bytes; longer data is refused", () => {
    const written = [
      ...SAMPLES.map(encode),
      ...TOPICS.map((topic) => encodeButton('question.topic', { topic })),
      ...CATEGORIES.map((category) => encodeButton('subsidy.category', { category })),
      ...PROVINCES.map((p) => encodeButton('subsidy.province', { province: p.code })),
      ...METRICS.map((m) => encodeButton('update.metric', { metric: m.id })),
      // A clarifying question's options, under the largest question id a button can carry.
      ...CATEGORIES.map((category) => encodeButton('question.category', { questionId: MAX_ID, category })),
      ...PROVINCES.map((p) => encodeButton('question.province', { questionId: MAX_ID, province: p.code })),
    ];
    for (const data of written) expect(Buffer.byteLength(data), data).toBeLessThanOrEqual(MAX_DATA_BYTES);
    expect(() => encodeButton('reminder.done', { key: 'k'.repeat(61) })).toThrow(/64 bytes/);
    expect(() => encodeButton('update.period', { period: '2025 Q3' })).toThrow();
    expect(() => encodeButton('invite.agency', { agencyId: 1.5 })).toThrow();
  });

  test('each kind is answered by the one feature the registry names', () => {
    for (const kind of BUTTON_KINDS) {
      const answering = [...features, fallback].filter((f) => f.buttons?.includes(kind));
      expect(answering, kind).toHaveLength(1);
      expect(answering[0]!.buttons, kind).toEqual(BUTTON_KINDS.filter((k) => buttonFeature(k) === buttonFeature(kind)));
    }
  });
});
