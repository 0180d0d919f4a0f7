import type { Language } from '../../i18n.js';

// Common English words that are not also Vietnamese syllables once folded (no "an", "do", "to", "me").
const ENGLISH = new Set(
  `how much what does the is are for my pay state can who where when which will get i am of if it and support insurance pension join
  register month monthly income poor household households near weather like today tomorrow rain football match score bank loan
  interest rate gold price exchange card health renew driving licence license identity tax recipe lottery life cost costs
  please thanks thank hello hi you your we our they their there this that these those with from about would should could
  have has had was were been be an any some many more most less least lowest highest minimum maximum per every each year years
  months day days time why tell know want need help question answer work working job company government city province
  family people person old age retire retirement benefit benefits contribution contributions subsidy social voluntary
  compulsory maternity unemployment withdraw withdrawal lump sum not no yes ok okay good morning evening night last next
  joke funny story name won win play music movie food eat hungry love sorry`.split(/\s+/),
);
const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/**
 * The language a question is written in, when it is clearly English: a citizen who asks in
 * English is answered in English whatever the chat's setting. Anything unsure stays Vietnamese.
 */
export function questionLanguage(text: string): Language | undefined {
  if (VIETNAMESE_LETTERS.test(text)) return undefined;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const english = words.filter((w) => ENGLISH.has(w)).length;
  return english >= 2 && english / words.length >= 0.5 ? 'en' : undefined;
}
