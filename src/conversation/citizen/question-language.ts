import type { Language } from '../../i18n.js';

const ENGLISH = new Set(['how', 'much', 'what', 'does', 'do', 'the', 'is', 'are', 'for', 'my', 'me', 'pay', 'state', 'can', 'who', 'where', 'when', 'which', 'will', 'get', 'i', 'am', 'of', 'if', 'it', 'and', 'support', 'insurance', 'pension', 'join', 'register', 'month', 'monthly', 'income', 'poor', 'household']);
const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/**
 * The language a question is written in, when it is clearly English: a citizen who asks in
 * English is answered in English whatever the chat's setting. Anything unsure stays Vietnamese.
 */
export function questionLanguage(text: string): Language | undefined {
  if (VIETNAMESE_LETTERS.test(text)) return undefined;
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const english = words.filter((w) => ENGLISH.has(w)).length;
  return english >= 3 && english / words.length >= 0.4 ? 'en' : undefined;
}
