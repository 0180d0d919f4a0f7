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

interface Words {
  written: string[];
  folded: string[];
}

/** The message's words as written (NFC) and folded, read once however many names it holds. */
function wordsOf(original: string): Words {
  const written = original.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const seen = new Map<string, string>();
  const fold = (w: string) => w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  return { written, folded: written.map((w) => seen.get(w) ?? seen.set(w, fold(w)).get(w)!) };
}

/** How the message wrote each occurrence of `alias` (as written, case kept), in order. */
function writtenForms({ written, folded }: Words, alias: string): string[] {
  const parts = alias.split(' ');
  const forms: string[] = [];
  for (let i = 0; i + parts.length <= written.length; i++) {
    if (parts.every((part, k) => folded[i + k] === part)) forms.push(written.slice(i, i + parts.length).join(' '));
  }
  return forms;
}

const capitalised = (form: string) => form.split(' ').every((w) => /^\p{Lu}/u.test(w));

interface Found {
  code: string;
  start: number;
  end: number;
}

type Writing = 'other word' | 'name' | 'context';

/**
 * One message as the province reader needs it. Each is worked out once per message, not once per name found:
 * a long message that repeats a name hundreds of times must not be read again for each.
 */
function messageOf(text: string, original: string) {
  let words: Words | undefined;
  const writings = new Map<string, Writing>();
  const first = text.search(/\S/);
  const last = text.length - (text.match(/\s*$/)?.[0].length ?? 0);
  return {
    /** What the way `alias` is written says of it (byWriting). */
    writing(alias: string): Writing {
      let found = writings.get(alias);
      if (!found) writings.set(alias, (found = byWriting((words ??= wordsOf(original)), alias)));
      return found;
    },
    /** Only spaces before `start`, and after `end`. */
    alone: (start: number, end: number) => start <= first && end >= last,
    /** The last words before `start`, enough for the longest word that introduces a place. */
    before(start: number): string {
      let e = start;
      while (e > 0 && /\s/.test(text[e - 1]!)) e--;
      const from = text.lastIndexOf(' ', Math.max(0, e - WORDS_BEFORE));
      return text.slice(Math.max(0, from), e);
    },
    /** The first words after `end`. */
    after(end: number): string {
      let s = end;
      while (s < text.length && /\s/.test(text[s]!)) s++;
      return text.slice(s, s + WORDS_BEFORE);
    },
  };
}

/** Longer than any phrase of PLACE_BEFORE or RESIDENCE_BEFORE. */
const WORDS_BEFORE = 40;

/**
 * What the way the message writes `alias` says, the same wherever it stands: that it is some other word, that it
 * is the name, or that the words around it decide.
 */
function byWriting(words: Words, alias: string): Writing {
  const name = WRITTEN[alias];
  const asWritten = name || WORDS_TOO.has(alias) ? writtenForms(words, alias) : [];
  const forms = name ? asWritten.map((f) => f.toLowerCase()) : [];
  // Written in the message with marks, none of which fits the name: it is some other word.
  const marked = forms.filter(hasMarks);
  if (name && marked.length && forms.length === marked.length && marked.every((f) => contradicts(f, name))) return 'other word';
  if (!AMBIGUOUS.has(alias)) return 'name';
  if (WORDS_TOO.has(alias) ? asWritten.some(capitalised) : name && marked.some((f) => !contradicts(f, name))) return 'name';
  return 'context';
}

/** Whether the alias found at `start` in the normalised text names the province. */
function namesProvince(message: ReturnType<typeof messageOf>, alias: string, start: number, end: number): boolean {
  const writing = message.writing(alias);
  if (writing !== 'context') return writing === 'name';
  // A reply that is only the name (a guided step, a clarifying question) means the place.
  if (message.alone(start, end)) return true;
  return PLACE_BEFORE.test(message.before(start)) || PLACE_AFTER.test(message.after(end));
}

export function readProvinces(text: string, original: string): ProvinceReading {
  const message = messageOf(text, original);
  const found: Found[] = [];
  const spans: { start: number; end: number }[] = [];
  for (const m of text.matchAll(PROVINCE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!namesProvince(message, m[1]!, start, end)) continue;
    found.push({ code: provinceOf(m[1]!), start, end });
    spans.push({ start, end });
  }
  const codes = [...new Set(found.map((f) => f.code))];
  if (codes.length <= 1) return { ...(codes[0] ? { province: codes[0] } : {}), unsure: [], spans };
  // Two places: the one the person lives in, when the message says so.
  const lived = [...new Set(found.filter((f) => RESIDENCE_BEFORE.test(message.before(f.start))).map((f) => f.code))];
  if (lived.length === 1) return { province: lived[0]!, unsure: [], spans };
  return { unsure: codes, spans };
}
