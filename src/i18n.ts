import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import type { Language } from './domain/people/person.js';

export type { Language };
export const LANGUAGES: Language[] = ['vi', 'en'];
export type Translate = TFunction;

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
  return instance;
}

export function isLanguage(value: string | undefined): value is Language {
  return value === 'vi' || value === 'en';
}
