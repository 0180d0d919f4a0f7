import { PROVINCES } from './provinces.js';

/**
 * Which province a message is about. Province names are matched on folded text, where
 * "đóng thấp" reads "dong thap" and "hòa bình" (peace) reads like the province: a name counts
 * only when the words as written could be it (their diacritics do not contradict it) and, for
 * names that are also everyday words once folded, only after a word that introduces a place.
 * Two provinces the message does not tell apart are returned for a clarifying question.
 */
export interface ProvinceReading {
  province?: string;
  /** Province codes the message is unsure between; empty when it is clear. */
  unsure: string[];
  spans: { start: number; end: number }[];
}

const PROVINCE_RE = new RegExp(String.raw`\b(${PROVINCES.flatMap((p) => p.aliases).sort((a, b) => b.length - a.length).join('|')})\b`, 'g');
const provinceOf = (alias: string): string => PROVINCES.find((p) => p.aliases.includes(alias))!.code;

/** Names as written with diacritics, for the aliases that read like other words once folded. */
const WRITTEN: Record<string, string> = {
  'dong thap': 'đồng tháp', 'hoa binh': 'hòa bình', 'thai binh': 'thái bình', 'ha nam': 'hà nam', 'lam dong': 'lâm đồng',
  'thu do': 'thủ đô', 'nam dinh': 'nam định', 'ha tinh': 'hà tĩnh', 'son la': 'sơn la', 'gia lai': 'gia lai', 'ca mau': 'cà mau',
  'long an': 'long an', hue: 'huế', 'tay ninh': 'tây ninh', 'phu tho': 'phú thọ', 'quang nam': 'quảng nam', 'binh dinh': 'bình định',
  'ha giang': 'hà giang', 'ben tre': 'bến tre', 'tra vinh': 'trà vinh', 'vinh long': 'vĩnh long', 'ba ria': 'bà rịa', 'da lat': 'đà lạt',
  'can tho': 'cần thơ', 'ha noi': 'hà nội', 'da nang': 'đà nẵng', 'dong nai': 'đồng nai', 'tien giang': 'tiền giang',
};
/** Aliases that, folded, are also common words or phrases: they need a place word before them. */
const AMBIGUOUS = new Set(['dong thap', 'hoa binh', 'thai binh', 'thu do', 'thai binh', 'ha nam', 'lam dong', 'thu do', 'nam dinh', 'ha tinh', 'son la', 'gia lai', 'ca mau', 'long an', 'hue', 'tay ninh', 'phu tho', 'quang nam', 'binh dinh', 'ha giang', 'tra vinh', 'ba ria']);
/** Names that are everyday words even with their diacritics (peace, the capital): a place word or a capital letter is needed. */
const WORDS_TOO = new Set(['hoa binh', 'thai binh', 'thu do']);
/** Words that introduce a place. */
const PLACE_BEFORE = /\b(?:o|tai|tinh|thanh pho|tp|que|ve|den|sang|tu|in|at|from|of|province|city|song|cu tru|thuong tru|tam tru|dia ban)$/;
const PLACE_AFTER = /^(?:province|city)\b/;
/** Words that say where someone lives, when two provinces are named. */
const RESIDENCE_BEFORE = /\b(?:song o|song tai|dang o|hien o|cu tru o|cu tru tai|thuong tru o|thuong tru tai|tam tru o|tam tru tai|live in|living in|lives in|reside in|based in|o hien tai|chuyen ve|ve)$/;

const SHAPE = /[\u0302\u0306\u031B]/; // circumflex, breve, horn
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/; // grave, acute, tilde, hook, dot below

/** Per letter: the letter without marks, its shape mark and its tone mark. */
function letters(word: string): { base: string; shape: string; tone: string }[] {
  return [...word.normalize('NFC')].map((ch) => {
    const parts = ch.normalize('NFD');
    const base = parts[0] === 'đ' || ch === 'đ' ? 'd' : parts[0]!;
    const marks = parts.slice(1);
    return { base, shape: ch === 'đ' ? 'đ' : (marks.match(SHAPE)?.[0] ?? ''), tone: marks.match(TONE)?.[0] ?? '' };
  });
}

/** True when the words as written contradict the name: a mark the name does not have. */
function contradicts(written: string, name: string): boolean {
  const a = letters(written);
  const b = letters(name);
  if (a.length !== b.length) return false;
  return a.some((x, i) => (x.shape && x.shape !== b[i]!.shape) || (x.tone && x.tone !== b[i]!.tone));
}

const hasMarks = (word: string) => /\P{ASCII}/u.test(word);

/** How the message wrote each occurrence of `alias` (lowercase, with its diacritics), in order. */
function writtenForms(original: string, alias: string, keepCase = false): string[] {
  const words = original.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const n = alias.split(' ').length;
  const folded = words.map((w) => w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'));
  const forms: string[] = [];
  for (let i = 0; i + n <= words.length; i++) if (folded.slice(i, i + n).join(' ') === alias) forms.push(words.slice(i, i + n).join(' '));
  return keepCase ? forms : forms.map((f) => f.toLowerCase());
}

const capitalised = (form: string) => form.split(' ').every((w) => /^\p{Lu}/u.test(w));

interface Found {
  code: string;
  start: number;
  end: number;
}

/** Whether the alias found at `start` in the normalised text names the province. */
function namesProvince(text: string, alias: string, start: number, end: number, original: string): boolean {
  const name = WRITTEN[alias];
  const forms = name ? writtenForms(original, alias) : [];
  // Written in the message with marks, none of which fits the name: it is some other word.
  const marked = forms.filter(hasMarks);
  if (name && marked.length && forms.length === marked.length && marked.every((f) => contradicts(f, name))) return false;
  if (!AMBIGUOUS.has(alias)) return true;
  if (WORDS_TOO.has(alias) ? writtenForms(original, alias, true).some(capitalised) : name && marked.some((f) => !contradicts(f, name))) return true;
  // A reply that is only the name (a guided step, a clarifying question) means the place.
  if (!text.slice(0, start).trim() && !text.slice(end).trim()) return true;
  return PLACE_BEFORE.test(text.slice(0, start).trimEnd()) || PLACE_AFTER.test(text.slice(end).trimStart());
}

export function readProvinces(text: string, original: string): ProvinceReading {
  const found: Found[] = [];
  const spans: { start: number; end: number }[] = [];
  for (const m of text.matchAll(PROVINCE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!namesProvince(text, m[1]!, start, end, original)) continue;
    found.push({ code: provinceOf(m[1]!), start, end });
    spans.push({ start, end });
  }
  const codes = [...new Set(found.map((f) => f.code))];
  if (codes.length <= 1) return { ...(codes[0] ? { province: codes[0] } : {}), unsure: [], spans };
  // Two places: the one the person lives in, when the message says so.
  const lived = [...new Set(found.filter((f) => RESIDENCE_BEFORE.test(text.slice(0, f.start).trimEnd())).map((f) => f.code))];
  if (lived.length === 1) return { province: lived[0]!, unsure: [], spans };
  return { unsure: codes, spans };
}
