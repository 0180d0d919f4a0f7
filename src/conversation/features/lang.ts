import { isLanguage } from '../../i18n.js';
import { say, type Feature } from '../context.js';
import { buttonKindsOf, encodeButton } from '../../messaging/buttons.js';

export const lang: Feature = {
  commands: ['lang', 'ngonngu', 'language'],
  buttons: buttonKindsOf('lang'),
  async handle({ person, args, deps, button }) {
    const wanted = (button?.kind === 'lang' ? button.language : (args[0] ?? '')).toLowerCase();
    if (!isLanguage(wanted)) {
      return [{ lines: [{ key: 'common:lang.choose' }], buttons: [[{ key: 'common:lang.vi', data: encodeButton('lang', { language: 'vi' }) }, { key: 'common:lang.en', data: encodeButton('lang', { language: 'en' }) }]] }];
    }
    await deps.people.setLanguage(person.id, wanted);
    // Said in the language just chosen.
    return [{ ...say('common:lang.set'), language: wanted }];
  },
};
