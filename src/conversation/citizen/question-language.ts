import type { Language } from '../../i18n.js';

// Common English words, including some that are Vietnamese syllables once folded ("can", "in", "on").
const ENGLISH = new Set(
  `how much what does the is are for my pay state can who where when which will get i am of if it and support insurance pension join
  register month monthly income poor household households near weather like today tomorrow rain football match score bank loan
  interest rate gold price exchange card health renew driving licence license identity tax recipe lottery life cost costs
  please thanks thank hello hi you your we our they their there this that these those with from about would should could
  have has had was were been be an any some many more most less least lowest highest minimum maximum per every each year years
  months day days time why tell know want need help question answer work working job company government city province
  family people person old age retire retirement benefit benefits contribution contributions subsidy social voluntary
  compulsory maternity unemployment withdraw withdrawal lump sum not no yes ok okay good morning evening night last next
  joke funny story name won win play music movie food eat hungry love sorry buy sell new phone car house where in on at to do`.split(/\s+/),
);
const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

// The shape of a Vietnamese syllable written without its marks: an initial consonant, a vowel group, a final.
// An English word rarely has it ("restaurant", "phone", "weather", "good"); most Vietnamese typed bare does.
const VIETNAMESE_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:uye|uya|uyu|uoi|uou|ieu|yeu|oai|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|iu|ie|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])(?:ng|nh|ch|[cmnpt])?$/;

/**
 * The language a question is written in, when it is clearly English: a citizen who asks in
 * English is answered in English whatever the chat's setting, on the topic or not. A word counts
 * as English when it is a common English word or cannot be a Vietnamese syllable; words without
 * a vowel (bhxh, hcn, 3tr) are abbreviations and count for neither. Anything unsure stays Vietnamese.
 */
export function questionLanguage(text: string): Language | undefined {
  if (VIETNAMESE_LETTERS.test(text)) return undefined;
  const words = (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => /[aeiouy]/.test(w));
  const english = words.filter((w) => ENGLISH.has(w) || !VIETNAMESE_SYLLABLE.test(w)).length;
  return english >= 2 && english / words.length >= 0.5 ? 'en' : undefined;
}
