import type { TFunction } from 'i18next';
import type { ProgressMetric } from '../../src/domain/progress/metrics.js';
import type { TextLine } from '../../src/domain/text/line.js';

// Checked by `tsc --noEmit -p .`, never run (vitest takes *.test.ts): a line under `@ts-expect-error`
// that compiles fails the type check, so a key with no text in locales/vi cannot slip through.

export function keysAreChecked(t: TFunction, metric: ProgressMetric, status: 'open' | 'lost', read: string): TextLine[] {
  t('common:allProvinces');
  t(`progress:metric.${metric}`);
  // @ts-expect-error: no text has this key
  t('common:misspelled');
  // @ts-expect-error: a key built from a value with no text ('lost')
  t(`reminders:deadline.${status}`);
  // @ts-expect-error: a string read at run time is not known to be a key
  t(read);
  return [
    { key: 'progress:period.year', params: { year: 2026, name: { key: `progress:metric.${metric}` } } },
    { text: 'Sở Y tế' },
    // @ts-expect-error: a line's key is checked too
    { key: 'common:misspelled' },
    // @ts-expect-error: text passed through untranslated is a verbatim line, `{ text }`
    { key: 'common:raw', params: { text: 'Sở Y tế' } },
  ];
}
