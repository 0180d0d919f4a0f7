import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import type { Language } from './domain/people/person.js';
import type { LocaleResources, Namespace } from './domain/text/keys.js';

declare module 'i18next' {
  // Typed from locales/vi so that a key with no text fails to compile (`t('common:misspelled')`).
  interface CustomTypeOptions {
    resources: LocaleResources;
    // At run time the default namespace is `common` and any other is named as `ns:key`; the type
    // says so by listing `common` first (its keys go unprefixed) and the rest after it, the way
    // i18next types its own instance's `t`. A plain `common` here would refuse `progress:…` keys.
    defaultNS: ['common', ...Exclude<Namespace, 'common'>[]];
  }
}

export type { Language };
export const LANGUAGES: Language[] = ['vi', 'en'];

const localesDir = join(import.meta.dirname, '../locales');

function loadResources(): Resource {
  const resources: Resource = {};
  for (const lng of LANGUAGES) {
    resources[lng] = {};
    for (const file of readdirSync(join(localesDir, lng)).filter((f) => f.endsWith('.json'))) {
      resources[lng]![file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(localesDir, lng, file), 'utf8'));
    }
  }
  return resources;
}

/** Every text a person sees comes from locales/<lng>/<namespace>.json through this instance. */
export async function createI18n(defaultLanguage: Language = 'vi'): Promise<i18n> {
  const instance = i18next.createInstance();
  const resources = loadResources();
  await instance.init({
    resources,
    lng: defaultLanguage,
    fallbackLng: defaultLanguage,
    ns: Object.keys(resources.vi ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // `{{province, capitalize}}` where a name that may be lower case ("tất cả các tỉnh") opens a heading.
  instance.services.formatter?.add('capitalize', (value: unknown, lng: string | undefined) => {
    const text = String(value);
    return text.charAt(0).toLocaleUpperCase(lng) + text.slice(1);
  });
  return instance;
}

const translators = new WeakMap<i18n, Map<Language, TFunction>>();

/**
 * What `getFixedT(lng)` returns, made once per language and cheaper per call: i18next's own copies every option
 * of the instance at each call, which was half the cost of rendering a reminder. The same texts (test/i18n.test.ts).
 */
export function translatorFor(instance: i18n, lng: Language): TFunction {
  let byLanguage = translators.get(instance);
  if (!byLanguage) translators.set(instance, (byLanguage = new Map()));
  let t = byLanguage.get(lng);
  if (!t) {
    const fixed = instance.getFixedT(lng);
    // Other forms of a call (a default value in place of the options) go to i18next's own.
    const lean = (key: string, options?: unknown, ...rest: unknown[]) =>
      options === undefined || (typeof options === 'object' && options !== null) ? instance.t(key as never, { ...options, lng } as never) : (fixed as unknown as (...args: unknown[]) => string)(key, options, ...rest);
    byLanguage.set(lng, (t = lean as unknown as TFunction));
  }
  return t;
}

export function isLanguage(value: string | undefined): value is Language {
  return value === 'vi' || value === 'en';
}
