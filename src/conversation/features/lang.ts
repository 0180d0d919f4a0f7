import { isLanguage } from '../../i18n.js';
import { say, type Feature } from '../context.js';

export const lang: Feature = {
  commands: ['lang', 'ngonngu', 'language'],
  buttons: ['l:'],
  async handle({ person, args, deps }) {
    const wanted = (args[0] ?? '').replace(/^l:/, '').toLowerCase();
    if (!isLanguage(wanted)) {
      return [{ lines: [{ key: 'common:lang.choose' }], buttons: [[{ key: 'common:lang.vi', data: 'l:vi' }, { key: 'common:lang.en', data: 'l:en' }]] }];
    }
    await deps.people.setLanguage(person.id, wanted);
    return [say('common:lang.set')];
  },
};
