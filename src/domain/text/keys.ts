import type citizen from '../../../locales/vi/citizen.json';
import type cli from '../../../locales/vi/cli.json';
import type common from '../../../locales/vi/common.json';
import type dates from '../../../locales/vi/dates.json';
import type progress from '../../../locales/vi/progress.json';
import type reminders from '../../../locales/vi/reminders.json';
import type subsidy from '../../../locales/vi/subsidy.json';

/**
 * The texts' shape, one entry per file in locales/vi (the namespace is the file name). Vietnamese
 * is the reference: the locale parity test keeps English in step, so its keys are the same.
 */
export interface LocaleResources {
  citizen: typeof citizen;
  cli: typeof cli;
  common: typeof common;
  dates: typeof dates;
  progress: typeof progress;
  reminders: typeof reminders;
  subsidy: typeof subsidy;
}

export type Namespace = keyof LocaleResources;

/** Dotted paths to the strings of a nested texts object: `{ a: { b: '…' } }` → `'a.b'`. */
type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];

/**
 * Every text's key as code names it, `namespace:path` (`progress:metric.voluntary_new`). A key built at
 * run time (`progress:metric.${metric}`) type-checks only if every value of its union has a text.
 */
export type TextKey = { [Ns in Namespace]: `${Ns}:${Paths<LocaleResources[Ns]>}` }[Namespace];
